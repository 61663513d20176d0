package dev.sluice.config;

import dev.sluice.backup.BackupSettings;
import dev.sluice.clean.CleanPolicy;
import dev.sluice.execution.ExecutionSettings;
import dev.sluice.execution.IgnoreMigrationPatterns;
import dev.sluice.lint.LintSettings;
import dev.sluice.lint.Severity;
import dev.sluice.lint.rules.Rules;
import dev.sluice.migration.ByteSizeText;
import dev.sluice.migration.JavaMigrationSource;
import dev.sluice.migration.Locations;
import dev.sluice.migration.MigrationSource;
import dev.sluice.migration.DurationText;
import dev.sluice.migration.Placeholders;
import dev.sluice.migration.Version;
import dev.sluice.monitor.HealthReason;
import dev.sluice.monitor.MonitorSettings;
import dev.sluice.online.BackfillSettings;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A project's settings by key, as every shell gives them: the {@code sluice.conf} file, {@code SLUICE_*}
 * environment variables, a Maven plugin's parameters or Spring properties. The one place that knows
 * which keys exist, what each means and how its value is read, so that a key behaves the same in
 * every shell.
 *
 * <p>Unknown keys are an error naming the key, so a typo ({@code lock-timout}) never silently falls
 * back to a default. Every error names where the value came from (the file, or the environment
 * variable) and the key.
 *
 * <p>Hazard: {@code password} may be held here; it is never part of a message.
 */
public final class SluiceConfig {

    /** The name of the project's config file. */
    public static final String FILE_NAME = "sluice.conf";

    /** Every key a project may set. */
    public static final Set<String> KEYS = Set.of("url", "user", "password", "schema", "table", "locations", "embedded",
            "strict", "lock-timeout", "statement-timeout", "lock-wait", "java-package", "java-classpath",
            "retry-deadline", "max-blocker-age", "blocker-grace", "idle-timeout", "reconnect-wait", "seeds", "rehearse.irreversible", "schema-file",
            "lint.disable", "lint.pg-version", "lint.start-after", "lint.gate.small-table",
            // Backups and the pre-migration checklist (docs/backup.md).
            "pg-dump", "pg-restore", "backup-dir", "backup-before-migrate", "backup-keep", "backup-max-keep-age",
            "backup-max-age", "backup-space-factor", "health-url",
            // Flyway's placeholders (docs/flyway.md): on or off; the values are placeholders.<name> keys.
            "placeholder-replacement",
            // Which disagreements between files and history do not stop a run (docs/flyway.md).
            "ignore-migration-patterns",
            // clean, for development databases only (docs/flyway.md); profile names the deployment.
            "clean.enabled", "profile",
            // Monitoring: sluice serve and the embedders' health and metrics (docs/monitoring.md).
            "health.max-running", "health.down-on", "monitor.max-age", "monitor.drift",
            // The backfill of online changes (docs/online.md).
            "backfill.batch-size", "backfill.batch-pause", "backfill.max-replication-lag", "backfill.max-lock-waits",
            // The shadow-table rewrite's copy (docs/rewrite.md).
            "rewrite.batch-size", "rewrite.batch-pause");

    /** Keys with a rule id after the prefix: {@code lint.severity.<rule-id> = error|warning|info}. */
    public static final String LINT_SEVERITY_PREFIX = "lint.severity.";

    /**
     * Keys with a placeholder name after the prefix: {@code placeholders.<name> = value} sets {@code ${name}}.
     * In the environment, {@code SLUICE_PLACEHOLDERS_<NAME>}, the name read in lower case as Flyway reads
     * {@code FLYWAY_PLACEHOLDERS_<NAME>} (names compare without case).
     */
    public static final String PLACEHOLDERS_PREFIX = "placeholders.";

    /**
     * Keys of further databases {@code sluice serve} watches: {@code watch.<name>.url}, {@code .user},
     * {@code .password}; a name is lower-case letters, digits and dashes.
     */
    public static final String WATCH_PREFIX = "watch.";

