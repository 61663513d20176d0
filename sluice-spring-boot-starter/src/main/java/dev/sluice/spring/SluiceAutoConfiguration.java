package dev.sluice.spring;

import dev.sluice.Sluice;
import dev.sluice.SluiceOptions;
import dev.sluice.config.SluiceConfig;
import dev.sluice.db.DataSourceConnectionFactory;
import dev.sluice.migration.Locations;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import javax.sql.DataSource;
import java.nio.file.Path;

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

    @Bean
    @ConditionalOnMissingBean
    public SluiceMigrationInitializer sluiceMigrationInitializer(Sluice sluice, SluiceProperties properties) {
        return new SluiceMigrationInitializer(sluice, properties);
    }

    static SluiceConfig settings(SluiceProperties properties) {
        return SluiceConfig.fromEnvironment(System.getenv())
                .overriddenBy(SluiceConfig.of(properties.toSettings(), "the spring.sluice properties"));
    }
}
