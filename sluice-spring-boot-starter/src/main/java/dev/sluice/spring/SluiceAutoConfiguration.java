package dev.sluice.spring;

import dev.sluice.Sluice;
import dev.sluice.SluiceOptions;
import dev.sluice.config.SluiceConfig;
import dev.sluice.db.DataSourceConnectionFactory;
import dev.sluice.migration.Locations;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import dev.sluice.monitor.MonitorSettings;
import dev.sluice.monitor.SluiceMetrics;
import dev.sluice.monitor.SluiceMonitor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Sluice at application start-up: a {@link Sluice} facade on the application's {@link DataSource} and the
 * {@code spring.sluice.*} properties, and the {@link SluiceMigrationInitializer} that migrates with it
 * before anything that uses the database is created.
 *
 * <p>The data source's auto-configuration is named by class name for both Boot lines (its package moved
 * in Boot 4), so this class compiles against the API the two lines share. Flyway's auto-configuration is
 * switched off by {@link FlywayTakeover} rather than ordered after, so the two never both migrate.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"})
@ConditionalOnBean(DataSource.class)
@ConditionalOnProperty(prefix = "spring.sluice", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(SluiceProperties.class)
public class SluiceAutoConfiguration {

    /** What messages call the database until its first connection names its URL. */
    static final String DATA_SOURCE = "the application's DataSource";

    /**
     * The facade. Its settings: the {@code spring.sluice.*} properties over the {@code SLUICE_*} environment;
     * {@code lint.fail-on-error=false} turns the gate inside {@code migrate} off (the initializer then logs
     * the findings itself).
     */
    @Bean
    @ConditionalOnMissingBean
    public Sluice sluice(ObjectProvider<DataSource> dataSource, SluiceProperties properties) {
        SluiceConfig config = settings(properties);
        Locations locations = config.locations(Path.of("").toAbsolutePath(), SluiceAutoConfiguration.class.getClassLoader());
        SluiceOptions.Builder options = SluiceOptions.builder(new DataSourceConnectionFactory(dataSource.getObject(), DATA_SOURCE))
                .settings(config);
        locations.sources().forEach(options::source);
        if (!properties.getLint().isFailOnError()) {
            options.lint(config.lint().withBeforeMigrate(false));
        }
        return new Sluice(options.build());
    }

    /**
     * The monitor behind the health indicator and the metrics: the core's, with the health rules of
     * {@link dev.sluice.monitor.HealthReport}. Its drift check compares with the fingerprint the history
     * stored (cheap, no scratch server) unless {@code SLUICE_MONITOR_DRIFT=rebuild} asks otherwise.
     */
    @Bean
    @ConditionalOnMissingBean
    public SluiceMonitor sluiceMonitor(Sluice sluice, SluiceProperties properties) {
        SluiceConfig config = settings(properties);
        MonitorSettings monitor = config.monitor();
        if (config.get("monitor.drift").isEmpty()) {
            monitor = monitor.withDriftMode(MonitorSettings.DriftMode.HISTORY);
        }
        return sluice.monitor(monitor, Optional.empty());
    }

    @Bean
    @ConditionalOnMissingBean
    public SluiceMigrationInitializer sluiceMigrationInitializer(Sluice sluice, SluiceMonitor monitor, SluiceProperties properties) {
        return new SluiceMigrationInitializer(sluice, monitor, properties);
    }

    /** Micrometer gauges under {@code sluice.*} (the core's {@link SluiceMetrics}); Boot binds every MeterBinder bean. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
    static class Metrics {

        @Bean
        @ConditionalOnMissingBean
        SluiceMetrics sluiceMetrics(SluiceMonitor monitor, SluiceProperties properties, Environment environment) {
            String name = Optional.ofNullable(properties.getMonitor().getName())
                    .orElse(environment.getProperty("spring.application.name", "application"));
            return new SluiceMetrics(monitor, name);
        }
    }

    /** The health indicator on Boot 3.x's health contract (spring-boot-actuator). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
    @ConditionalOnProperty(prefix = "management.health.sluice", name = "enabled", matchIfMissing = true)
    static class Boot3Health {

        @Bean
        @ConditionalOnMissingBean(name = "sluiceHealthIndicator")
        Boot3SluiceHealthIndicator sluiceHealthIndicator(SluiceMonitor monitor) {
            return new Boot3SluiceHealthIndicator(new SluiceHealth(monitor));
        }
    }

    /** The health indicator on Boot 4.x's health contract (spring-boot-health). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    @ConditionalOnProperty(prefix = "management.health.sluice", name = "enabled", matchIfMissing = true)
    static class Boot4Health {

        @Bean
        @ConditionalOnMissingBean(name = "sluiceHealthIndicator")
        Boot4SluiceHealthIndicator sluiceHealthIndicator(SluiceMonitor monitor) {
            return new Boot4SluiceHealthIndicator(new SluiceHealth(monitor));
        }
    }

    static SluiceConfig settings(SluiceProperties properties) {
        return SluiceConfig.fromEnvironment(System.getenv())
                .overriddenBy(SluiceConfig.of(properties.toSettings(), "the spring.sluice properties"));
    }
}
