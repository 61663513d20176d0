package dev.sluice.lint.rules;

import dev.sluice.lint.LintContext;
import dev.sluice.lint.Reporter;
import dev.sluice.lint.Severity;
import dev.sluice.migration.MigrationTemplate;

/**
 * Flags a file that is still the template {@code sluice new} wrote: no statement, and only the
 * placeholder {@code select true} as its assertion. Applying it records a migration that did nothing;
 * as a down, it makes a rollback that restores nothing look successful.
 */
public final class UntouchedTemplate extends BaseRule {

    public static final String ID = "untouched-template";

    public UntouchedTemplate() {
        super(ID, Severity.ERROR, "The file is still the template 'sluice new' wrote: no statement, only the placeholder assertion");
    }

    @Override
    public void finish(LintContext context, Reporter reporter) {
        FileSections f = FileSections.of(context);
        if (MigrationTemplate.untouched(f.work(), f.assertions())) {
            reporter.report(null, 1, 1, "the file is still the template 'sluice new' wrote: it has no statement, and its only"
                            + " assertion is the placeholder '" + MigrationTemplate.PLACEHOLDER_ASSERTION + "'",
                    "write the " + (context.role() == dev.sluice.lint.MigrationRole.DOWN ? "down's" : "migration's")
                            + " statements above '-- sluice:validate' and a real assertion below it, or delete the file");
        }
    }
}
