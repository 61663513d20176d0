package dev.sluice.lint;

import java.util.List;

/**
 * What {@code lint} found in a project: the findings of the rules, and the problems of the migration
 * files themselves (duplicate versions, a down without an up, an unreadable file) among them under the
 * id {@link ProjectLint#INVALID_MIGRATION}.
 *
 * @param findings     every finding, file problems first, then the rules' in file order
 * @param report       the rules' own report: files and statements judged, files left unjudged
 * @param invalidFiles whether the project's migration files are invalid; a shell reports that apart
 *                     from lint errors (the command line exits 3, not 5)
 */
public record LintResult(List<Finding> findings, LintReport report, boolean invalidFiles) {

    public LintResult {
        findings = List.copyOf(findings);
    }

    /** Whether a rule found an error. */
    public boolean hasErrors() {
        return report.hasErrors();
    }

    /** Findings of the given severity. */
    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }
}
