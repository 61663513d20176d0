package dev.sluice.rehearsal;

import dev.sluice.db.ConnectionFactory;
import dev.sluice.db.Connections;
import dev.sluice.execution.MigrationFailedException;
import dev.sluice.migration.Migration;
import dev.sluice.migration.MigrationCatalog;
import dev.sluice.migration.MigrationType;
import dev.sluice.migration.internal.StatementRunner;
import dev.sluice.progress.Progress;
import dev.sluice.schema.SchemaDiff;
import dev.sluice.schema.SchemaSnapshot;
import dev.sluice.sql.SqlParseException;
import dev.sluice.sql.SqlStatement;
import dev.sluice.sql.internal.StatementSplitter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Proves on a scratch database that every migration's down restores what its up changed. For each
 * versioned migration in order: snapshot, up (with its validation), snapshot, down (with its
 * validation), snapshot, which must equal the first, then up again, whose snapshot must equal the
 * second. Row counts of the tables that existed before the up must come back too, so a down that loses
 * data is caught, not just one that forgets an index.
 *
 * <p>An online migration runs as start, rollback (the schema must equal the one before start, and the rows
 * come back), start again and complete, whose schema must equal what the plain migration it stands for gives
 * from the same schema, column order aside (online changes add their new columns at the end).
 *
 * <p>Seed data makes that check worth something: {@code seed.sql} in the seed folder runs before the
 * first migration, and {@code S<version>__<description>.sql} once migration {@code <version>} has been
 * rehearsed and applied for good, so the next migration's down has rows to lose.
 *
 * <p>Hazard: it migrates, rolls back and seeds the database it is given. Give it a scratch database.
 */
public final class Rehearsal {

    private final RehearsalTarget target;
    private final ConnectionFactory scratch;
    private final String historySchema;
    private final String historyTable;
    private final Optional<Path> seedFolder;
    private final boolean irreversibleIsError;

    /**
     * @param target              migrate, rollback and snapshot of the project's migrations on {@code scratch}
     * @param scratch             an empty database that may be changed at will
     * @param historySchema       the schema of the history table, whose rows are not counted
     * @param historyTable        the history table
     * @param seedFolder          where {@code seed.sql} and {@code S<version>__*.sql} files are, if anywhere
     * @param irreversibleIsError whether a migration without a down fails the rehearsal
     */
    public Rehearsal(RehearsalTarget target, ConnectionFactory scratch, String historySchema, String historyTable,
                     Optional<Path> seedFolder, boolean irreversibleIsError) {
        this.target = target;
        this.scratch = scratch;
        this.historySchema = historySchema;
        this.historyTable = historyTable;
        this.seedFolder = seedFolder;
        this.irreversibleIsError = irreversibleIsError;
    }

    public RehearsalReport run() throws SQLException {
        return run(Progress.NONE);
    }

    /** Rehearses every migration, reporting each one to {@code progress} as it starts and ends. */
    public RehearsalReport run(Progress progress) throws SQLException {
        MigrationCatalog catalog = target.catalog();
        int total = catalog.versioned().size();
        seed("seed.sql");
        List<MigrationRehearsal> results = new ArrayList<>();
        boolean broken = false;
        for (Migration m : catalog.versioned()) {
            if (broken) {
                results.add(new MigrationRehearsal(m.label(), m.script(), Verdict.SKIPPED,
                        List.of("not rehearsed: an earlier migration did not apply"), 0));
                continue;
            }
            long start = System.nanoTime();
            progress.started(m.label(), results.size(), total);
            List<String> problems = new ArrayList<>();
            Verdict verdict = rehearse(m, problems);
            broken = verdict == Verdict.FAILED && problems.stream().anyMatch(Rehearsal::leavesItUnapplied);
            long millis = (System.nanoTime() - start) / 1_000_000;
            results.add(new MigrationRehearsal(m.label(), m.script(), verdict, problems, millis));
            progress.finished(m.label(), results.size(), total, millis);
        }
        if (!broken && !catalog.repeatable().isEmpty()) {
            try {
                target.migrate(Optional.empty(), true);
            } catch (MigrationFailedException e) {
                results.add(new MigrationRehearsal("repeatable migrations", "R__*", Verdict.FAILED,
                        List.of("up failed: " + e.getMessage()), 0));
            }
        }
        return new RehearsalReport(results, irreversibleIsError);
    }

    /**
     * The schema as the previous migration left it; seeds change rows, never the schema, so it is the next
     * migration's "before" without another catalog read. Empty when unknown.
     */
    private Optional<SchemaSnapshot> last = Optional.empty();

    /** A problem after which the migration is not applied (or its change is left in progress), so later ones cannot run. */
    private static boolean leavesItUnapplied(String problem) {
        return problem.startsWith("up failed") || problem.startsWith("start failed") || problem.startsWith("rollback failed")
                || problem.startsWith("complete failed");
    }

