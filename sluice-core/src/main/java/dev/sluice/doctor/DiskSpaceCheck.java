package dev.sluice.doctor;

import dev.sluice.backup.internal.DatabaseFacts;
import dev.sluice.db.Connections;
import dev.sluice.migration.ByteSizeText;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * {@code disk}: the file system where backups go has room for one, {@code backup-space-factor} times the
 * database's size, so that the backup before a migration does not fill the disk halfway through.
 *
 * <p>Hazards: the database's size on disk is only a proxy for the size of its dump (indexes are not
 * dumped, text compresses), hence a factor and not an exact figure. The backup folder may not exist yet,
 * so the nearest existing parent's file system is measured.
 */
final class DiskSpaceCheck implements DoctorCheck {

    @Override
    public String id() {
        return "disk";
    }

    @Override
    public String title() {
        return "room for a backup where backups go";
    }

    @Override
    public CheckOutcome run(DoctorContext context) {
        if (!context.reachable()) {
            return CheckOutcome.warn("not checked: database unreachable");
        }
        double factor = context.request().backupSpaceFactor();
        try (Connection c = Connections.open(context.connections())) {
            long size = DatabaseFacts.databaseSize(c);
            Path dir = context.request().backupDir();
            Path existing = dir;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            FileStore store = Files.getFileStore(existing);
            long free = store.getUsableSpace();
            double needed = size * factor;
            String msg = ByteSizeText.format(free) + " free where backups go (" + dir + "), database is "
                    + ByteSizeText.format(size) + "; need " + (factor == Math.rint(factor) ? Long.toString((long) factor) : Double.toString(factor))
                    + "x that (backup-space-factor)";
            return new CheckOutcome(free >= needed ? CheckStatus.PASS : CheckStatus.FAIL, msg, java.util.List.of());
        } catch (SQLException | IOException e) {
            return CheckOutcome.warn("not checked: " + e.getMessage());
        }
    }
}
