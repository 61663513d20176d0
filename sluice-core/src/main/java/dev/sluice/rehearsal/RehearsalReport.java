package dev.sluice.rehearsal;

import java.util.List;

/**
 * What a rehearsal found, migration by migration.
 *
 * @param migrations         one entry per versioned migration, in order
 * @param irreversibleIsError whether a migration without a down fails the rehearsal
 */
public record RehearsalReport(List<MigrationRehearsal> migrations, boolean irreversibleIsError) {

    public RehearsalReport {
        migrations = List.copyOf(migrations);
    }

    /** Whether every migration passed (irreversible ones count as failures only when so configured). */
    public boolean passed() {
        return migrations.stream().allMatch(m -> m.verdict() == Verdict.PASSED
                || (m.verdict() == Verdict.IRREVERSIBLE && !irreversibleIsError));
    }
}
