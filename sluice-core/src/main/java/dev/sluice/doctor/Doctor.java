package dev.sluice.doctor;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs the checklist in its fixed order: the database first (every later check that needs it says so when
 * it is unreachable), then the migrations, then the surroundings.
 */
public final class Doctor {

    private Doctor() {
    }

    /** Every check, in the order they run and print. */
    public static List<DoctorCheck> checks() {
        return List.of(new DatabaseCheck(), new MigrationsCheck(), new PendingCheck(), new RecentBackupCheck(),
                new DiskSpaceCheck(), new LockHoldersCheck(), new ReplicationCheck(), new GitCheck(), new HealthCheck());
    }

    public static DoctorReport run(DoctorContext context) {
        List<CheckResult> results = new ArrayList<>();
        for (DoctorCheck check : checks()) {
            results.add(new CheckResult(check.id(), check.title(), check.run(context)));
        }
        return new DoctorReport(target(context), results);
    }

    private static String target(DoctorContext context) {
        try {
            return context.connections().describe();
        } catch (RuntimeException e) {
            return "unknown";
        }
    }
}
