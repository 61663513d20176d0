package dev.sluice.verify;

import dev.sluice.lint.Finding;

import java.util.List;

/**
 * One line of {@code verify}'s verdict: a check (lint, checksums, trace, schema file) or one
 * migration's rehearsal. Each becomes a JUnit test case, so CI dashboards list them one by one.
 *
 * @param suite    {@code checks} or {@code rehearsal}
 * @param name     what was checked
 * @param status   how it went
 * @param message  one line saying why, for failures, warnings and skips
 * @param details  the diff, the problems, the findings as text
 * @param findings findings with file and line, for annotations
 * @param millis   how long it took
 */
public record VerifyCheck(String suite, String name, Status status, String message, String details, List<Finding> findings,
                          long millis) {

    public enum Status { PASSED, WARNING, FAILED, SKIPPED }

    public VerifyCheck {
        findings = List.copyOf(findings);
    }

    public static VerifyCheck passed(String suite, String name, long millis) {
        return new VerifyCheck(suite, name, Status.PASSED, "", "", List.of(), millis);
    }
}
