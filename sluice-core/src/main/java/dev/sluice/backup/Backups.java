package dev.sluice.backup;

import dev.sluice.backup.internal.DatabaseFacts;
import dev.sluice.db.ConnectionFactory;
import dev.sluice.db.Connections;
import dev.sluice.progress.Progress;
import dev.sluice.history.internal.HistoryTable;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Backups of one database: full ones through {@code pg_dump -Fc}, table copies before destructive
 * migrations, verification in a scratch database, restores, and retention.
 *
 * <p>A full backup's row counts are read in the same snapshot that pg_dump dumps (an exported snapshot of a
 * repeatable-read transaction), so a verification compares like with like even while the application
 * writes. A backup only appears in the folder once its dump and manifest are both complete.
 */
public final class Backups {

    private final ConnectionFactory connections;
    private final PgTarget target;
    private final Supplier<PgTools> tools;
    private final BackupStore store;
    private final SchemaFingerprinter fingerprinter;
    private final HistoryTable history;
    private final Clock clock;

    /**
     * @param tools         looked up on first use, so table copies work without pg_dump installed
     * @param fingerprinter the schema fingerprint recorded and compared
     */
    public Backups(ConnectionFactory connections, PgTarget target, Supplier<PgTools> tools, BackupStore store,
                   SchemaFingerprinter fingerprinter, String historySchema, String historyTable, Clock clock) {
        this.connections = connections;
        this.target = target;
        this.tools = tools;
        this.store = store;
        this.fingerprinter = fingerprinter;
        this.history = new HistoryTable(historySchema, historyTable);
        this.clock = clock;
    }

    /** pg_dump and pg_restore, located on first use; throws when they cannot be found. */
    public PgTools tools() {
        return tools.get();
    }

    public BackupStore store() {
        return store;
    }

    /** A full logical backup: pg_dump custom format, then its manifest. */
    public BackupManifest full(String reason) throws SQLException {
        return full(reason, Progress.NONE);
    }

