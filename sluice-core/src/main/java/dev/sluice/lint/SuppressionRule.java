package dev.sluice.lint;

import java.util.Set;

/**
 * A rule about the suppressions themselves. It runs after every other rule's findings have been matched
 * against the file's suppressions, so it knows which ones were used.
 */
public interface SuppressionRule extends Rule {

    /** @param used the suppressions that silenced at least one finding */
    void checkSuppressions(LintContext context, Set<Suppression> used, Reporter reporter);
}
