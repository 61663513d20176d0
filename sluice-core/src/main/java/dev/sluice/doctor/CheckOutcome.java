package dev.sluice.doctor;

import java.util.List;
import java.util.Objects;

/**
 * What one check found.
 *
 * @param status  the verdict
 * @param message one line: what was found and, on WARN or FAIL, what to do about it
 * @param details one line per item behind the verdict (pending migrations, lock holders, changed files...)
 */
public record CheckOutcome(CheckStatus status, String message, List<String> details) {

    public CheckOutcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        details = List.copyOf(details);
    }

    static CheckOutcome pass(String message) {
        return new CheckOutcome(CheckStatus.PASS, message, List.of());
    }

    static CheckOutcome warn(String message) {
        return new CheckOutcome(CheckStatus.WARN, message, List.of());
    }

    static CheckOutcome fail(String message) {
        return new CheckOutcome(CheckStatus.FAIL, message, List.of());
    }
}
