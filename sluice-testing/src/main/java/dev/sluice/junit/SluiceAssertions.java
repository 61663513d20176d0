package dev.sluice.junit;

import dev.sluice.Sluice;
import dev.sluice.postgres.ScratchDatabase;
import dev.sluice.progress.Progress;
import dev.sluice.rehearsal.MigrationRehearsal;
import dev.sluice.rehearsal.RehearsalReport;
import dev.sluice.rehearsal.Verdict;
import org.opentest4j.AssertionFailedError;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Assertions about a project's migrations, for a test that guards them in the build as {@code sluice rehearse}
 * does in CI. They use the JVM's test server (a throwaway PostgreSQL, or {@code SLUICE_TEST_URL}'s), and need
 * no {@link SluiceTest} on the class.
 */
public final class SluiceAssertions {

    private SluiceAssertions() {
    }

    /** {@link #assertMigrationsRehearse(String, boolean)} of the default folder, a missing down a warning. */
    public static RehearsalReport assertMigrationsRehearse() {
        return assertMigrationsRehearse("", false);
    }

    /** {@link #assertMigrationsRehearse(String, boolean)}, a missing down a warning. */
    public static RehearsalReport assertMigrationsRehearse(String migrations) {
        return assertMigrationsRehearse(migrations, false);
    }

    /**
     * Rehearses the migrations on an empty database ({@link Sluice#rehearse}): each up, its down and the up
     * again, with the proof that the down restored the schema and the rows. Fails with every problem of
     * every migration that did not pass.
     *
     * @param migrations          the folder relative to the working directory; empty for the default
     *                            ({@code locations} of {@code sluice.conf}, else {@code src/main/resources/db/migration},
     *                            else {@code migrations})
     * @param irreversibleIsError whether a migration without a down fails the assertion
     * @return the report, for further assertions
     */
    public static RehearsalReport assertMigrationsRehearse(String migrations, boolean irreversibleIsError) {
        TestProject project = TestProject.of(migrations, "sluice.conf");
        ScratchDatabase scratch = SharedServer.emptyDatabase("rehearse");
        RehearsalReport report;
        try {
            report = new Sluice(project.options(scratch.connections()))
                    .rehearse(scratch.connections(), Optional.empty(), irreversibleIsError, Progress.NONE);
        } catch (SQLException e) {
            throw new AssertionFailedError("the migrations in " + project.migrations() + " could not be rehearsed: "
                    + e.getMessage(), e);
        } finally {
            SharedServer.drop(scratch);
        }
        if (!report.passed()) {
            throw new AssertionFailedError(failures(project.migrations(), report));
        }
        return report;
    }

    /** The migrations that failed, each with its problems, one a line. */
    static String failures(Path folder, RehearsalReport report) {
        StringBuilder text = new StringBuilder("the migrations in " + folder + " do not rehearse:");
        for (MigrationRehearsal m : report.migrations()) {
            boolean failed = m.verdict() == Verdict.FAILED
                    || (m.verdict() == Verdict.IRREVERSIBLE && report.irreversibleIsError());
            if (!failed) {
                continue;
            }
            text.append(System.lineSeparator()).append("  ").append(m.label()).append(" (").append(m.script()).append("): ")
                    .append(m.verdict() == Verdict.IRREVERSIBLE ? "no down" : "FAILED");
            for (String problem : m.problems()) {
                text.append(System.lineSeparator()).append("    - ")
                        .append(problem.replace(System.lineSeparator(), System.lineSeparator() + "      ").replace("\n", "\n      "));
            }
        }
        return text.toString();
    }
}
