package dev.sluice.junit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class whose tests get a database with the project's migrations applied: parameters of type
 * {@code javax.sql.DataSource}, {@code dev.sluice.Sluice} (bound to that database and these migrations),
 * or {@code @SluiceDatabaseUrl String}.
 *
 * <p>The migrations are applied once per JVM to a template database, and each test's database is a copy
 * of it ({@code CREATE DATABASE ... TEMPLATE}), which costs milliseconds however many migrations there are.
 */
@Documented
@Inherited
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(SluiceExtension.class)
public @interface SluiceTest {

    /**
     * The migrations folder, relative to the working directory (the module's folder under Maven). Empty:
     * the settings file's {@code locations} when it sets one, else {@code src/main/resources/db/migration}
     * (Flyway's place), else {@code migrations} (the CLI's).
     */
    String migrations() default "";

    /** Whether each test method or the whole class gets a fresh database. */
    Isolation isolation() default Isolation.PER_METHOD;

    /**
     * The Sluice settings file whose {@code locations}, {@code java-package}, {@code schema}, {@code table},
     * execution and lint keys apply, as they do for {@code sluice migrate}; a missing file is no settings.
     * Relative to the working directory.
     */
    String config() default "sluice.conf";
}
