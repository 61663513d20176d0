package dev.sluice.cli;

import dev.sluice.Sluice;
import dev.sluice.SluiceOptions;
import dev.sluice.db.ConnectionFactory;
import dev.sluice.db.JdbcConnectionFactory;
import dev.sluice.execution.ExecutionSettings;
import dev.sluice.lint.LintSettings;
import dev.sluice.lint.Severity;
import dev.sluice.lint.rules.Rules;
import dev.sluice.migration.DurationText;
import dev.sluice.migration.FileSystemMigrationSource;
import dev.sluice.migration.JavaMigrationSource;
import dev.sluice.schema.SnapshotOptions;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A migration project as the command line sees it: its folder, its config, and the database it targets
 * (the configured one, or the embedded one when none is configured and that is allowed).
 *
 * <p>Hazard: the embedded default must never hide a missing production URL, so using it is announced
 * on the first line of output, and {@code --require-url} or {@code embedded = false} forbid it.
 */
final class Project implements AutoCloseable {

    private static final Set<String> SERVER_TIMEOUTS = Set.of("lock-timeout", "statement-timeout", "idle-timeout");

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

    /** The target's URL when one is configured by flag, environment or config file. */
    Optional<String> configuredUrl() {
        return first(global.url, "SLUICE_URL", "url");
    }

    /**
     * The target database. Without a URL, the embedded one, started on the first connection: a command
     * that fails on its arguments or files first never starts a server for nothing.
     */
    ConnectionFactory connections() {
        Optional<String> url = configuredUrl();
        if (url.isPresent()) {
            return connectionsTo(url.get());
        }
        boolean embeddedAllowed = !global.requireUrl && config.getBoolean("embedded").orElse(true);
        if (!embeddedAllowed) {
            throw new CliException(ExitCodes.USAGE, "no database URL configured: give --url, set SLUICE_URL or 'url' in "
                    + config.file() + (global.requireUrl ? " (--require-url forbids the embedded database)"
                    : " ('embedded = false' forbids the embedded database)"));
        }
        return new ConnectionFactory() {
            @Override
            public java.sql.Connection open() throws java.sql.SQLException {
                return embedded().connections().open();
            }

            @Override
            public String describe() {
                return embedded().connections().describe();
            }
        };
    }

    /** Whether this project's target is the embedded database (no URL configured). */
    boolean usesEmbedded() {
        return configuredUrl().isEmpty();
    }

    /** The embedded database, started if needed; a usage error when a URL is configured or it is forbidden. */
    EmbeddedDatabase embeddedDatabase() {
        if (!usesEmbedded()) {
            throw new IllegalStateException("a database URL is configured; the embedded database is not used");
        }
        connections();
        return embedded();
    }

    /** Where the embedded database keeps its data and log. */
    Path embeddedDir() {
        return dir().resolve(".sluice");
    }

    private EmbeddedDatabase embedded() {
        if (embedded == null) {
            Path dataDir = embeddedDir();
            err.println("no database URL configured: using the embedded database in " + dataDir + "/");
            err.flush();
            embedded = EmbeddedDatabase.start(dataDir);
        }
        return embedded;
    }

    /** Where the migrations come from: the folder, and Java classes when {@code java-package} is set. */
    java.util.List<dev.sluice.migration.MigrationSource> sources() {
        java.util.List<dev.sluice.migration.MigrationSource> sources = new java.util.ArrayList<>();
        sources.add(new FileSystemMigrationSource(migrationsDir()));
        config.get("java-package").ifPresent(pkg ->
                sources.add(JavaMigrationSource.scan(pkg, Thread.currentThread().getContextClassLoader())));
        return sources;
    }

    /** The project's migrations, resolved without touching a database. */
    dev.sluice.migration.MigrationCatalog catalog() {
        return validation().orThrow();
    }

    /** The one check of the migration files, with every problem; touches no database. */
    dev.sluice.migration.MigrationValidation validation() {
        return new dev.sluice.migration.MigrationResolver(strict()).validate(sources());
    }

    private boolean strict() {
        return global.strict || config.getBoolean("strict").orElse(false);
    }

    /** This project's options against another database (a scratch one), without starting the embedded default. */
    SluiceOptions optionsFor(ConnectionFactory database) {
        return options(database, settings(), lintSettings());
    }

    /**
     * The target as pg_dump and pg_restore address it: host, port, database and login from the URL and
     * the user and password settings, or the embedded database.
     */
    dev.sluice.backup.PgTarget pgTarget() {
        Optional<String> url = configuredUrl();
        if (url.isEmpty()) {
            connections();
            return dev.sluice.backup.PgTarget.fromJdbcUrl(embedded().jdbcUrl(), embedded().user(), null);
        }
        dev.sluice.db.LibpqUrl.Login login = login();
        return dev.sluice.backup.PgTarget.fromJdbcUrl(login.url(), login.user(), login.password());
    }