    private Verdict rehearse(Migration m, List<String> problems) throws SQLException {
        if (m.type() == MigrationType.ONLINE) {
            return rehearseOnline(m, problems);
        }
        Optional<dev.sluice.migration.Version> version = m.version();
        SchemaSnapshot before = last.isPresent() ? last.get() : target.snapshot();
        last = Optional.empty();
        Map<String, Long> rowsBefore = rows();
        try {
            target.migrate(version, false);
        } catch (MigrationFailedException e) {
            problems.add("up failed: " + e.getMessage());
            return Verdict.FAILED;
        }
        String seed = "S" + m.requireVersion().toString().replace('.', '_') + "__";
        // A '-- sluice:rewrite' file has no down file: its rollback swaps the kept original back.
        if (m.down().isEmpty() && m.type() != dev.sluice.migration.MigrationType.REWRITE) {
            seed(seed);
            problems.add("has no down: add U" + m.requireVersion() + "__" + m.description().replace(' ', '_')
                    + ".sql (or performDown), or accept that it cannot be rolled back");
            return Verdict.IRREVERSIBLE;
        }
        SchemaSnapshot afterUp = target.snapshot();
        try {
            target.rollbackOne();
        } catch (MigrationFailedException e) {
            problems.add("down failed: " + e.getMessage());
            return Verdict.FAILED;
        }
        SchemaSnapshot afterDown = target.snapshot();
        SchemaDiff restored = SchemaDiff.between(before, afterDown, false);
        if (!restored.isEmpty()) {
            problems.add("the down does not restore the schema; after up and down, compared with before the up:\n    "
                    + String.join("\n    ", restored.lines()));
        }
        List<String> lostRows = RowCounts.differences(rowsBefore, rows());
        if (!lostRows.isEmpty()) {
            problems.add("the down does not restore the data:\n    " + String.join("\n    ", lostRows));
        }
        try {
            target.migrate(version, false);
        } catch (MigrationFailedException e) {
            problems.add("up failed again after the down: " + e.getMessage());
            return Verdict.FAILED;
        }
        SchemaSnapshot afterSecondUp = target.snapshot();
        last = Optional.of(afterSecondUp);
        SchemaDiff again = SchemaDiff.between(afterUp, afterSecondUp, false);
        if (!again.isEmpty()) {
            problems.add("the second up gives another schema than the first:\n    " + String.join("\n    ", again.lines()));
        }
        seed(seed);
        return problems.isEmpty() ? Verdict.PASSED : Verdict.FAILED;
    }

    /** Start, rollback, start, complete, with the checks of {@link Rehearsal}'s description. */
    private Verdict rehearseOnline(Migration m, List<String> problems) throws SQLException {
        SchemaSnapshot before = last.isPresent() ? last.get() : target.snapshot();
        last = Optional.empty();
        Map<String, Long> rowsBefore = rows();
        if (!step("start failed: ", target::startOnline, problems)) {
            return Verdict.FAILED;
        }
        if (!step("rollback failed: ", target::rollbackOnline, problems)) {
            return Verdict.FAILED;
        }
        SchemaDiff restored = SchemaDiff.between(before, target.snapshot(), false);
        if (!restored.isEmpty()) {
            problems.add("the rollback does not restore the schema; after start and rollback, compared with before the start:\n    "
                    + String.join("\n    ", restored.lines()));
        }
        List<String> lostRows = RowCounts.differences(rowsBefore, rows());
        if (!lostRows.isEmpty()) {
            problems.add("the rollback does not restore the data:\n    " + String.join("\n    ", lostRows));
        }
        Optional<SchemaSnapshot> plain = Optional.empty();
        try {
            plain = Optional.of(target.plainOutcome(m));
        } catch (SQLException | RuntimeException e) {
            problems.add("the plain migration it stands for fails, so complete's schema was not compared with it: " + e.getMessage());
        }
        if (!step("start failed again after the rollback: ", target::startOnline, problems)
                || !step("complete failed: ", target::completeOnline, problems)) {
            return Verdict.FAILED;
        }
        SchemaSnapshot completed = target.snapshot();
        last = Optional.of(completed);
        if (plain.isPresent()) {
            SchemaDiff differs = SchemaDiff.between(plain.get(), completed, true);
            if (!differs.isEmpty()) {
                problems.add("complete gives another schema than the plain migration; compared with the plain one:\n    "
                        + String.join("\n    ", differs.lines()));
            }
        }
        seed("S" + m.requireVersion().toString().replace('.', '_') + "__");
        return problems.isEmpty() ? Verdict.PASSED : Verdict.FAILED;
    }

    @FunctionalInterface
    private interface Step {
        void run() throws SQLException;
    }

    /** Runs one phase of an online change; a failure becomes a problem starting with {@code failed}. */
    private static boolean step(String failed, Step step, List<String> problems) {
        try {
            step.run();
            return true;
        } catch (SQLException | RuntimeException e) {
            problems.add(failed + e.getMessage());
            return false;
        }
    }

    private Map<String, Long> rows() throws SQLException {
        try (Connection c = Connections.open(scratch)) {
            return RowCounts.of(c, historySchema, historyTable);
        }
    }

    /** Runs the seed file whose name is {@code name} or starts with it ({@code S3__}), if there is one. */
    private void seed(String name) throws SQLException {
        if (seedFolder.isEmpty() || !Files.isDirectory(seedFolder.get())) {
            return;
        }
        List<Path> files;
        try (var list = Files.list(seedFolder.get())) {
            files = list.filter(p -> {
                String f = p.getFileName().toString();
                return name.endsWith(".sql") ? f.equals(name) : f.startsWith(name) && f.endsWith(".sql");
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path file : files) {
            String text;
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read seed " + file, e);
            }
            List<SqlStatement> statements;
            try {
                statements = StatementSplitter.split(text, file.getFileName().toString()).statements();
            } catch (SqlParseException e) {
                throw new RehearsalException(e.getMessage(), e);
            }
            try (Connection c = Connections.open(scratch)) {
                for (SqlStatement s : statements) {
                    try {
                        StatementRunner.execute(c, s);
                    } catch (SQLException e) {
                        throw new RehearsalException(file.getFileName() + ":" + s.line() + ": seed failed: " + e.getMessage(), e);
                    }
                }
            }
        }
    }
}
