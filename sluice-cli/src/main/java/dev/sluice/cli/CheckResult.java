package dev.sluice.cli;

import dev.sluice.lint.Finding;

import java.util.List;

/**
 * One line of {@code sluice verify}'s verdict: a check (lint, checksums, trace, schema file) or one
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
record CheckResult(String suite, String name, Status status, String message, String details, List<Finding> findings,
                   long millis) {

    enum Status { PASSED, WARNING, FAILED, SKIPPED }

    CheckResult {
        findings = List.copyOf(findings);
    }

    static CheckResult passed(String suite, String name, long millis) {
        return new CheckResult(suite, name, Status.PASSED, "", "", List.of(), millis);
    }
}
