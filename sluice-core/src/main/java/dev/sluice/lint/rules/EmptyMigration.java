package dev.sluice.lint.rules;

import dev.sluice.lint.LintContext;
import dev.sluice.lint.Reporter;
import dev.sluice.lint.Severity;
import dev.sluice.migration.MigrationTemplate;

/**
 * Flags a migration with no statement to run: an empty file, comments only, or assertions only. It
 * applies without a word and is recorded as done, which hides a forgotten body; and a rollback later asks
 * for its down. An untouched {@code sluice new} template is {@link UntouchedTemplate}'s, not this rule's.
 */
public final class EmptyMigration extends BaseRule {

    public static final String ID = "empty-migration";

    public EmptyMigration() {
        super(ID, Severity.WARNING, "The migration has no statement to run (empty, comments only, or assertions only)");
    }

    @Override
    public void finish(LintContext context, Reporter reporter) {
        FileSections f = FileSections.of(context);
        if (f.work().isEmpty() && !MigrationTemplate.untouched(f.work(), f.assertions())) {
            reporter.report(null, 1, 1, "the file has no statement to run"
                            + (f.assertions().isEmpty() ? "" : " (only assertions after -- sluice:validate)")
                            + ": it would be recorded as applied without changing anything",
                    "write the migration's statements, or delete the file if it is not needed");
        }
    }
}
