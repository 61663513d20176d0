package dev.sluice.maven;

import dev.sluice.Sluice;
import dev.sluice.SluiceOptions;
import dev.sluice.config.ConfigException;
import dev.sluice.config.SluiceConfig;
import dev.sluice.db.ConnectionFactory;
import dev.sluice.db.JdbcConnectionFactory;
import dev.sluice.db.LibpqUrl;
import dev.sluice.migration.FileSystemMigrationSource;
import dev.sluice.migration.JavaMigrationSource;
import dev.sluice.postgres.EmbeddedPostgres;
import dev.sluice.postgres.ScratchSettings;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What every goal shares: the parameters that say where the database and the migrations are, mapped onto
 * the core's settings, and the one place that turns the core's exceptions into a failed build.
 *
 * <p>Settings come in layers, each key from the last that sets it: {@code sluice.conf} (or
 * {@code configFile}), {@code SLUICE_<KEY>} environment variables, the {@code <settings>} map, then the
 * dedicated parameters ({@code url}, {@code user}, {@code password}, {@code locations}) and the
 * {@code serverId}'s login from {@code settings.xml}. So a key means the same as on the command line.
 *
 * <p>Hazards: the password is never logged and never part of a message (the core masks URLs). Unlike
 * the command line, a goal never falls back to the embedded database when no URL is configured: that
 * would hide a missing production URL in a build. {@code <embedded>true</embedded>} asks for it
 * explicitly, and the log says so.
 */
abstract class AbstractSluiceMojo extends AbstractMojo {

    /** What messages call the plugin's own settings. */
    static final String ORIGIN = "the plugin configuration";

    /** The target database's JDBC (or libpq) URL; overrides {@code url} in sluice.conf and SLUICE_URL. */
    @Parameter(property = "sluice.url")
    String url;

    /** The login on the target database. */
    @Parameter(property = "sluice.user")
    String user;

    /** The password on the target database; never logged. Prefer {@code serverId} or SLUICE_PASSWORD. */
    @Parameter(property = "sluice.password")
    String password;

    /** The id of a {@code <server>} in settings.xml whose username and password (decrypted) are the login. */
    @Parameter(property = "sluice.serverId")
    String serverId;

    /**
     * The migrations folder. Default: {@code locations} from the settings, relative to the project, else
     * {@code src/main/resources/db/migration} when it exists, else {@code migrations}.
     */
    @Parameter(property = "sluice.locations")
    File locations;

    /** A sluice.conf file; by default {@code ${project.basedir}/sluice.conf} when it exists. */
    @Parameter(property = "sluice.configFile")
    File configFile;

    /** sluice.conf keys and values ({@code <lock-timeout>5s</lock-timeout>}), over the file and the environment. */
    @Parameter
    Map<String, String> settings;

    /**
     * Use the embedded database in {@code ${project.basedir}/.sluice/} when no URL is configured. Off by
     * default: a build never falls back to it silently.
     */
    @Parameter(property = "sluice.embedded", defaultValue = "false")
    boolean embedded;

    /**
     * A development server's JDBC URL on which rehearse, verify and drift create their scratch databases
     * (needs CREATEDB), instead of a throwaway PostgreSQL.
     */
    @Parameter(property = "sluice.devUrl")
    String devUrl;

    /**
     * The PostgreSQL major of the throwaway scratch server. Default: the target's major when a URL is
     * configured, else the bundled one.
     */
    @Parameter(property = "sluice.pgVersion")
    Integer pgVersion;

    /** Skip this goal. */
    @Parameter(property = "sluice.skip", defaultValue = "false")
    boolean skip;

    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    File basedir;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    /** Decrypts a settings.xml password; {@code @Component} is deprecated but still the plain way in Maven 3.9. */
    @SuppressWarnings("deprecation")
    @Component
    SettingsDecrypter decrypter;