    /**
     * The configured target as JDBC URL, user and password, a libpq URL converted; only when a URL is
     * configured ({@link #usesEmbedded()} is false).
     */
    dev.sluice.db.LibpqUrl.Login login() {
        String user = first(global.user, "SLUICE_USER", "user").orElse(null);
        String password = global.password != null ? new String(global.password)
                : first(null, "SLUICE_PASSWORD", "password").orElse(null);
        try {
            return dev.sluice.db.LibpqUrl.toJdbc(configuredUrl().orElseThrow(), user, password);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
    }

    /** The Sluice facade for this project, with timeouts from the config unless a flag overrides them. */
    Sluice sluice(ExecutionSettings overrides) {
        return sluice(overrides, lintSettings());
    }

    /**
     * The lint settings from the config: {@code lint.disable = id1,id2}, {@code lint.severity.<id> = warning},
     * {@code lint.pg-version = 15}, {@code lint.start-after = 42}, {@code lint.gate.small-table = 10MB}. An
     * unknown rule id is an error naming it, like an unknown key.
     */
    LintSettings lintSettings() {
        LintSettings s = LintSettings.defaults();
        Optional<String> version = config.get("lint.pg-version");
        if (version.isPresent()) {
            try {
                s = s.withPgVersion(Integer.parseInt(version.get()));
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.USAGE, config.file() + ": 'lint.pg-version' must be a major version like 14, not '"
                        + version.get() + "'");
            }
        }
        Set<String> disabled = new TreeSet<>();
        for (String id : config.get("lint.disable").orElse("").split(",")) {
            if (!id.isBlank()) {
                disabled.add(knownRule(id.strip(), "lint.disable"));
            }
        }
        Map<String, Severity> severities = new HashMap<>();
        for (String key : config.keysStartingWith(ProjectConfig.LINT_SEVERITY_PREFIX)) {
            String id = knownRule(key.substring(ProjectConfig.LINT_SEVERITY_PREFIX.length()), key);
            String value = config.get(key).orElse("");
            try {
                severities.put(id, Severity.parse(value));
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.USAGE, config.file() + ": '" + key + "': " + e.getMessage());
            }
        }
        Optional<String> startAfter = config.get("lint.start-after");
        if (startAfter.isPresent()) {
            try {
                s = s.withStartAfter(Optional.of(dev.sluice.migration.Version.parse(startAfter.get())));
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.USAGE, config.file() + ": 'lint.start-after': " + e.getMessage());
            }
        }
        Optional<String> smallTable = config.get("lint.gate.small-table");
        if (smallTable.isPresent()) {
            try {
                s = s.withSmallTableBytes(dev.sluice.migration.ByteSizeText.parse(smallTable.get()));
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.USAGE, config.file() + ": 'lint.gate.small-table': " + e.getMessage());
            }
        }
        return s.withDisabled(disabled).withSeverities(severities);
    }

    private String knownRule(String id, String key) {
        if (!Rules.ids().contains(id)) {
            throw new CliException(ExitCodes.USAGE, config.file() + ": '" + key + "' names unknown lint rule '" + id
                    + "'; 'sluice lint --list-rules' lists them");
        }
        return id;
    }

    /**
     * The Sluice facade with explicit lint settings ({@code migrate --no-lint} turns the gate off). A command
     * runs once and ends, so the migrations are resolved once for all it asks of the facade.
     */
    /**
     * The facade for a verb that touches the target only on some paths (verify reads its history only
     * when a URL is configured): the target is looked up on the first connection, so that
     * {@code --require-url} without a URL, or the embedded database, costs nothing until then.
     */
    Sluice sluiceConnectingLazily() {
        ConnectionFactory lazy = new ConnectionFactory() {
            @Override
            public java.sql.Connection open() throws java.sql.SQLException {
                return connections().open();
            }

            @Override
            public String describe() {
                return connections().describe();
            }
        };
        return new Sluice(options(lazy, settings(), lintSettings())).resolvingOnce();
    }

    Sluice sluice(ExecutionSettings overrides, LintSettings lint) {
        return new Sluice(options(connections(), overrides, lint)).resolvingOnce();
    }

    private SluiceOptions options(ConnectionFactory database, ExecutionSettings execution, LintSettings lint) {
        SluiceOptions.Builder builder = SluiceOptions.builder(database)
                .schema(historySchema())
                .historyTable(historyTable())
                .strictNames(strict())
                .execution(execution)
                .lint(lint);
        sources().forEach(builder::source);
        return builder.build();
    }

    String historySchema() {
        return Optional.ofNullable(global.schema).or(() -> config.get("schema")).orElse(SluiceOptions.DEFAULT_SCHEMA);
    }

    String historyTable() {
        return Optional.ofNullable(global.table).or(() -> config.get("table")).orElse(SluiceOptions.DEFAULT_HISTORY_TABLE);
    }

    /** What a snapshot of this project's databases leaves out: its history table, and privileges unless asked for. */
    SnapshotOptions snapshotOptions(boolean privileges) {
        return SnapshotOptions.defaults().withHistoryTable(historySchema(), historyTable()).withPrivileges(privileges);
    }

    /**
     * Connections to a database named on the command line (not the project's target), with the user and
     * password of the connection options, so that no password needs to be in the URL.
     */
    ConnectionFactory connectionsTo(String url) {
        try {
            return new JdbcConnectionFactory(url, user().orElse(null), password().orElse(null));
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
    }

    /** The login of the connection options: {@code --user}, {@code SLUICE_USER} or {@code user}. */
    Optional<String> user() {
        return first(global.user, "SLUICE_USER", "user");
    }

    /** The password of the connection options; never printed. */
    Optional<String> password() {
        return global.password != null ? Optional.of(new String(global.password)) : first(null, "SLUICE_PASSWORD", "password");
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
        s = s.withReconnectWait(duration("reconnect-wait").orElse(s.reconnectWait()));
        return s;
    }

    Optional<Duration> duration(String key) {
        return config.get(key).map(v -> {
            try {
                // These become server settings, which PostgreSQL bounds; the others are Sluice's own waits.
                return SERVER_TIMEOUTS.contains(key) ? DurationText.parseTimeout(v) : DurationText.parse(v);
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
