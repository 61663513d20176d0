package dev.sluice.migration.internal;

import dev.sluice.migration.MigrationFileName;
import dev.sluice.migration.MigrationSource;
import dev.sluice.migration.SafeMigration;
import dev.sluice.migration.Checksum;
import dev.sluice.migration.MigrationType;
import dev.sluice.migration.Direction;
import dev.sluice.migration.MigrationOrder;
import dev.sluice.migration.ScriptResource;
import dev.sluice.migration.MigrationProblem;
import dev.sluice.migration.MigrationCatalog;
import dev.sluice.migration.MigrationValidation;
import dev.sluice.migration.MigrationFileException;
import dev.sluice.migration.JavaMigrationBody;
import dev.sluice.migration.Migration;
import dev.sluice.migration.Version;
import dev.sluice.migration.MigrationBody;
import dev.sluice.migration.OnlineMigrationBody;
import dev.sluice.migration.RewriteMigrationBody;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns what the sources found into a {@link MigrationCatalog}: pairs each {@code U} file with its
 * {@code V}, parses every script, and refuses the whole set when versions collide or a down has no up.
 * Every problem is collected before failing, so a person fixes them in one pass.
 */
public final class MigrationResolver {

    private final boolean strictNames;
    private final OnlineFileCheck onlineCheck;
    private final PlaceholderReplacer placeholders;

    /**
     * @param strictNames when true, a {@code .sql} file whose name matches no form is an error instead of
     *                    a warning
     */
    public MigrationResolver(boolean strictNames) {
        this(strictNames, OnlineFileCheck.NONE);
    }

    /**
     * @param onlineCheck reads each {@code .yaml} online migration, so its mistakes are reported here
     */
    public MigrationResolver(boolean strictNames, OnlineFileCheck onlineCheck) {
        this(strictNames, onlineCheck, PlaceholderReplacer.NONE);
    }

    /**
     * @param placeholders replaces {@code ${name}} in each script before it is parsed; the checksum stays that
     *                     of the file as written
     */
    public MigrationResolver(boolean strictNames, OnlineFileCheck onlineCheck, PlaceholderReplacer placeholders) {
        this.strictNames = strictNames;
        this.onlineCheck = onlineCheck;
        this.placeholders = placeholders;
    }

    /**
     * The SQL callbacks among the sources' files, by event and then by name, placeholders replaced.
     *
     * @throws MigrationFileException for a callback that cannot be read or parsed, or uses a placeholder without a value
     */
    public List<dev.sluice.migration.Callback> callbacks(List<? extends MigrationSource> sources) {
        List<dev.sluice.migration.Callback> found = new ArrayList<>();
        for (MigrationSource source : sources) {
            for (ScriptResource script : source.scripts()) {
                Optional<dev.sluice.migration.CallbackEvent> event = dev.sluice.migration.CallbackEvent.ofFile(script.name());
                if (event.isPresent()) {
                    String text = placeholders.replace(script.path(), script.name(), script.text());
                    found.add(new dev.sluice.migration.Callback(event.get(), script.path(), SqlMigrationParser.parse(script.path(), text)));
                }
            }
        }
        found.sort(Comparator.comparing((dev.sluice.migration.Callback c) -> c.event())
                .thenComparing(c -> c.path().substring(c.path().lastIndexOf('/') + 1)).thenComparing(dev.sluice.migration.Callback::path));
        return found;
    }

    /** The project's migrations; throws {@link MigrationLoadException} naming every problem when there is any. */
    public MigrationCatalog resolve(List<? extends MigrationSource> sources) {
        return validate(sources).orThrow();
    }

