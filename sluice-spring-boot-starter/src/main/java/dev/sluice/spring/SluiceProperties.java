package dev.sluice.spring;

import dev.sluice.config.SluiceConfig;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code spring.sluice.*} properties. Each one that has a {@code sluice.conf} key is handed to
 * {@link SluiceConfig} under that key ({@link #toSettings()}), which reads and checks it as for every other
 * shell; {@code SLUICE_<KEY>} environment variables apply beneath these properties. A property left unset
 * takes Sluice's default, named in its description.
 */
@ConfigurationProperties(prefix = "spring.sluice")
public class SluiceProperties {

    /** Run pending migrations at start-up, in place of Flyway's auto-configuration when Flyway is present too. */
    private boolean enabled = true;

    /**
     * Where the migrations are: classpath:FOLDER or filesystem:FOLDER entries, as Flyway writes them. Default
     * classpath:db/migration, Flyway's.
     */
    private List<String> locations = new ArrayList<>(List.of("classpath:db/migration"));

    /** The schema of the history table. Default public. */
    private String schema;

    /** The history table's name. Default sluice_history. */
    private String table;

    /** Java migrations (classes extending SafeMigration) in this package, found on the application's class path. */
    private String javaPackage;

    /** lock_timeout of every migration statement; a lock not had within it is retried with backoff. Default 2s. */
    private Duration lockTimeout;

    /** statement_timeout of every migration statement; 0 means none. Default 0. */
    private Duration statementTimeout;

    /** How long to wait for another instance that holds the migration lock (a rolling start). Default 60s. */
    private Duration lockWait;

    /** How long one migration keeps retrying after lock timeouts and deadlocks before start-up fails. Default 10m. */
    private Duration retryDeadline;

    /**
     * Before a migration, wait while a transaction older than this holds a lock on a table it touches; 0 only
     * warns. Default 0.
     */
    private Duration maxBlockerAge;

    /**
     * How old a transaction must be before a migration waits it out up front, with no lock request queued;
     * younger ones meet the lock timeout and a retry. Default 50ms.
     */
    private Duration blockerGrace;

    /** idle_in_transaction_session_timeout of the migration's session. Default 10m. */
    private Duration idleTimeout;

    /** When the database goes away during the run, how long to wait for it before start-up fails. Default 0. */
    private Duration reconnectWait;

    /**
     * Complete an online (expand/contract) migration at start-up instead of leaving it in progress for
     * 'sluice complete' once no instance of the old version runs. Default false.
     */
    private boolean completeOnline;

    private final Lint lint = new Lint();

    private final Health health = new Health();

    private final Monitor monitor = new Monitor();

    /** The health indicator ({@code sluice} under /actuator/health), judged by Sluice's health rules. */
    public static class Health {

        /**
         * The reasons that make health DOWN, of unreachable, invalid-files, pending, failed, drift,
         * running-too-long, or none. Default all of them.
         */
        private List<String> downOn = new ArrayList<>();

        /** A migration run holding the lock for longer is reason running-too-long. Default 30m. */
        private Duration maxRunning;

        /**
         * Compare the live schema with the fingerprint the history stored once at start-up, before migrating,
         * so that the health shows drift (a change made by hand since the last migration). Off by default: it
         * reads the whole schema's catalog, which costs start-up time that grows with the schema.
         */
        private boolean driftCheck;

        public List<String> getDownOn() {
            return downOn;
        }

        public void setDownOn(List<String> downOn) {
            this.downOn = downOn;
        }

        public Duration getMaxRunning() {
            return maxRunning;
        }

        public void setMaxRunning(Duration maxRunning) {
            this.maxRunning = maxRunning;
        }

        public boolean isDriftCheck() {
            return driftCheck;
        }

        public void setDriftCheck(boolean driftCheck) {
            this.driftCheck = driftCheck;
        }
    }

    /** How the health indicator and the metrics read the database. */
    public static class Monitor {

        /** How old the figures may be before a health check or a scrape reads the database again. Default 5s. */
        private Duration maxAge;

        /** The value of the database tag of the sluice.* meters. Default spring.application.name, else "application". */
        private String name;

        public Duration getMaxAge() {
            return maxAge;
        }

        public void setMaxAge(Duration maxAge) {
            this.maxAge = maxAge;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }
    }

    /** The lint that runs before the first statement. */
    public static class Lint {

        /**
         * Refuse to start when a pending migration has an error-level lint finding, as 'sluice migrate' does;
         * false logs the findings as warnings and migrates anyway.
         */
        private boolean failOnError = true;

        /** Rule ids to turn off. */
        private List<String> disable = new ArrayList<>();

        /** Severity by rule id: error, warning or info. */
        private Map<String, String> severity = new LinkedHashMap<>();

        /** The oldest PostgreSQL major the migrations must be safe on. Default 14. */
        private Integer pgVersion;

        public boolean isFailOnError() {
            return failOnError;
        }

        public void setFailOnError(boolean failOnError) {
            this.failOnError = failOnError;
        }

        public List<String> getDisable() {
            return disable;
        }

        public void setDisable(List<String> disable) {
            this.disable = disable;
        }

        public Map<String, String> getSeverity() {
            return severity;
        }

        public void setSeverity(Map<String, String> severity) {
            this.severity = severity;
        }

        public Integer getPgVersion() {
            return pgVersion;
        }

        public void setPgVersion(Integer pgVersion) {
            this.pgVersion = pgVersion;
        }
    }

    /**
     * The properties set, as {@code sluice.conf} keys and values: the one form {@link SluiceConfig} reads.
     * Unset properties are absent, so the environment's {@code SLUICE_*} or Sluice's default applies.
     */
    public Map<String, String> toSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("locations", String.join(",", locations));
        put(settings, "schema", schema);
        put(settings, "table", table);
        put(settings, "java-package", javaPackage);
        put(settings, "lock-timeout", lockTimeout);
        put(settings, "statement-timeout", statementTimeout);
        put(settings, "lock-wait", lockWait);
        put(settings, "retry-deadline", retryDeadline);
        put(settings, "max-blocker-age", maxBlockerAge);
        put(settings, "blocker-grace", blockerGrace);
        put(settings, "idle-timeout", idleTimeout);
        put(settings, "reconnect-wait", reconnectWait);
        if (!lint.disable.isEmpty()) {
            settings.put("lint.disable", String.join(",", lint.disable));
        }
        lint.severity.forEach((rule, level) -> settings.put(SluiceConfig.LINT_SEVERITY_PREFIX + rule, level));
        put(settings, "lint.pg-version", lint.pgVersion);
        if (!health.downOn.isEmpty()) {
            settings.put("health.down-on", String.join(",", health.downOn));
        }
        put(settings, "health.max-running", health.maxRunning);
        put(settings, "monitor.max-age", monitor.maxAge);
        return settings;
    }

    private static void put(Map<String, String> settings, String key, Object value) {
        if (value instanceof Duration d) {
            settings.put(key, d.toMillis() + "ms");
        } else if (value != null) {
            settings.put(key, value.toString());
        }
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public List<String> getLocations() {
        return locations;
    }

    public void setLocations(List<String> locations) {
        this.locations = locations;
    }

    public String getSchema() {
        return schema;
    }

    public void setSchema(String schema) {
        this.schema = schema;
    }

    public String getTable() {
        return table;
    }

    public void setTable(String table) {
        this.table = table;
    }

    public String getJavaPackage() {
        return javaPackage;
    }

    public void setJavaPackage(String javaPackage) {
        this.javaPackage = javaPackage;
    }

    public Duration getLockTimeout() {
        return lockTimeout;
    }

    public void setLockTimeout(Duration lockTimeout) {
        this.lockTimeout = lockTimeout;
    }

    public Duration getStatementTimeout() {
        return statementTimeout;
    }

    public void setStatementTimeout(Duration statementTimeout) {
        this.statementTimeout = statementTimeout;
    }

    public Duration getLockWait() {
        return lockWait;
    }

    public void setLockWait(Duration lockWait) {
        this.lockWait = lockWait;
    }

    public Duration getRetryDeadline() {
        return retryDeadline;
    }

    public void setRetryDeadline(Duration retryDeadline) {
        this.retryDeadline = retryDeadline;
    }

    public Duration getMaxBlockerAge() {
        return maxBlockerAge;
    }

    public void setMaxBlockerAge(Duration maxBlockerAge) {
        this.maxBlockerAge = maxBlockerAge;
    }

    public Duration getBlockerGrace() {
        return blockerGrace;
    }

    public void setBlockerGrace(Duration blockerGrace) {
        this.blockerGrace = blockerGrace;
    }

    public Duration getIdleTimeout() {
        return idleTimeout;
    }

    public void setIdleTimeout(Duration idleTimeout) {
        this.idleTimeout = idleTimeout;
    }

    public Duration getReconnectWait() {
        return reconnectWait;
    }

    public void setReconnectWait(Duration reconnectWait) {
        this.reconnectWait = reconnectWait;
    }

    public boolean isCompleteOnline() {
        return completeOnline;
    }

    public void setCompleteOnline(boolean completeOnline) {
        this.completeOnline = completeOnline;
    }

    public Lint getLint() {
        return lint;
    }

    public Health getHealth() {
        return health;
    }

    public Monitor getMonitor() {
        return monitor;
    }
}
