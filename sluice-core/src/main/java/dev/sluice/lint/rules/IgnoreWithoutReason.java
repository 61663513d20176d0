package dev.sluice.lint.rules;

import dev.sluice.lint.LintContext;
import dev.sluice.lint.Reporter;
import dev.sluice.lint.Severity;
import dev.sluice.lint.Suppression;
import dev.sluice.lint.SuppressionRule;

import java.util.Set;

/**
 * Flags a suppression without a reason. Such a directive suppresses nothing: the reason is what a
 * reviewer reads to accept the risk.
 */
public final class IgnoreWithoutReason extends BaseRule implements SuppressionRule {

    public static final String ID = "ignore-without-reason";

    public IgnoreWithoutReason() {
        super(ID, Severity.ERROR, "'-- sluice:ignore <rule-id>' needs a reason after the rule id, or it suppresses nothing");
    }

    @Override
    public void checkSuppressions(LintContext context, Set<Suppression> used, Reporter reporter) {
        for (Suppression s : context.suppressions()) {
            if (!s.hasReason()) {
                reporter.report(null, s.line(), 1, "this suppression gives no reason, so it suppresses nothing",
                        "-- sluice:" + (s.wholeFile() ? "ignore-file " : "ignore ")
                                + (s.rules().isEmpty() ? "<rule-id>" : String.join(",", s.rules())) + " <why this is safe here>");
            }
        }
    }
}
