package dev.sluice.verify;

import java.util.List;

/**
 * What {@code verify} found: every check in the order it ran. {@link VerifyReportFormat} renders it as
 * text, JSON, JUnit XML or GitHub annotations.
 *
 * @param checks        the checks and the rehearsed migrations
 * @param scratchServer where the scratch databases lived, empty when the migration files stopped the gate first
 */
public record VerifyReport(List<VerifyCheck> checks, String scratchServer) {

    public VerifyReport {
        checks = List.copyOf(checks);
    }

    /** Whether no check failed; warnings and skips pass. */
    public boolean passed() {
        return checks.stream().noneMatch(r -> r.status() == VerifyCheck.Status.FAILED);
    }
}
