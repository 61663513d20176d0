package dev.sluice.cli;

import dev.sluice.postgres.EmbeddedPostgres;
import dev.sluice.Sluice;
import dev.sluice.SluiceOptions;
import dev.sluice.config.SluiceConfig;
import dev.sluice.db.ConnectionFactory;
import dev.sluice.db.JdbcConnectionFactory;
import dev.sluice.execution.ExecutionSettings;
import dev.sluice.lint.LintSettings;
import dev.sluice.migration.Locations;
import dev.sluice.schema.SnapshotOptions;

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
    private final SluiceConfig config;
    private final Path configFile;
    private final java.util.Map<String, String> env;
    private final PrintWriter err;
    private EmbeddedPostgres embedded;
    private Locations locations;

    Project(GlobalOptions global, java.util.Map<String, String> env, PrintWriter err) {
        this.global = global;
        this.env = env;
        this.err = err;
        this.configFile = Optional.ofNullable(global.config).orElse(dir().resolve(SluiceConfig.FILE_NAME));
        // Environment variables (SLUICE_<KEY>) over the file; flags over both, where a flag exists.
        this.config = SluiceConfig.load(configFile, global.config != null).overriddenBy(SluiceConfig.fromEnvironment(env))
                .overriddenBy(flags(global));
    }

    /** The flags that set a config key, as settings that win over the environment and the file. */
    private static SluiceConfig flags(GlobalOptions global) {
        java.util.Map<String, String> set = new java.util.HashMap<>();
        if (global.locations != null) {
            set.put("locations", global.locations);
        }
        if (global.classpath != null) {
            set.put("java-classpath", global.classpath);
        }
        return SluiceConfig.of(set, "the command line");
    }

    Path dir() {
        return global.dir.toAbsolutePath().normalize();
    }

    /**
     * The migrations folder: the first folder of {@code locations}, or the one found when none is configured
     * ({@link Locations#resolve}); where {@code new} writes and what the lint and doctor read.
     */
    Path migrationsDir() {
        return locations().folder();
    }

    /** Where the migrations come from, resolved once; why, when it is not {@code migrations/}, said on stderr. */
    private Locations locations() {
        if (locations == null) {
            locations = config.locations(dir(), Thread.currentThread().getContextClassLoader());
            locations.notes().forEach(err::println);
            err.flush();
        }
        return locations;
    }

    SluiceConfig config() {
        return config;
    }

    /** The project's config file, whether or not it exists. */
    Path configFile() {
        return configFile;
    }

    /** The target's URL when one is configured by flag, environment or config file. */
    Optional<String> configuredUrl() {
        return first(global.url, "url");
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
                    + configFile + (global.requireUrl ? " (--require-url forbids the embedded database)"
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
    EmbeddedPostgres embeddedDatabase() {
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

    private EmbeddedPostgres embedded() {
        if (embedded == null) {
            Path dataDir = embeddedDir();
            err.println("no database URL configured: using the embedded database in " + dataDir + "/");
            err.flush();
            embedded = EmbeddedPostgres.start(dataDir);
        }
        return embedded;
    }

    /** Where the migrations come from: the locations, and Java classes when {@code java-package} is set. */
    java.util.List<dev.sluice.migration.MigrationSource> sources() {
        return locations().sources();
    }

    /** The project's migrations, resolved without touching a database. */
    dev.sluice.migration.MigrationCatalog catalog() {
        return validation().orThrow();
    }

    /** The one check of the migration files, with every problem; touches no database. */
    dev.sluice.migration.MigrationValidation validation() {
        return sluiceWithoutDatabase().validateFiles();
    }

    private boolean strict() {
        return global.strict || config.getBoolean("strict").orElse(false);
    }

    /**
     * The facade for verbs that need no database (lint): any attempt to connect is a bug, reported as
     * such, and neither a missing URL nor the embedded database stands in the way.
     */
    Sluice sluiceWithoutDatabase() {
        ConnectionFactory none = new ConnectionFactory() {
            @Override
            public java.sql.Connection open() {
                throw new IllegalStateException("this command needs no database and must not connect");
            }

            @Override
            public String describe() {
                return "no database";
            }
        };
        return new Sluice(options(none, settings(), lintSettings())).resolvingOnce();
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
        try {
            return dev.sluice.db.LibpqUrl.toJdbc(configuredUrl().orElseThrow(), user().orElse(null), password().orElse(null));
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
        return config.lint();
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
                .rewriteCopy(config.rewriteCopy())
                .lint(lint)
                .placeholders(config.placeholders());
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
        return first(global.user, "user");
    }

    /** The password of the connection options; never printed. */
    Optional<String> password() {
        return global.password != null ? Optional.of(new String(global.password)) : config.get("password");
    }

    /** Run settings from the config; command flags are applied on top by the commands. */
    ExecutionSettings settings() {
        return config.execution();
    }

    Optional<Duration> duration(String key) {
        return config.duration(key);
    }

    /** What the output calls the target: the masked URL, or the embedded database. */
    String describeTarget() {
        return connections().describe();
    }

    /** The flag when given, else the setting from the environment or the config file. */
    private Optional<String> first(String flag, String configKey) {
        if (flag != null && !flag.isBlank()) {
            return Optional.of(flag);
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