    private SluiceConfig config;
    private EmbeddedPostgres embeddedServer;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("sluice: skipped (skip = true)");
            return;
        }
        try {
            run();
        } catch (IllegalArgumentException e) {   // ConfigException among them: the settings are wrong
            throw new MojoExecutionException("sluice: " + e.getMessage(), e);
        } catch (MojoFailureException | MojoExecutionException e) {
            throw e;
        } catch (Exception e) {
            throw new MojoFailureException("sluice: " + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
        } finally {
            if (embeddedServer != null) {
                embeddedServer.close();
                embeddedServer = null;
            }
        }
    }

    /** The goal itself; settings errors become a build error, everything else a build failure. */
    abstract void run() throws Exception;

    Path projectDir() {
        return basedir.toPath().toAbsolutePath().normalize();
    }

    /** The settings, layered as the class comment says. */
    SluiceConfig config() {
        if (config == null) {
            Path file = configFile != null ? configFile.toPath() : projectDir().resolve(SluiceConfig.FILE_NAME);
            Map<String, String> own = new HashMap<>();
            if (settings != null) {
                own.putAll(settings);
            }
            serverLogin().ifPresent(login -> {
                putIfSet(own, "user", login.getUsername());
                putIfSet(own, "password", login.getPassword());
            });
            putIfSet(own, "url", url);
            putIfSet(own, "user", user);
            putIfSet(own, "password", password);
            config = SluiceConfig.load(file, configFile != null)
                    .overriddenBy(SluiceConfig.fromEnvironment(System.getenv()))
                    .overriddenBy(SluiceConfig.of(own, ORIGIN));
        }
        return config;
    }

    private static void putIfSet(Map<String, String> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value);
        }
    }

    /** The {@code serverId}'s entry of settings.xml, its password decrypted; empty without a serverId. */
    private Optional<Server> serverLogin() {
        if (serverId == null || serverId.isBlank()) {
            return Optional.empty();
        }
        Server server = session.getSettings().getServer(serverId);
        if (server == null) {
            throw new ConfigException("serverId '" + serverId + "' names no <server> in settings.xml; add one with"
                    + " its <username> and <password>, or remove serverId");
        }
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        if (!result.getProblems().isEmpty()) {
            throw new ConfigException("the password of <server> '" + serverId + "' in settings.xml cannot be decrypted;"
                    + " check settings-security.xml");
        }
        return Optional.of(result.getServer());
    }

    /** The migrations folder, as the {@code locations} parameter documents. */
    Path migrationsDir() {
        if (locations != null) {
            return locations.toPath().toAbsolutePath().normalize();
        }
        Optional<String> configured = config().get("locations");
        if (configured.isPresent()) {
            return projectDir().resolve(configured.get()).normalize();
        }
        Path resources = projectDir().resolve("src/main/resources/db/migration");
        return Files.isDirectory(resources) ? resources : projectDir().resolve("migrations");
    }

    Optional<String> configuredUrl() {
        return config().get("url");
    }

    /**
     * The target database: the configured URL, or the embedded one when asked for. Without either, a build
     * error that says how to give a URL.
     */
    ConnectionFactory target() {
        Optional<String> configured = configuredUrl();
        if (configured.isPresent()) {
            // A libpq URL (postgres://...) is accepted as on the command line.
            LibpqUrl.Login login = LibpqUrl.toJdbc(configured.get(), config().get("user").orElse(null),
                    config().get("password").orElse(null));
            return new JdbcConnectionFactory(login.url(), login.user(), login.password());
        }
        if (!embedded) {
            throw new ConfigException("no database URL configured: set <url> (or -Dsluice.url), SLUICE_URL or 'url' in "
                    + SluiceConfig.FILE_NAME + "; <embedded>true</embedded> uses the embedded database in .sluice/ instead");
        }
        Path dir = projectDir().resolve(".sluice");
        getLog().warn("no database URL configured: using the embedded database in " + dir + "/ (embedded = true)");
        embeddedServer = EmbeddedPostgres.start(dir);
        return embeddedServer.connections();
    }

    /** A stand-in target for goals that must not touch one (lint); connecting is a bug. */
    static ConnectionFactory noDatabase() {
        return new ConnectionFactory() {
            @Override
            public Connection open() throws SQLException {
                throw new IllegalStateException("this goal needs no database and must not connect");
            }

            @Override
            public String describe() {
                return "no database";
            }
        };
    }

    /** The facade for this project against {@code database}. */
    Sluice sluice(ConnectionFactory database) {
        SluiceConfig c = config();
        SluiceOptions.Builder builder = SluiceOptions.builder(database)
                .schema(c.get("schema").orElse(SluiceOptions.DEFAULT_SCHEMA))
                .historyTable(c.get("table").orElse(SluiceOptions.DEFAULT_HISTORY_TABLE))
                .strictNames(c.getBoolean("strict").orElse(false))
                .execution(c.execution())
                .rewriteCopy(c.rewriteCopy())
                .lint(c.lint())
                .placeholders(c.placeholders());
        builder.source(new FileSystemMigrationSource(migrationsDir()));
        c.get("java-package").ifPresent(pkg ->
                builder.source(JavaMigrationSource.scan(pkg, Thread.currentThread().getContextClassLoader())));
        return new Sluice(builder.build()).resolvingOnce();
    }

    /** Where scratch databases live: a throwaway server, of the target's major when a target is configured. */
    ScratchSettings scratchSettings() {
        return new ScratchSettings(Optional.ofNullable(devUrl).filter(u -> !u.isBlank()), Optional.ofNullable(pgVersion),
                configuredUrl().isPresent(),
                config().get("user"), config().get("password"));
    }

    /** {@code rehearse.irreversible}: whether a migration without a down fails the rehearsal. */
    boolean irreversibleIsError() {
        String level = config().get("rehearse.irreversible").orElse("warning");
        return switch (level) {
            case "error" -> true;
            case "warning" -> false;
            default -> throw new ConfigException("rehearse.irreversible takes error or warning, not '" + level + "' ("
                    + config().originOf("rehearse.irreversible") + ")");
        };
    }

    /** The seeds folder: {@code seeds} from the settings, relative to the project. */
    Path seedFolder() {
        return projectDir().resolve(config().get("seeds").orElse("seeds"));
    }
}
