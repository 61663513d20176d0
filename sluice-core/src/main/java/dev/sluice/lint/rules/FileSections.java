package dev.sluice.lint.rules;

import dev.sluice.lint.LintContext;
import dev.sluice.sql.SluiceDirective;
import dev.sluice.sql.SqlStatement;

import java.util.List;

/**
 * A file cut where {@code -- sluice:validate} stands: the statements that do the work, and the
 * assertions after them, which only check.
 */
record FileSections(List<SqlStatement> work, List<SqlStatement> assertions) {

    static FileSections of(LintContext context) {
        int validate = context.script().directives().stream().filter(d -> d.keyword().equals("validate"))
                .mapToInt(SluiceDirective::line).min().orElse(Integer.MAX_VALUE);
        List<SqlStatement> all = context.script().statements();
        return new FileSections(all.stream().filter(s -> s.line() < validate).toList(),
                all.stream().filter(s -> s.line() > validate).toList());
    }
}
