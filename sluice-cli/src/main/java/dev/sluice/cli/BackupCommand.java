package dev.sluice.cli;

import dev.sluice.json.Json;

import dev.sluice.backup.BackupManifest;
import dev.sluice.backup.ScratchServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code sluice backup}: a full pg_dump backup with a manifest, or copies of some tables; then retention.
 * Sub-verbs list, verify and prune the backups.
 */
@Command(name = "backup", description = "Back up the database (pg_dump -Fc with a manifest), or copy some tables.",
        subcommands = {BackupCommand.ListBackups.class, BackupCommand.Verify.class, BackupCommand.Prune.class})
final class BackupCommand extends ProjectCommand {

    @Option(names = "--tables", split = ",", paramLabel = "TABLE",
            description = "Copy only these tables into the sluice_backup schema instead of a full backup.")
    List<String> tables;

    @Mixin
    PgToolOptions pg;

    @Override
    int run(Project project) throws Exception {
        BackupSupport support = new BackupSupport(project, pg);
        if (tables != null && !tables.isEmpty()) {
            Optional<BackupManifest> m = support.backups().tables(tables, "by hand");
            if (m.isEmpty()) {
                throw new CliException(ExitCodes.USAGE, "none of " + String.join(", ", tables) + " exists in " + project.describeTarget());
            }
            printTables(m.get());
        } else {
            out().println("backing up " + project.describeTarget() + " with " + support.tools().pgDump() + " ...");
            out().flush();
            BackupManifest m;
            try (ProgressLine progress = new ProgressLine(out(), terminal(), "dumping")) {
                m = support.backups().full("by hand", progress);
            }
            printFull(m, support);
        }
        support.prune(out());
        return ExitCodes.OK;
    }

    void printFull(BackupManifest m, BackupSupport support) {
        printFull(out(), m, support.backups().store().dir());
    }

    static void printFull(java.io.PrintWriter out, BackupManifest m, java.nio.file.Path dir) {
        out.println("backup " + m.id() + ": " + dir.resolve(m.file().orElseThrow())
                + " (" + BackupSupport.size(m.sizeBytes()) + ", " + BackupSupport.count(m.rowCounts().size(), "table") + ", "
                + BackupSupport.count(m.rowCounts().values().stream().mapToLong(Long::longValue).sum(), "row") + ", at migration "
                + m.lastMigration().orElse("none") + ")");
    }

    void printTables(BackupManifest m) {
        printTables(out(), m);
    }

    static void printTables(java.io.PrintWriter out, BackupManifest m) {
        out.println("table backup " + m.id() + ":");
        m.tableCopies().forEach((table, copy) -> out.println("  " + table + " -> " + copy + " ("
                + m.rowCounts().get(table) + " rows)"));
    }

