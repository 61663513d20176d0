package dev.sluice.lint;

import java.util.List;

/**
 * The outcome of a lint run.
 *
 * @param findings   every finding that is not suppressed, ordered by file, line and column
 * @param files      how many files were reported on
 * @param statements how many statements those files hold
 * @param notJudged  how many files were to be reported on but lie at or before {@code lint.start-after}
 */
public record LintReport(List<Finding> findings, int files, int statements, int notJudged) {

    public LintReport {
        findings = List.copyOf(findings);
    }

    public LintReport(List<Finding> findings, int files, int statements) {
        this(findings, files, statements, 0);
    }

    public List<Finding> errors() {
        return findings.stream().filter(f -> f.severity() == Severity.ERROR).toList();
    }

    public boolean hasErrors() {
        return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
    }
}