    /**
     * A full logical backup, reporting each table to {@code progress} as pg_dump starts on its rows (the
     * count of tables is known from the same snapshot).
     */
    public BackupManifest full(String reason, Progress progress) throws SQLException {
        PgTools pg = tools.get();
        try (Connection c = Connections.open(connections)) {
            String version = DatabaseFacts.serverVersion(c);
            pg.requireDumpable(Connections.serverMajor(c));
            String fingerprint = fingerprinter.fingerprint(c);
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            String snapshot;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select pg_export_snapshot()")) {
                rs.next();
                snapshot = rs.getString(1);
            }
            Map<String, Long> counts = DatabaseFacts.rowCounts(c);
            Optional<String> last = DatabaseFacts.lastMigration(c, history);
            String id = store.newId(clock.instant(), BackupManifest.Kind.FULL);
            Path file = store.dumpFile(id);
            // Created 0600 (in a 0700 folder) before pg_dump opens it: pg_dump truncates it and keeps its mode.
            Path partial = store.newPartial(id);
            try {
                DumpProgress tables = new DumpProgress(progress, counts.size());
                pg.dump(target, List.of("--format=custom", "--snapshot=" + snapshot, "--file=" + partial), store.dir(), tables);
                tables.done();
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the backup into " + store.dir(), e);
            } finally {
                Files.deleteIfExists(partial);
                c.rollback();
            }
            BackupManifest m = new BackupManifest(id, BackupManifest.Kind.FULL, reason, target.maskedUrl(), version,
                    clock.instant(), Optional.of(file.getFileName().toString()), size(file), Optional.of(sha256(file)),
                    fingerprint, last, counts, Map.of());
            store.save(m);
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Copies {@code tables} into the {@code sluice_backup} schema and records them in a manifest; tables
     * that do not exist are skipped. Empty when none exists.
     */
    public Optional<BackupManifest> tables(List<String> tables, String reason) throws SQLException {
        try (Connection c = Connections.open(connections)) {
            Instant now = clock.instant();
            Map<String, String> copies = TableBackups.copy(c, tables, now);
            if (copies.isEmpty()) {
                return Optional.empty();
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : copies.entrySet()) {
                counts.put(e.getKey(), DatabaseFacts.count(c, e.getValue()));
            }
            String fingerprint;
            try {
                fingerprint = fingerprinter.fingerprint(c);
            } catch (BackupException e) {
                fingerprint = "unknown (" + e.getMessage() + ")";
            }
            BackupManifest m = new BackupManifest(store.newId(now, BackupManifest.Kind.TABLES), BackupManifest.Kind.TABLES,
                    reason, target.maskedUrl(), DatabaseFacts.serverVersion(c), clock.instant(), Optional.empty(), 0,
                    Optional.empty(), fingerprint, DatabaseFacts.lastMigration(c, history), counts, copies);
            store.save(m);
            return Optional.of(m);
        }
    }

    /**
     * Checks a backup: for a full one the file's SHA-256, then a restore into {@code scratch} and a
     * comparison of schema fingerprint and row counts; for table copies, that each copy still holds the
     * rows it was taken with. Returns what was checked; throws {@link BackupMismatchException} on a difference.
     */
    public List<String> verify(String id, ScratchServer scratch) throws SQLException {
        BackupManifest m = store.find(id);
        List<String> checked = new ArrayList<>();
        if (m.kind() == BackupManifest.Kind.TABLES) {
            List<String> differences = new ArrayList<>();
            try (Connection c = Connections.open(connections)) {
                for (Map.Entry<String, String> e : m.tableCopies().entrySet()) {
                    if (DatabaseFacts.resolve(c, e.getValue()).isEmpty()) {
                        differences.add("table copy " + e.getValue() + " of " + e.getKey() + " is missing");
                        continue;
                    }
                    long rows = DatabaseFacts.count(c, e.getValue());
                    long expected = m.rowCounts().getOrDefault(e.getKey(), -1L);
                    if (rows != expected) {
                        differences.add(e.getValue() + ": " + rows + " rows, the manifest says " + expected);
                    }
                    checked.add(e.getValue() + ": " + rows + " rows, as recorded");
                }
            }
            if (!differences.isEmpty()) {
                throw new BackupMismatchException("backup " + id + " does not match its manifest", differences);
            }
            return checked;
        }
        Path file = checkFile(m);
        checked.add("file " + file.getFileName() + ": sha256 matches the manifest");
        PgTools pg = tools.get();
        try (ScratchServer.Scratch s = scratch.create(m.serverMajor())) {
            pg.restore(s.target(), List.of("--no-owner", "--no-privileges", "--exit-on-error"), file, store.dir());
            checked.add("restored into " + s.description());
            try (Connection c = s.connections().open()) {
                List<String> differences = compare(m, c, true, Optional.empty());
                if (!differences.isEmpty()) {
                    throw new BackupMismatchException("backup " + id + " restored, but the result differs from its manifest",
                            differences);
                }
            }
        }
        checked.add("schema fingerprint matches (" + shortFp(m.schemaFingerprint()) + ")");
        checked.add("row counts match for " + m.rowCounts().size() + (m.rowCounts().size() == 1 ? " table" : " tables"));
        return checked;
    }

    /**
     * Restores a backup into the database after taking a safety backup of its current state: a full one
     * with {@code pg_restore --clean --if-exists --single-transaction} (only {@code table} when given), a
     * table backup by putting its copies' rows back. Compares with the manifest afterwards. Returns what
     * was done; throws {@link BackupMismatchException} when the result differs from the manifest.
     */
    public List<String> restore(String id, Optional<String> table, Consumer<String> progress) throws SQLException {
        BackupManifest m = store.find(id);
        List<String> done = new ArrayList<>();
        Consumer<String> say = line -> {
            done.add(line);
            progress.accept(line);
        };
        if (m.kind() == BackupManifest.Kind.TABLES) {
            Map<String, String> copies = new LinkedHashMap<>(m.tableCopies());
            if (table.isPresent()) {
                String wanted = qualify(table.get());
                copies.keySet().retainAll(Set.of(wanted));
                if (copies.isEmpty()) {
                    throw new BackupException("backup " + id + " holds no copy of " + table.get() + "; it holds "
                            + String.join(", ", m.tableCopies().keySet()));
                }
            }
            Optional<BackupManifest> safety = tables(new ArrayList<>(copies.keySet()), "safety copy before restoring " + id);
            safety.ifPresent(b -> say.accept("safety copy of the current tables: backup " + b.id()));
            try (Connection c = Connections.open(connections)) {
                for (Map.Entry<String, String> e : copies.entrySet()) {
                    TableBackups.restore(c, e.getKey(), e.getValue()).forEach(say);
                }
                List<String> differences = new ArrayList<>();
                for (String t : copies.keySet()) {
                    long rows = DatabaseFacts.count(c, t);
                    if (rows != m.rowCounts().get(t)) {
                        differences.add(t + ": " + rows + " rows after the restore, the manifest says " + m.rowCounts().get(t));
                    }
                }
                if (!differences.isEmpty()) {
                    throw new BackupMismatchException("restored " + id + ", but the result differs from its manifest", differences);
                }
            }
            say.accept("row counts match the manifest for " + copies.size() + " table" + (copies.size() == 1 ? "" : "s"));
            return done;
        }
        Path file = checkFile(m);
        say.accept("file " + file.getFileName() + ": sha256 matches the manifest");
        BackupManifest safety = full("safety backup before restoring " + id);
        say.accept("safety backup of the current state: backup " + safety.id());
        PgTools pg = tools.get();
        if (table.isPresent()) {
            String qualified = qualify(table.get());
            String schema = qualified.substring(0, qualified.indexOf('.'));
            String name = qualified.substring(qualified.indexOf('.') + 1);
            boolean exists;
            try (Connection c = Connections.open(connections)) {
                exists = DatabaseFacts.resolve(c, qualified).isPresent();
            }
            if (exists) {
                say.accept(replaceRows(m, qualified, schema, name, file, safety));
            } else {
                // One pg_restore transaction creates the table and loads it: all or nothing.
                pg.restore(target, List.of("--single-transaction", "--schema=" + schema, "--table=" + name), file, store.dir());
                say.accept("re-created " + qualified + " from backup " + id + " (the table and its rows; indexes and constraints "
                        + "are separate objects in a dump: restore them with a full restore)");
            }
        } else {
            pg.restore(target, List.of("--clean", "--if-exists", "--single-transaction"), file, store.dir());
            say.accept("restored the whole database from backup " + id + " (pg_restore --clean --if-exists --single-transaction)");
        }
        try (Connection c = Connections.open(connections)) {
            // A whole-database restore also names the tables the backup does not hold: pg_restore --clean
            // replaces only what the dump contains, so tables created after the backup stay behind.
            List<String> differences = compare(m, c, table.isEmpty(), table.map(this::qualify));
            if (!differences.isEmpty()) {
                throw new BackupMismatchException("restored " + id + ", but the result differs from its manifest "
                        + "(the safety backup " + safety.id() + " holds the state before). Tables created after the "
                        + "backup are left in place by pg_restore --clean: drop them by hand if they should go", differences);
            }
        }
        say.accept(table.isPresent() ? "row count matches the manifest" : "schema fingerprint and row counts match the manifest");
        return done;
    }

    /**
     * Replaces the rows of an existing table with those of the dump in one transaction: delete, then COPY
     * the rows pg_restore reads out of the dump, then check the count against the manifest; any failure
     * rolls all of it back, so the table keeps every row it had unless the whole restore succeeded.
     */
    private String replaceRows(BackupManifest m, String qualified, String schema, String name, Path file,
                               BackupManifest safety) throws SQLException {
        PgTools pg = tools.get();
        try (Connection c = Connections.open(connections)) {
            long before = DatabaseFacts.count(c, qualified);
            c.setAutoCommit(false);
            try {
                try (Statement s = c.createStatement()) {
                    s.execute("delete from " + dev.sluice.db.Identifiers.quoteQualified(qualified));
                }
                long copied = pg.script(List.of("--data-only", "--schema=" + schema, "--table=" + name), file,
                        in -> TableData.copyIn(c, qualified, in));
                Long expected = m.rowCounts().get(qualified);
                if (expected != null && copied != expected) {
                    throw new BackupMismatchException("restoring the rows of " + qualified + " from backup " + m.id()
                            + " was rolled back: nothing changed", List.of(qualified + ": the backup gave " + copied
                            + " rows, the manifest says " + expected));
                }
                c.commit();
                return "replaced the " + before + " rows of " + qualified + " with the " + copied + " rows of backup " + m.id()
                        + " (in one transaction)";
            } catch (SQLException e) {
                c.rollback();
                throw new BackupMismatchException("restoring the rows of " + qualified + " from backup " + m.id()
                        + " failed and was rolled back: " + qualified + " still holds its " + before + " rows",
                        List.of("the server said: " + e.getMessage(),
                                "the table no longer fits the backup's rows (a column added NOT NULL or dropped since, "
                                        + "or a constraint they break): bring its columns back to those of migration "
                                        + m.lastMigration().orElse("none") + " (e.g. sluice rollback), or restore the whole "
                                        + "database; the safety backup " + safety.id() + " holds the current state"));
            } catch (RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /**
     * Applies retention: deletes the partial dumps of killed runs, then the backups past {@code keep} and
     * {@code maxKeepAge} (table copies are dropped from the database too).
     */
    public Retention retain(int keep, Optional<Duration> maxKeepAge) throws SQLException {
        List<java.nio.file.Path> partials = new ArrayList<>();
        for (java.nio.file.Path orphan : store.removeStaleFiles(true)) {
            if (orphan.getFileName().toString().endsWith(".partial")) {
                partials.add(orphan);
            }
        }
        return new Retention(prune(keep, maxKeepAge), partials);
    }

    /** Deletes backups past retention (table copies are dropped from the database too); returns their ids. */
    public List<String> prune(int keep, Optional<Duration> maxKeepAge) throws SQLException {
        List<String> removed = new ArrayList<>();
        List<BackupManifest> expired = store.expired(keep, maxKeepAge, clock.instant());
        if (expired.isEmpty()) {
            return removed;
        }
        Connection c = null;
        try {
            for (BackupManifest m : expired) {
                if (m.kind() == BackupManifest.Kind.TABLES) {
                    if (c == null) {
                        c = Connections.open(connections);
                    }
                    for (String copy : m.tableCopies().values()) {
                        TableBackups.drop(c, copy);
                    }
                }
                store.delete(m);
                removed.add(m.id());
            }
        } finally {
            if (c != null) {
                c.close();
            }
        }
        return removed;
    }

    private String qualify(String table) {
        if (table.contains(".")) {
            return table;
        }
        try (Connection c = Connections.open(connections)) {
            return DatabaseFacts.resolve(c, table).orElse("public." + table);
        } catch (SQLException e) {
            return "public." + table;
        }
    }

    private Path checkFile(BackupManifest m) {
        Path file = store.dir().resolve(m.file().orElseThrow());
        if (!Files.exists(file)) {
            throw new BackupMismatchException("backup " + m.id() + " is incomplete", List.of("its file " + file + " is missing"));
        }
        String actual = sha256(file);
        if (!actual.equals(m.sha256().orElse(""))) {
            throw new BackupMismatchException("backup " + m.id() + " is corrupted",
                    List.of("sha256 of " + file.getFileName() + " is " + actual + ", the manifest says " + m.sha256().orElse("nothing")));
        }
        return file;
    }

    /**
     * The differences between a database and a manifest: fingerprint (unless only one table is compared)
     * and row counts. {@code exact} also reports tables the manifest does not know.
     */
    private List<String> compare(BackupManifest m, Connection c, boolean exact, Optional<String> onlyTable) throws SQLException {
        List<String> differences = new ArrayList<>();
        if (onlyTable.isEmpty()) {
            String fp = fingerprinter.fingerprint(c);
            if (!fp.equals(m.schemaFingerprint())) {
                differences.add("schema fingerprint is " + shortFp(fp) + ", the manifest says " + shortFp(m.schemaFingerprint()));
            }
        }
        Map<String, Long> actual = DatabaseFacts.rowCounts(c);
        for (Map.Entry<String, Long> e : m.rowCounts().entrySet()) {
            if (onlyTable.isPresent() && !onlyTable.get().equals(e.getKey())) {
                continue;
            }
            Long rows = actual.get(e.getKey());
            if (rows == null) {
                differences.add(e.getKey() + ": missing, the manifest says " + e.getValue() + " rows");
            } else if (!rows.equals(e.getValue())) {
                differences.add(e.getKey() + ": " + rows + " rows, the manifest says " + e.getValue());
            }
        }
        if (exact && onlyTable.isEmpty()) {
            Set<String> extra = new TreeSet<>(actual.keySet());
            extra.removeAll(m.rowCounts().keySet());
            for (String t : extra) {
                differences.add(t + ": present, but not in the backup");
            }
        }
        return differences;
    }

    private static String shortFp(String fp) {
        return fp.length() > 12 ? fp.substring(0, 12) : fp;
    }

    private static long size(Path file) throws IOException {
        return Files.size(file);
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
