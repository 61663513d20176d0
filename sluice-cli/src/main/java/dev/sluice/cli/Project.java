package dev.sluice.cli;

import dev.sluice.Sluice;
import dev.sluice.SluiceOptions;
import dev.sluice.db.ConnectionFactory;
import dev.sluice.db.JdbcConnectionFactory;
import dev.sluice.execution.ExecutionSettings;
import dev.sluice.migration.DurationText;
import dev.sluice.migration.FileSystemMigrationSource;
import dev.sluice.migration.JavaMigrationSource;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A migration project as the command line sees it: its folder, its config, and the database it targets
 * (the configured one, or the embedded one when none is configured and that is allowed).
 *
 * <p>Hazard: the embedded default must never hide a missing production URL, so using it is announced
 * on the first line of output, and {@code --require-url} or {@code embedded = false} forbid it.
 */
final class Project implements AutoCloseable {

    private final GlobalOptions global;
    private final ProjectConfig config;
    private final java.util.Map<String, String> env;
    private final PrintWriter err;
    private EmbeddedDatabase embedded;

    Project(GlobalOptions global, java.util.Map<String, String> env, PrintWriter err) {
        this.global = global;
        this.env = env;
        this.err = err;
        this.config = ProjectConfig.load(dir(), Optional.ofNullable(global.config));
    }

    Path dir() {
        return global.dir.toAbsolutePath().normalize();
    }

    /** The migrations folder: {@code locations} from the config, relative to the project, default {@code migrations}. */
    Path migrationsDir() {
        return dir().resolve(config.get("locations").orElse("migrations"));
    }

    ProjectConfig config() {
        return config;
    }

    /** The target database; starts the embedded one when no URL is configured. */
    ConnectionFactory connections() {
        Optional<String> url = first(global.url, "SLUICE_URL", "url");
        if (url.isPresent()) {
            String user = first(global.user, "SLUICE_USER", "user").orElse(null);
            String password = global.password != null ? new String(global.password)
                    : first(null, "SLUICE_PASSWORD", "password").orElse(null);
            try {
                return new JdbcConnectionFactory(url.get(), user, password);
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.USAGE, e.getMessage());
            }
        }
        boolean embeddedAllowed = !global.requireUrl && config.getBoolean("embedded").orElse(true);
        if (!embeddedAllowed) {
            throw new CliException(ExitCodes.USAGE, "no database URL configured: give --url, set SLUICE_URL or 'url' in "
                    + config.file() + (global.requireUrl ? " (--require-url forbids the embedded database)"
                    : " ('embedded = false' forbids the embedded database)"));
        }
        if (embedded == null) {
            Path dataDir = dir().resolve(".sluice");
            err.println("no database URL configured: using the embedded database in " + dataDir + "/");
            err.flush();
            embedded = EmbeddedDatabase.start(dataDir);
        }
        return embedded.connections();
    }

    /**
     * The target as pg_dump and pg_restore address it: host, port, database and login from the URL and
     * the user and password settings, or the embedded database.
     */
    dev.sluice.backup.PgTarget pgTarget() {
        Optional<String> url = first(global.url, "SLUICE_URL", "url");
        if (url.isEmpty()) {
            connections();
            return dev.sluice.backup.PgTarget.fromJdbcUrl(embedded.jdbcUrl(), embedded.user(), null);
        }
        String user = first(global.user, "SLUICE_USER", "user").orElse(null);
        String password = global.password != null ? new String(global.password)
                : first(null, "SLUICE_PASSWORD", "password").orElse(null);
        return dev.sluice.backup.PgTarget.fromJdbcUrl(url.get(), user, password);
    }

    /** The Sluice facade for this project, with timeouts from the config unless a flag overrides them. */
    Sluice sluice(ExecutionSettings overrides) {
        SluiceOptions.Builder builder = SluiceOptions.builder(connections())
                .schema(Optional.ofNullable(global.schema).or(() -> config.get("schema")).orElse(SluiceOptions.DEFAULT_SCHEMA))
                .historyTable(Optional.ofNullable(global.table).or(() -> config.get("table")).orElse(SluiceOptions.DEFAULT_HISTORY_TABLE))
                .strictNames(global.strict || config.getBoolean("strict").orElse(false))
                .source(new FileSystemMigrationSource(migrationsDir()))
                .execution(overrides);
        config.get("java-package").ifPresent(pkg ->
                builder.source(JavaMigrationSource.scan(pkg, Thread.currentThread().getContextClassLoader())));
        return new Sluice(builder.build());
    }

    /** Run settings from the config; command flags are applied on top by the commands. */
    ExecutionSettings settings() {
        ExecutionSettings s = ExecutionSettings.defaults();
        s = s.withLockTimeout(duration("lock-timeout").orElse(s.lockTimeout()));
        s = s.withStatementTimeout(duration("statement-timeout").orElse(s.statementTimeout()));
        s = s.withLockWait(duration("lock-wait").orElse(s.lockWait()));
        s = s.withRetryDeadline(duration("retry-deadline").orElse(s.retryDeadline()));
        s = s.withMaxBlockerAge(duration("max-blocker-age").orElse(s.maxBlockerAge()));
        s = s.withIdleTimeout(duration("idle-timeout").orElse(s.idleTimeout()));
        return s;
    }

    Optional<Duration> duration(String key) {
        return config.get(key).map(v -> {
            try {
                return DurationText.parse(v);
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.USAGE, config.file() + ": '" + key + "': " + e.getMessage());
            }
        });
    }

    /** What the output calls the target: the masked URL, or the embedded database. */
    String describeTarget() {
        return connections().describe();
    }

    private Optional<String> first(String flag, String envName, String configKey) {
        if (flag != null && !flag.isBlank()) {
            return Optional.of(flag);
        }
        String fromEnv = env.get(envName);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(fromEnv);
        }
        return config.get(configKey);
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