    /** {@code sluice backup list}: the backups, newest first. */
    @Command(name = "list", description = "List the backups, newest first; then broken manifests and the partial dumps "
            + "of killed runs.")
    static final class ListBackups extends ProjectCommand {

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        int run(Project project) {
            dev.sluice.backup.BackupStore store = new dev.sluice.backup.BackupStore(BackupSupport.dir(project));
            // A killed run's pgpass file holds a password: delete it whenever the folder is opened.
            store.removeStaleFiles(false);
            List<BackupManifest> all = store.list();
            List<dev.sluice.backup.BackupStore.Broken> broken = store.broken();
            List<java.nio.file.Path> partials = store.orphanedPartials();
            if (json) {
                List<Object> items = new ArrayList<>();
                for (BackupManifest m : all) {
                    Map<String, Object> j = new LinkedHashMap<>();
                    j.put("id", m.id());
                    j.put("kind", m.kind().name().toLowerCase(java.util.Locale.ROOT));
                    j.put("createdAt", m.createdAt().toString());
                    j.put("database", m.database());
                    j.put("serverVersion", m.serverVersion());
                    j.put("sizeBytes", m.sizeBytes());
                    j.put("lastMigration", m.lastMigration().orElse(null));
                    j.put("reason", m.reason());
                    j.put("tables", new ArrayList<>(m.kind() == BackupManifest.Kind.TABLES ? m.tableCopies().keySet() : List.of()));
                    items.add(j);
                }
                for (dev.sluice.backup.BackupStore.Broken b : broken) {
                    Map<String, Object> j = new LinkedHashMap<>();
                    j.put("id", b.file().getFileName().toString().replaceAll("\\.json$", ""));
                    j.put("kind", "broken");
                    j.put("file", b.file().toString());
                    j.put("problem", b.problem());
                    items.add(j);
                }
                for (java.nio.file.Path p : partials) {
                    Map<String, Object> j = new LinkedHashMap<>();
                    j.put("id", p.getFileName().toString().replaceAll("\\.dump\\..*$", ""));
                    j.put("kind", "partial");
                    j.put("file", p.toString());
                    j.put("sizeBytes", size(p));
                    items.add(j);
                }
                out().println(Json.write(items));
                return ExitCodes.OK;
            }
            if (all.isEmpty() && broken.isEmpty() && partials.isEmpty()) {
                out().println("no backups in " + BackupSupport.dir(project));
                return ExitCodes.OK;
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[]{"ID", "KIND", "CREATED", "SIZE", "MIGRATION", "WHAT", "REASON"});
            for (BackupManifest m : all) {
                rows.add(new String[]{m.id(), m.kind().name().toLowerCase(java.util.Locale.ROOT),
                        m.createdAt().toString().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z"),
                        m.kind() == BackupManifest.Kind.FULL ? BackupSupport.size(m.sizeBytes()) : "",
                        m.lastMigration().orElse("none"),
                        m.kind() == BackupManifest.Kind.FULL ? BackupSupport.count(m.rowCounts().size(), "table")
                                : String.join(", ", m.tableCopies().keySet()),
                        m.reason()});
            }
            if (!all.isEmpty()) {
                Table.print(out(), rows);
            }
            for (dev.sluice.backup.BackupStore.Broken b : broken) {
                out().println("broken manifest " + b.file().getFileName() + ": " + b.problem()
                        + " (not used, never pruned; fix or delete it by hand)");
            }
            for (java.nio.file.Path p : partials) {
                out().println("partial dump " + p.getFileName() + " (" + BackupSupport.size(size(p))
                        + "): left by a run that was killed; 'sluice backup prune' deletes it");
            }
            return ExitCodes.OK;
        }

        private static long size(java.nio.file.Path p) {
            try {
                return java.nio.file.Files.size(p);
            } catch (java.io.IOException e) {
                return 0;
            }
        }
    }

    /** {@code sluice backup verify <id>}: checksum, restore into a scratch database, compare. */
    @Command(name = "verify", description = "Check a backup: its checksum, then restore it into a scratch database "
            + "and compare schema fingerprint and row counts with its manifest.")
    static final class Verify extends ProjectCommand {

        @Parameters(paramLabel = "ID", description = "The backup's id (see 'sluice backup list'), or 'latest'.")
        String id;

        @Option(names = "--scratch-url", paramLabel = "JDBC_URL",
                description = "Restore into a new database on this server (it must allow CREATE DATABASE) instead of a "
                        + "throwaway cluster of the backup's major; uses --user and the password settings.")
        String scratchUrl;

        @Mixin
        PgToolOptions pg;

        @Override
        int run(Project project) throws Exception {
            BackupSupport support = new BackupSupport(project, pg);
            ScratchServer scratch = scratchUrl != null
                    ? ScratchServer.database(scratchUrl, support.target().user(), support.target().password().orElse(null))
                    : ScratchServer.throwawayCluster(support.tools());
            String resolved = support.backups().store().find(id).id();
            for (String line : support.backups().verify(resolved, scratch)) {
                out().println("ok  " + line);
            }
            out().println("backup " + resolved + " verified");
            return ExitCodes.OK;
        }
    }

    /** {@code sluice backup prune}: retention by hand. */
    @Command(name = "prune", description = "Delete backups past retention (backup-keep, default 10; backup-max-keep-age) "
            + "and the partial dumps of killed runs.")
    static final class Prune extends ProjectCommand {

        @Override
        int run(Project project) throws Exception {
            new BackupSupport(project, null).prune(out());
            return ExitCodes.OK;
        }
    }
}
