package dev.sluice.spring;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

import java.util.Set;

/**
 * Switches Flyway's auto-configuration off while Sluice's is on, and says so in the log, so that an
 * application with both on its class path (one moving from Flyway, or one that keeps Flyway for its
 * tools) has one migrator at start-up and never two runs racing over the same folder.
 *
 * <p>Why a filter and not an ordering: ordering Sluice first would still leave Flyway to migrate after
 * it and to fail on the objects Sluice created; a property default could be overridden by the
 * application's own {@code spring.flyway.enabled=true} without anyone noticing two migrators. The class
 * names of both Boot lines are listed (the auto-configuration moved to {@code spring-boot-flyway} in
 * Boot 4).
 *
 * <p>Hazard: a database that Flyway migrated has no Sluice history yet; Sluice then refuses to plan
 * and names {@code sluice adopt --from flyway}, which takes Flyway's history over once.
 */
public class FlywayTakeover implements AutoConfigurationImportFilter, EnvironmentAware {

    private static final Logger LOG = LoggerFactory.getLogger(FlywayTakeover.class);

    /** Flyway's auto-configuration, as Boot 3.x and Boot 4.x name it. */
    static final Set<String> FLYWAY_AUTO_CONFIGURATIONS = Set.of(
            "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration");

    private Environment environment;
    private boolean said;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata autoConfigurationMetadata) {
        boolean sluiceOn = environment == null || environment.getProperty("spring.sluice.enabled", Boolean.class, true);
        boolean[] keep = new boolean[autoConfigurationClasses.length];
        for (int i = 0; i < autoConfigurationClasses.length; i++) {
            String name = autoConfigurationClasses[i];
            keep[i] = !sluiceOn || name == null || !FLYWAY_AUTO_CONFIGURATIONS.contains(name) || !flywayPresent();
            if (!keep[i] && !said) {
                said = true;
                LOG.info("Sluice: Flyway is on the class path too; its auto-configuration ({}) is switched off and Sluice runs"
                        + " the migrations at start-up (spring.sluice.enabled=false gives them back to Flyway)", name);
            }
        }
        return keep;
    }

    private boolean flywayPresent() {
        try {
            Class.forName("org.flywaydb.core.Flyway", false, FlywayTakeover.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
