package dev.sluice.lint.rules;

import dev.sluice.lint.LintContext;
import dev.sluice.lint.Reporter;
import dev.sluice.lint.Severity;
import dev.sluice.lint.Suppression;
import dev.sluice.lint.SuppressionRule;

import java.util.Set;

/** Flags an ignore directive that silences nothing: a stale one hides the next real finding on that line. */
public final class UnusedIgnore extends BaseRule implements SuppressionRule {

    public static final String ID = "unused-ignore";

    public UnusedIgnore() {
        super(ID, Severity.WARNING, "An ignore directive that suppresses no finding should be removed");
    }

    @Override
    public void checkSuppressions(LintContext context, Set<Suppression> used, Reporter reporter) {
        Set<String> known = Rules.ids();
        for (Suppression s : context.suppressions()) {
            if (!s.hasReason() || used.contains(s)) {
                continue;
            }
            String unknown = s.rules().stream().filter(r -> !known.contains(r)).findFirst().orElse(null);
            String message = unknown != null ? "'" + unknown + "' is not a rule id, so this directive suppresses nothing"
                    : s.statement() < 0 && !s.wholeFile() ? "no statement follows this directive"
                    : "no finding of " + String.join(", ", s.rules()) + " is " + (s.wholeFile() ? "in this file" : "on the next statement");
            reporter.report(null, s.line(), 1, message, "remove the directive, or fix the rule id (see docs/rules/README.md)");
        }
    }
}