    /**
     * The one check of the migration files that every verb uses: every problem (duplicate versions with
     * all their files, downs without an up, unreadable files, ...) and the part of the catalog that could
     * be resolved, so a verb that only reports (status, lint) can still show what it has.
     */
    public MigrationValidation validate(List<? extends MigrationSource> sources) {
        List<MigrationProblem> problems = new ArrayList<>();
        List<MigrationProblem> warnings = new ArrayList<>();
        Map<Version, List<Candidate>> ups = new TreeMap<>(MigrationOrder.VERSIONS);
        Map<Version, List<Candidate>> downs = new HashMap<>();
        Map<String, List<Candidate>> repeatables = new TreeMap<>(MigrationOrder.DESCRIPTIONS);

        for (MigrationSource source : sources) {
            List<ScriptResource> scripts;
            try {
                scripts = source.scripts();
            } catch (MigrationFileException e) {
                problems.add(MigrationProblem.of(e));
                continue;
            }
            for (ScriptResource script : scripts) {
                if (dev.sluice.migration.CallbackEvent.ofFile(script.name()).isPresent()) {
                    continue; // a callback, read by callbacks()
                }
                if (dev.sluice.migration.CallbackEvent.isUnsupportedFlywayCallback(script.name())) {
                    warnings.add(new MigrationProblem(script.path(), 0, "a Flyway callback for an event Sluice does not run;"
                            + " it is left alone (docs/flyway.md lists the events Sluice runs)"));
                    continue;
                }
                String baseName = MigrationFileName.baseName(script.name());
                Optional<MigrationFileName> name = MigrationFileName.parse(baseName);
                if (name.isEmpty()) {
                    MigrationProblem p = new MigrationProblem(script.path(), 0,
                            "name matches no migration form; " + MigrationFileName.expectedForms());
                    (strictNames ? problems : warnings).add(p);
                    continue;
                }
                boolean online = MigrationFileName.isOnlineFile(script.name())
                        || (script.name().endsWith(".sql") && name.get().kind() == 'V' && MigrationFileName.hasOnlineHeader(script.path(), script.text()));
                if (online && name.get().kind() != 'V') {
                    problems.add(new MigrationProblem(script.path(), 0, "an online migration is a versioned one: name it"
                            + " V<version>__<description>.yaml; its rollback comes from its operations, not from a U file"));
                    continue;
                }
                boolean rewrite = !online && script.name().endsWith(".sql")
                        && MigrationFileName.hasRewriteHeader(script.path(), script.text());
                if (rewrite && name.get().kind() != 'V') {
                    problems.add(new MigrationProblem(script.path(), 0, "a '-- sluice:rewrite' migration is a versioned one:"
                            + " name it V<version>__<description>.sql; its rollback is the rewrite's swap back, not a U file"));
                    continue;
                }
                MigrationBody body;
                try {
                    String text = placeholders.replace(script.path(), script.name(), script.text());
                    if (rewrite) {
                        body = RewriteFileParser.parse(script.path(), text);
                    } else if (online) {
                        onlineCheck.check(script.path(), text);
                        body = new OnlineMigrationBody(script.path(), text);
                    } else {
                        body = SqlMigrationParser.parse(script.path(), text);
                    }
                } catch (MigrationFileException e) {
                    problems.add(MigrationProblem.of(e));
                    continue;
                }
                Candidate c = new Candidate(name.get(), script.path(), Optional.of(Checksum.of(script.text())), body, Optional.empty());
                switch (name.get().kind()) {
                    case 'V' -> ups.computeIfAbsent(name.get().version().orElseThrow(), v -> new ArrayList<>()).add(c);
                    case 'U' -> downs.computeIfAbsent(name.get().version().orElseThrow(), v -> new ArrayList<>()).add(c);
                    default -> repeatables.computeIfAbsent(name.get().description(), d -> new ArrayList<>()).add(c);
                }
            }
            problems.addAll(source.problems());
            List<SafeMigration> javaMigrations;
            try {
                javaMigrations = source.javaMigrations();
            } catch (MigrationFileException e) {
                problems.add(MigrationProblem.of(e));
                continue;
            }
            for (SafeMigration java : javaMigrations) {
                String className = java.getClass().getName();
                Optional<MigrationFileName> name = MigrationFileName.parse(java.getClass().getSimpleName());
                if (name.isEmpty() || name.get().kind() != 'V') {
                    problems.add(new MigrationProblem(className, 0,
                            "a SafeMigration class must be named V<version>__<Description>, e.g. V3__Backfill_emails"));
                    continue;
                }
                Candidate c = new Candidate(name.get(), className, java.checksum(),
                        new JavaMigrationBody(java, Direction.UP), Optional.of(new JavaMigrationBody(java, Direction.DOWN)));
                ups.computeIfAbsent(name.get().version().orElseThrow(), v -> new ArrayList<>()).add(c);
            }
        }

        List<Migration> versioned = new ArrayList<>();
        List<Migration> partial = new ArrayList<>();
        for (Map.Entry<Version, List<Candidate>> e : ups.entrySet()) {
            List<Candidate> same = e.getValue();
            boolean contested = false;
            if (same.size() > 1) {
                problems.add(new MigrationProblem(same.get(0).path, 0, "version " + e.getKey() + " is used by " + same.size()
                        + " migrations: " + paths(same) + "; give each its own version"));
                contested = true;
            }
            Candidate up = same.get(0);
            Optional<MigrationBody> down = up.javaDown;
            List<Candidate> downFiles = downs.remove(e.getKey());
            if (downFiles != null) {
                if (downFiles.size() > 1) {
                    problems.add(new MigrationProblem(downFiles.get(0).path, 0, "version " + e.getKey() + " has "
                            + downFiles.size() + " downs: " + paths(downFiles) + "; keep one"));
                    contested = true;
                }
                if (down.isPresent()) {
                    problems.add(new MigrationProblem(downFiles.get(0).path, 0, "version " + e.getKey() + " is the Java migration "
                            + up.path + ", whose down is performDown; remove this U file"));
                    contested = true;
                } else {
                    down = Optional.of(downFiles.get(0).body);
                }
            }
            if (contested) {
                // Kept (the first file by path) only so that status can still show the version's row.
                partial.add(new Migration(up.body instanceof JavaMigrationBody ? MigrationType.JAVA : MigrationType.SQL,
                        up.name.version(), up.name.description(), up.path, up.checksum, up.body, down));
                continue;
            }
            if (up.body instanceof OnlineMigrationBody && downFiles != null) {
                problems.add(new MigrationProblem(downFiles.get(0).path, 0, "version " + e.getKey() + " is the online migration "
                        + up.path + ", whose rollback comes from its operations; remove this U file"));
                continue;
            }
            if (up.body instanceof RewriteMigrationBody && downFiles != null) {
                problems.add(new MigrationProblem(downFiles.get(0).path, 0, "version " + e.getKey() + " is the rewrite "
                        + up.path + ", whose rollback swaps the kept original back; remove this U file"));
                continue;
            }
            MigrationType type = up.body instanceof JavaMigrationBody ? MigrationType.JAVA
                    : up.body instanceof OnlineMigrationBody ? MigrationType.ONLINE
                    : up.body instanceof RewriteMigrationBody ? MigrationType.REWRITE : MigrationType.SQL;
            versioned.add(new Migration(type, up.name.version(), up.name.description(), up.path, up.checksum, up.body, down));
        }
        for (List<Candidate> orphans : downs.values()) {
            for (Candidate orphan : orphans) {
                problems.add(new MigrationProblem(orphan.path, 0, "this down has no up: there is no V"
                        + orphan.name.version().orElseThrow() + "__ file; rename it or add its up"));
            }
        }
        List<Migration> repeatable = new ArrayList<>();
        for (Map.Entry<String, List<Candidate>> e : repeatables.entrySet()) {
            if (e.getValue().size() > 1) {
                problems.add(new MigrationProblem(e.getValue().get(0).path, 0, "the repeatable migration '" + e.getKey()
                        + "' is defined by " + e.getValue().size() + " files: " + paths(e.getValue()) + "; rename all but one"));
                continue;
            }
            Candidate r = e.getValue().get(0);
            repeatable.add(new Migration(MigrationType.REPEATABLE, Optional.empty(), r.name.description(), r.path,
                    r.checksum, r.body, Optional.empty()));
        }
        problems.sort(Comparator.comparing(MigrationProblem::file).thenComparingInt(MigrationProblem::line));
        List<Migration> shown = new ArrayList<>(versioned);
        shown.addAll(partial);
        shown.sort(Comparator.comparing(Migration::requireVersion, MigrationOrder.VERSIONS));
        return new MigrationValidation(new MigrationCatalog(problems.isEmpty() ? versioned : shown, repeatable, warnings), problems);
    }

    private static String paths(List<Candidate> candidates) {
        return String.join(", ", candidates.stream().map(Candidate::path).sorted().toList());
    }

    private record Candidate(MigrationFileName name, String path, Optional<String> checksum, MigrationBody body,
                             Optional<MigrationBody> javaDown) {
    }
}
