package dev.sluice.doctor;

import java.util.List;
import java.util.Optional;

/**
 * The checklist's answer, in the order the checks ran.
 *
 * @param target the database checked, as the output names it (password masked), or {@code unknown}
 * @param checks one result per check
 */
public record DoctorReport(String target, List<CheckResult> checks) {

    public DoctorReport {
        checks = List.copyOf(checks);
    }

    /** True when no check failed; warnings do not count. */
    public boolean ok() {
        return checks.stream().noneMatch(c -> c.status() == CheckStatus.FAIL);
    }

    /** The result of the check with this id. */
    public Optional<CheckResult> check(String id) {
        return checks.stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
