package dev.sluice.doctor;

import java.util.Objects;

/**
 * One line of the report: which check, and what it found.
 *
 * @param id      the check's stable id ({@link DoctorCheck#id()}), e.g. {@code backup}
 * @param title   what the check asks, for a person
 * @param outcome the verdict, message and details
 */
public record CheckResult(String id, String title, CheckOutcome outcome) {

    public CheckResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(outcome, "outcome");
    }

    public CheckStatus status() {
        return outcome.status();
    }
}
