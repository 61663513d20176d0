package dev.sluice.spring;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;

import java.util.Set;

/**
 * Tells Spring Boot that {@link SluiceMigrationInitializer} initializes the database, so that the beans
 * that use it (JPA's entity manager factory, jOOQ, a {@code JdbcTemplate}, anything annotated
 * {@code @DependsOnDatabaseInitialization}) are created after the migrations ran, as they are after Flyway's.
 */
public class SluiceDatabaseInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

    @Override
    protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
        return Set.of(SluiceMigrationInitializer.class);
    }
}
