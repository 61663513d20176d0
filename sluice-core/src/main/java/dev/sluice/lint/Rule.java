package dev.sluice.lint;

import dev.sluice.sql.PgStatement;

/**
 * One lint rule. Rules are stateless: whatever a rule needs to remember across statements it reads
 * from the {@link LintContext}, so one instance serves every file.
 *
 * <p>Every rule has a docs page {@code docs/rules/<id>.md} and example files {@code bad.sql} and
 * {@code good.sql}; a test fails when one is missing.
 */
public interface Rule {

    /** Stable kebab-case id, used in suppressions, config and reports; never renamed. */
    String id();

    /** The severity unless the project overrides it. */
    Severity defaultSeverity();

    /** One line for {@code docs/rules/README.md} and {@code sluice lint --list}. */
    String summary();

    /**
     * Whether what this rule flags costs the time a lock is held while the whole table is read or
     * written (an index build, a rewrite, a validation scan), so that on a small table it is over in
     * moments. The migrate gate lets such a finding pass on a table the database shows to be smaller than
     * {@code lint.gate.small-table}. False for data loss and for anything that fails or blocks whatever the
     * size: those keep blocking.
     */
    default boolean costGrowsWithTable() {
        return false;
    }

    /**
     * Looks at one statement. Called in file order; the context's schema shows what existed just before
     * the statement.
     */
    default void visit(LintContext context, int index, PgStatement statement, Reporter reporter) {
    }

    /** Called once after the file's last statement, for rules that look at the file as a whole. */
    default void finish(LintContext context, Reporter reporter) {
    }
}
