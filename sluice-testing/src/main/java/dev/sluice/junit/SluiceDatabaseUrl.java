package dev.sluice.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code String} parameter that receives the test database's JDBC URL, for code under test that
 * connects by URL. On a {@code SLUICE_TEST_URL} server the URL carries no credentials; take a
 * {@code DataSource} parameter there instead, which has them.
 */
@Documented
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface SluiceDatabaseUrl {
}