    private static final java.util.regex.Pattern WATCH_KEY = java.util.regex.Pattern.compile("watch\\.([a-z0-9][a-z0-9-]*)\\.(url|user|password)");

    /** Where the environment's settings start: {@code SLUICE_LOCK_TIMEOUT} sets {@code lock-timeout}. */
    public static final String ENV_PREFIX = "SLUICE_";

    /** Values that PostgreSQL bounds as server settings; the other durations are Sluice's own waits. */
    private static final Set<String> SERVER_TIMEOUTS = Set.of("lock-timeout", "statement-timeout", "idle-timeout");

    private record Entry(String value, String origin) {
    }

    private final Map<String, Entry> entries;
    private final String origin;

    private SluiceConfig(Map<String, Entry> entries, String origin) {
        this.entries = Map.copyOf(entries);
        this.origin = origin;
    }

    /** No settings at all: every key takes its default. */
    public static SluiceConfig empty() {
        return new SluiceConfig(Map.of(), "(no settings)");
    }

    /**
     * Settings given as a map, for shells that hold them in their own form (plugin parameters, Spring
     * properties). Blank values count as unset.
     *
     * @param origin what an error message calls their source, e.g. the file or "the plugin configuration"
     * @throws ConfigException naming the unknown keys and the known ones
     */
    public static SluiceConfig of(Map<String, String> values, String origin) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                entries.put(k, new Entry(v.strip(), origin));
            }
        });
        checkKnown(values.keySet(), origin);
        return new SluiceConfig(entries, origin);
    }

    /**
     * The config file. A missing file is no settings, unless it was named explicitly.
     *
     * @throws ConfigException when the file is unreadable, has an unknown key, or is named and missing
     */
    public static SluiceConfig load(Path file, boolean named) {
        if (!Files.exists(file)) {
            if (named) {
                throw new ConfigException("config file " + file + " does not exist");
            }
            return new SluiceConfig(Map.of(), file.toString());
        }
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(file + ": cannot be read: " + e.getMessage());
        }
        Map<String, String> values = new HashMap<>();
        for (String key : props.stringPropertyNames()) {
            values.put(key, props.getProperty(key));
        }
        return of(values, file.toString());
    }

    /**
     * The settings among environment variables: {@code SLUICE_} and the key in capitals with {@code -}
     * and {@code .} as {@code _} ({@code SLUICE_LOCK_TIMEOUT}, {@code SLUICE_LINT_PG_VERSION}). Other
     * {@code SLUICE_} variables are not settings and are left alone.
     */
    public static SluiceConfig fromEnvironment(Map<String, String> env) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (String key : KEYS) {
            String name = environmentName(key);
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                entries.put(key, new Entry(value.strip(), "environment variable " + name));
            }
        }
        String placeholders = ENV_PREFIX + "PLACEHOLDERS_";
        env.forEach((name, value) -> {
            if (name.startsWith(placeholders) && name.length() > placeholders.length() && value != null) {
                entries.put(PLACEHOLDERS_PREFIX + name.substring(placeholders.length()).toLowerCase(Locale.ROOT),
                        new Entry(value, "environment variable " + name));
            }
        });
        String watch = environmentName(WATCH_PREFIX);
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(env).entrySet()) {
            String name = e.getKey();
            if (!name.startsWith(watch) || e.getValue() == null || e.getValue().isBlank()) {
                continue;
            }
            String rest = name.substring(watch.length());
            int cut = rest.lastIndexOf('_');
            String field = cut < 0 ? "" : rest.substring(cut + 1).toLowerCase(Locale.ROOT);
            String key = WATCH_PREFIX + (cut < 0 ? rest : rest.substring(0, cut)).toLowerCase(Locale.ROOT).replace('_', '-') + "." + field;
            if (!WATCH_KEY.matcher(key).matches()) {
                throw new ConfigException("environment variable " + name + ": not a watched database's setting; use "
                        + watch + "<NAME>_URL, _USER or _PASSWORD");
            }
            entries.put(key, new Entry(e.getValue().strip(), "environment variable " + name));
        }
        return new SluiceConfig(entries, "the environment");
    }

    /** The environment variable that sets {@code key}. */
    public static String environmentName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    }

    private static void checkKnown(Set<String> keys, String origin) {
        Set<String> unknown = new TreeSet<>(keys);
        unknown.removeAll(KEYS);
        unknown.removeIf(k -> k.startsWith(LINT_SEVERITY_PREFIX) || k.startsWith(PLACEHOLDERS_PREFIX) || WATCH_KEY.matcher(k).matches());
        if (!unknown.isEmpty()) {
            throw new ConfigException(origin + ": unknown setting " + String.join(", ", unknown)
                    + "; known settings: " + String.join(", ", new TreeSet<>(KEYS)));
        }
    }

    /** These settings, with each key that {@code over} sets taken from it instead. */
    public SluiceConfig overriddenBy(SluiceConfig over) {
        Map<String, Entry> merged = new LinkedHashMap<>(entries);
        merged.putAll(over.entries);
        return new SluiceConfig(merged, over.entries.isEmpty() ? origin : over.origin);
    }

    /** Where these settings came from, for messages. */
    public String origin() {
        return origin;
    }

    /** The value of {@code key}, stripped; empty when unset or blank. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(entries.get(key)).map(Entry::value);
    }

    /** Where the value of {@code key} came from; the settings' own origin when unset. */
    public String originOf(String key) {
        Entry e = entries.get(key);
        return e == null ? origin : e.origin();
    }

    /** A yes/no key: {@code true|yes|on} or {@code false|no|off}, in any case. */
    public Optional<Boolean> getBoolean(String key) {
        return get(key).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new ConfigException(originOf(key) + ": '" + key + "' must be true or false, not '" + v + "'");
        });
    }

    /** A duration key ({@code 3s}, {@code 500ms}, {@code 2min}); server timeouts within PostgreSQL's bounds. */
    public Optional<Duration> duration(String key) {
        return get(key).map(v -> {
            try {
                return SERVER_TIMEOUTS.contains(key) ? DurationText.parseTimeout(v) : DurationText.parse(v);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(originOf(key) + ": '" + key + "': " + e.getMessage());
            }
        });
    }

    /** A whole number of at least {@code min}. */
    public Optional<Integer> wholeNumber(String key, int min) {
        return get(key).map(v -> {
            try {
                int n = Integer.parseInt(v);
                if (n >= min) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new ConfigException(originOf(key) + ": '" + key + "' must be a whole number of at least " + min
                    + ", not '" + v + "'");
        });
    }

    /** A finite decimal number, such as {@code backup-space-factor = 1.5}. */
    public Optional<Double> decimal(String key) {
        return get(key).map(v -> {
            try {
                double d = Double.parseDouble(v);
                if (Double.isFinite(d)) {
                    return d;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new ConfigException(originOf(key) + ": '" + key + "' must be a number");
        });
    }

    /** The keys set that start with {@code prefix}, sorted. */
    public SortedSet<String> keysStartingWith(String prefix) {
        SortedSet<String> keys = new TreeSet<>();
        for (String k : entries.keySet()) {
            if (k.startsWith(prefix)) {
                keys.add(k);
            }
        }
        return keys;
    }

    /**
     * Where the project's migrations come from: the {@code locations} (see {@link Locations#resolve}, which
     * also finds a folder when none is configured), and, when {@code java-package} is set, every
     * {@link dev.sluice.migration.SafeMigration} in that package, loaded from {@code parent} and the folders
     * and jars of {@code java-classpath}. The same loader reads {@code classpath:} locations.
     *
     * <p>Hazard: the loader of {@code java-classpath} stays open for the life of the sources, since Java
     * migrations load their classes lazily; a process that resolves many projects holds one per call.
     *
     * @throws ConfigException naming the key and where it was set, for a bad entry or a missing folder or jar
     */
    public Locations locations(Path projectDir, ClassLoader parent) {
        ClassLoader loader = javaClassLoader(projectDir, parent);
        Locations found;
        try {
            found = Locations.resolve(projectDir, get("locations"), loader);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(originOf("locations") + ": 'locations': " + e.getMessage());
        }
        Optional<String> javaPackage = get("java-package");
        if (javaPackage.isEmpty()) {
            return found;
        }
        List<MigrationSource> sources = new ArrayList<>(found.sources());
        sources.add(JavaMigrationSource.scan(javaPackage.get(), loader));
        return new Locations(sources, found.folder(), found.notes());
    }

    /**
     * {@code parent}, or a loader over it and the entries of {@code java-classpath}: each a folder of
     * compiled classes (whose jars are added too, like Flyway's {@code jarDirs}) or a jar, relative to the
     * project, separated by commas or the platform's path separator.
     */
    private ClassLoader javaClassLoader(Path projectDir, ClassLoader parent) {
        Optional<String> classpath = get("java-classpath");
        if (classpath.isEmpty()) {
            return parent;
        }
        List<URL> urls = new ArrayList<>();
        for (String raw : classpath.get().split(",|" + java.util.regex.Pattern.quote(File.pathSeparator))) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            Path path = projectDir.toAbsolutePath().resolve(entry).normalize();
            try {
                if (Files.isDirectory(path)) {
                    urls.add(path.toUri().toURL());
                    try (Stream<Path> jars = Files.list(path)) {
                        for (Path jar : jars.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                            urls.add(jar.toUri().toURL());
                        }
                    }
                } else if (Files.isRegularFile(path) && path.getFileName().toString().endsWith(".jar")) {
                    urls.add(path.toUri().toURL());
                } else {
                    throw new ConfigException(originOf("java-classpath") + ": 'java-classpath': " + path
                            + " is neither a folder nor a jar; give folders of compiled classes or .jar files");
                }
            } catch (IOException e) {
                throw new ConfigException(originOf("java-classpath") + ": 'java-classpath': cannot read " + path + ": " + e.getMessage());
            }
        }
        return new URLClassLoader("sluice-java-classpath", urls.toArray(new URL[0]), parent);
    }

    /**
     * Flyway's placeholders: {@code placeholder-replacement} (default true) and the {@code placeholders.<name>}
     * values. A blank value counts as unset, as with every key.
     */
    public Placeholders placeholders() {
        Map<String, String> values = new HashMap<>();
        for (String key : keysStartingWith(PLACEHOLDERS_PREFIX)) {
            String name = key.substring(PLACEHOLDERS_PREFIX.length());
            try {
                new Placeholders(true, Map.of(name, ""));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(originOf(key) + ": '" + key + "': " + e.getMessage());
            }
            values.put(name, get(key).orElse(""));
        }
        return new Placeholders(getBoolean("placeholder-replacement").orElse(true), values);
    }

    /**
     * Whether {@code clean} may run: {@code clean.enabled} (default false) and {@code profile}, of which
     * {@code production}, {@code prod} and {@code live} forbid it whatever else is set.
     */
    public CleanPolicy cleanPolicy() {
        return new CleanPolicy(getBoolean("clean.enabled").orElse(false), get("profile"));
    }

    /** Backup settings: {@code backup-dir} relative to the project, tools, and retention. */
    public BackupSettings backup(Path projectDir) {
        BackupSettings defaults = BackupSettings.defaults(projectDir);
        return new BackupSettings(get("backup-dir").map(projectDir::resolve).orElse(defaults.dir()),
                get("pg-dump").map(Path::of), get("pg-restore").map(Path::of),
                wholeNumber("backup-keep", 1).orElse(defaults.keep()), duration("backup-max-keep-age"));
    }

    /**
     * Monitoring settings: {@code health.max-running = 30min}, {@code health.down-on = pending, failed, drift}
     * (the reasons that make health DOWN, of {@code unreachable, invalid-files, pending, failed, drift,
     * running-too-long}, or {@code none}), {@code monitor.max-age = 5s}, {@code monitor.drift = rebuild|history}.
     */
    public MonitorSettings monitor() {
        MonitorSettings s = MonitorSettings.defaults();
        s = s.withMaxRunning(duration("health.max-running").orElse(s.maxRunning()));
        s = s.withMaxAge(duration("monitor.max-age").orElse(s.maxAge()));
        Optional<String> downOn = get("health.down-on");
        if (downOn.isPresent()) {
            Set<HealthReason.Kind> kinds = EnumSet.noneOf(HealthReason.Kind.class);
            for (String part : downOn.get().split(",")) {
                String name = part.strip().toLowerCase(Locale.ROOT);
                if (name.isEmpty() || name.equals("none")) {
                    continue;
                }
                try {
                    kinds.add(HealthReason.Kind.valueOf(name.replace('-', '_').toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(originOf("health.down-on") + ": 'health.down-on' names unknown reason '" + name
                            + "'; known: unreachable, invalid-files, pending, failed, drift, running-too-long, or none");
                }
            }
            s = s.withDownOn(kinds);
        }
        Optional<String> drift = get("monitor.drift");
        if (drift.isPresent()) {
            switch (drift.get().toLowerCase(Locale.ROOT)) {
                case "rebuild" -> s = s.withDriftMode(MonitorSettings.DriftMode.REBUILD);
                case "history" -> s = s.withDriftMode(MonitorSettings.DriftMode.HISTORY);
                default -> throw new ConfigException(originOf("monitor.drift") + ": 'monitor.drift' must be rebuild or history, not '"
                        + drift.get() + "'");
            }
        }
        return s;
    }

    /**
     * The further databases {@code sluice serve} watches ({@code watch.<name>.url}, {@code .user},
     * {@code .password}), by name.
     *
     * @throws ConfigException naming the key when a watched database has a user or password but no URL
     */
    public List<WatchedDatabase> watched() {
        List<WatchedDatabase> watched = new ArrayList<>();
        SortedSet<String> names = new TreeSet<>();
        for (String key : keysStartingWith(WATCH_PREFIX)) {
            java.util.regex.Matcher m = WATCH_KEY.matcher(key);
            if (m.matches()) {
                names.add(m.group(1));
            }
        }
        for (String name : names) {
            String prefix = WATCH_PREFIX + name + ".";
            Optional<String> url = get(prefix + "url");
            if (url.isEmpty()) {
                String set = keysStartingWith(prefix).first();
                throw new ConfigException(originOf(set) + ": '" + set + "' is set but '" + prefix + "url' is not; give the watched"
                        + " database's JDBC URL");
            }
            watched.add(new WatchedDatabase(name, url.get(), get(prefix + "user"), get(prefix + "password")));
        }
        return watched;
    }

    /**
     * The rewrite's copy: {@code rewrite.batch-size} rows per batch (default 50,000) and {@code rewrite.batch-pause}
     * between batches (default none); the lock timeout is the run's.
     */
    public dev.sluice.online.BackfillSettings rewriteCopy() {
        dev.sluice.online.BackfillSettings s = dev.sluice.rewrite.RewriteDefaults.copy();
        s = s.withBatchSize(wholeNumber("rewrite.batch-size", 1).orElse(s.batchSize()));
        return s.withPause(duration("rewrite.batch-pause").orElse(s.pause()));
    }

    /** Run settings: the timeouts and waits; defaults where unset. */
    public ExecutionSettings execution() {
        ExecutionSettings s = ExecutionSettings.defaults();
        s = s.withLockTimeout(duration("lock-timeout").orElse(s.lockTimeout()));
        s = s.withStatementTimeout(duration("statement-timeout").orElse(s.statementTimeout()));
        s = s.withLockWait(duration("lock-wait").orElse(s.lockWait()));
        s = s.withRetryDeadline(duration("retry-deadline").orElse(s.retryDeadline()));
        s = s.withMaxBlockerAge(duration("max-blocker-age").orElse(s.maxBlockerAge()));
        s = s.withIdleTimeout(duration("idle-timeout").orElse(s.idleTimeout()));
        s = s.withReconnectWait(duration("reconnect-wait").orElse(s.reconnectWait()));
        s = s.withBlockerGrace(duration("blocker-grace").orElse(s.blockerGrace()));
        Optional<String> ignore = get("ignore-migration-patterns");
        if (ignore.isPresent()) {
            try {
                s = s.withIgnoreMigrationPatterns(IgnoreMigrationPatterns.parse(ignore.get()));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(originOf("ignore-migration-patterns") + ": 'ignore-migration-patterns': " + e.getMessage());
            }
        }
        return s;
    }

    /**
     * Backfill settings of online changes: {@code backfill.batch-size}, {@code backfill.batch-pause}, and the
     * throttling limits {@code backfill.max-replication-lag} (a size such as {@code 16MB}) and
     * {@code backfill.max-lock-waits} (a number of sessions), each {@code off} to turn it off; batches run
     * under {@code lock-timeout}. Defaults where unset.
     */
    public BackfillSettings backfill() {
        BackfillSettings s = BackfillSettings.defaults().withLockTimeout(execution().lockTimeout());
        s = s.withBatchSize(wholeNumber("backfill.batch-size", 1).orElse(s.batchSize()));
        s = s.withPause(duration("backfill.batch-pause").orElse(s.pause()));
        Optional<String> lag = get("backfill.max-replication-lag");
        if (lag.isPresent()) {
            s = s.withMaxReplicationLag(off(lag.get()) ? OptionalLong.empty() : OptionalLong.of(size("backfill.max-replication-lag")));
        }
        Optional<String> waits = get("backfill.max-lock-waits");
        if (waits.isPresent()) {
            s = s.withMaxLockWaits(off(waits.get()) ? OptionalInt.empty() : OptionalInt.of(wholeNumber("backfill.max-lock-waits", 0).orElseThrow()));
        }
        return s;
    }

    private static boolean off(String value) {
        return value.equalsIgnoreCase("off");
    }

    private long size(String key) {
        try {
            return ByteSizeText.parse(get(key).orElseThrow());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(originOf(key) + ": '" + key + "': " + e.getMessage() + ", or off");
        }
    }

    /**
     * Lint settings: {@code lint.disable = id1,id2}, {@code lint.severity.<id> = warning},
     * {@code lint.pg-version = 15}, {@code lint.start-after = 42}, {@code lint.gate.small-table = 10MB}.
     * An unknown rule id is an error naming it, like an unknown key.
     */
    public LintSettings lint() {
        LintSettings s = LintSettings.defaults();
        Optional<String> version = get("lint.pg-version");
        if (version.isPresent()) {
            try {
                s = s.withPgVersion(Integer.parseInt(version.get()));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(originOf("lint.pg-version") + ": 'lint.pg-version' must be a major version like 14, not '"
                        + version.get() + "'");
            }
        }
        Set<String> disabled = new TreeSet<>();
        for (String id : get("lint.disable").orElse("").split(",")) {
            if (!id.isBlank()) {
                disabled.add(knownRule(id.strip(), "lint.disable"));
            }
        }
        Map<String, Severity> severities = new HashMap<>();
        for (String key : keysStartingWith(LINT_SEVERITY_PREFIX)) {
            String id = knownRule(key.substring(LINT_SEVERITY_PREFIX.length()), key);
            try {
                severities.put(id, Severity.parse(get(key).orElse("")));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(originOf(key) + ": '" + key + "': " + e.getMessage());
            }
        }
        Optional<String> startAfter = get("lint.start-after");
        if (startAfter.isPresent()) {
            try {
                s = s.withStartAfter(Optional.of(Version.parse(startAfter.get())));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(originOf("lint.start-after") + ": 'lint.start-after': " + e.getMessage());
            }
        }
        Optional<String> smallTable = get("lint.gate.small-table");
        if (smallTable.isPresent()) {
            try {
                s = s.withSmallTableBytes(ByteSizeText.parse(smallTable.get()));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(originOf("lint.gate.small-table") + ": 'lint.gate.small-table': " + e.getMessage());
            }
        }
        return s.withDisabled(disabled).withSeverities(severities);
    }

    private String knownRule(String id, String key) {
        if (!Rules.ids().contains(id)) {
            throw new ConfigException(originOf(key) + ": '" + key + "' names unknown lint rule '" + id
                    + "'; 'sluice lint --list-rules' lists them");
        }
        return id;
    }
}
