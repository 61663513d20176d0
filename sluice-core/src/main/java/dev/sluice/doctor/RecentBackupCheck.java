package dev.sluice.doctor;

import dev.sluice.backup.BackupManifest;
import dev.sluice.backup.BackupStore;
import dev.sluice.migration.DurationText;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code backup}: a full backup younger than {@code backup-max-age} exists, so a migration that goes wrong
 * can be undone with data, not only with a down migration. Fine without one when the migrate that follows
 * takes its own ({@code --backup}).
 *
 * <p>It does not apply to the embedded development database: its data is a developer's scratch state, and
 * the bundled PostgreSQL ships no pg_dump, so a backup there would need the matching client installed for
 * nothing (see docs/backup.md).
 *
 * <p>Hazard: it trusts the manifests in the backup folder (a manifest is written only after its dump is
 * complete); whether a dump restores is {@code backup verify}'s question, not this one's.
 */
final class RecentBackupCheck implements DoctorCheck {

    @Override
    public String id() {
        return "backup";
    }

    @Override
    public String title() {
        return "a recent full backup exists";
    }

    @Override
    public CheckOutcome run(DoctorContext context) {
        DoctorRequest request = context.request();
        if (request.embeddedDir().isPresent()) {
            return CheckOutcome.pass("does not apply to the embedded development database in "
                    + request.embeddedDir().get() + "/ (back up the servers that hold real data)");
        }
        Duration maxAge = request.backupMaxAge();
        Optional<BackupManifest> latest;
        try {
            latest = new BackupStore(request.backupDir()).latestFull();
        } catch (RuntimeException e) {
            return CheckOutcome.fail("backup folder unreadable: " + e.getMessage());
        }
        if (maxAge.isZero()) {
            return CheckOutcome.pass("not checked (backup-max-age off)");
        }
        String limit = " (backup-max-age " + DurationText.human(maxAge) + ")";
        if (latest.isPresent() && latest.get().createdAt().isAfter(Instant.now().minus(maxAge))) {
            Duration age = Duration.between(latest.get().createdAt(), Instant.now());
            return CheckOutcome.pass("backup " + latest.get().id() + " is " + DurationText.human(age) + " old" + limit);
        }
        String why = latest.map(m -> "the newest backup " + m.id() + " is older than " + DurationText.human(maxAge))
                .orElse("no backup in " + request.backupDir());
        if (request.backupComing()) {
            return CheckOutcome.pass(why + "; migrate takes one first");
        }
        return CheckOutcome.fail(why + "; run 'sluice backup' or migrate with --backup");
    }
}
