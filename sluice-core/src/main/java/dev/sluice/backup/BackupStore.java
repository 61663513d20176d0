package dev.sluice.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The backup folder: one {@code <id>.json} manifest per backup, and {@code <id>.dump} for full ones. A
 * dump is written under a temporary name and its manifest last, so a folder never lists a backup that is
 * not complete.
 *
 * <p>The folder is 0700 and every file in it 0600 from its first byte: a dump holds every row of the
 * database and the pgpass file a password. Temporary files carry the id of the process that writes them
 * ({@code <id>.dump.<pid>.partial}, {@code .pgpass-<pid>-<n>}), so that a later run can tell those of a
 * killed run from those of a run still going: a pgpass file left behind is deleted by the next run that
 * opens the folder, an orphaned partial dump is listed by {@code backup list} and deleted by retention.
 */
public final class BackupStore {

    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    static final String PARTIAL = ".partial";
    static final String PGPASS = ".pgpass-";
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private final Path dir;

    public BackupStore(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    public Path dir() {
        return dir;
    }

    /** A new id from the clock; later backups sort after earlier ones. */
    String newId(Instant now, BackupManifest.Kind kind) {
        String id = ID.format(now) + (kind == BackupManifest.Kind.TABLES ? "-tables" : "");
        while (Files.exists(dir.resolve(id + ".json"))) {
            now = now.plusMillis(1);
            id = ID.format(now) + (kind == BackupManifest.Kind.TABLES ? "-tables" : "");
        }
        return id;
    }

    Path dumpFile(String id) {
        return dir.resolve(id + ".dump");
    }

    /** Creates the folder (and missing parents) 0700, and takes group and other access from an existing one. */
    Path createDir() {
        return ownerOnlyDir(dir);
    }

    private static Path ownerOnlyDir(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                try {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
                } catch (UnsupportedOperationException e) {
                    Files.createDirectories(dir);
                }
            }
            if (Files.getFileStore(dir).supportsFileAttributeView("posix")
                    && !Files.getPosixFilePermissions(dir).equals(DIR_MODE)) {
                Files.setPosixFilePermissions(dir, DIR_MODE);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the backup folder " + dir, e);
        }
    }

    /** A new empty file, 0600 before anything is written into it. */
    static Path createOwnerOnlyFile(Path file) throws IOException {
        try {
            return Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE_MODE));
        } catch (UnsupportedOperationException e) {
            return Files.createFile(file);
        }
    }

    /** An empty 0600 file for pg_dump to write the dump of {@code id} into, named after this process. */
    Path newPartial(String id) throws IOException {
        createDir();
        return createOwnerOnlyFile(dir.resolve(id + ".dump." + ProcessHandle.current().pid() + PARTIAL));
    }

    /** A new empty 0600 pgpass file in {@code privateDir} (created 0700 if need be), named after this process. */
    static Path newPgpassFile(Path privateDir) throws IOException {
        ownerOnlyDir(privateDir);
        return createOwnerOnlyFile(privateDir.resolve(PGPASS + ProcessHandle.current().pid() + "-"
                + Long.toUnsignedString(RANDOM.nextLong(), 36)));
    }

    /** Partial dumps whose writer is gone: a killed run's, which no one will finish. */
    public List<Path> orphanedPartials() {
        return stale(PARTIAL, false);
    }

    /**
     * Deletes the pgpass files of runs that are gone, and with {@code partials} their partial dumps too;
     * returns what it deleted.
     */
    public List<Path> removeStaleFiles(boolean partials) {
        List<Path> removed = new ArrayList<>();
        List<Path> stale = new ArrayList<>(stale(PGPASS, true));
        if (partials) {
            stale.addAll(orphanedPartials());
        }
        for (Path p : stale) {
            try {
                if (Files.deleteIfExists(p)) {
                    removed.add(p);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + p + ", which a killed run left behind", e);
            }
        }
        return removed;
    }

    private List<Path> stale(String marker, boolean prefix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> {
                String name = f.getFileName().toString();
                if (prefix ? !name.startsWith(marker) : !name.endsWith(marker)) {
                    return false;
                }
                // .pgpass-<pid>-<n> and <id>.dump.<pid>.partial
                String pid = prefix ? name.substring(marker.length()).replaceAll("-.*", "")
                        : name.substring(0, name.length() - marker.length()).replaceAll(".*\\.", "");
                return !alive(pid);
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static boolean alive(String pid) {
        try {
            long n = Long.parseLong(pid);
            return ProcessHandle.of(n).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    void save(BackupManifest manifest) {
        try {
            createDir();
            Path temp = dir.resolve(manifest.id() + ".json.tmp");
            Files.deleteIfExists(temp);
            createOwnerOnlyFile(temp);
            Files.writeString(temp, manifest.toJson(), StandardCharsets.UTF_8);
            Files.move(temp, dir.resolve(manifest.id() + ".json"), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the manifest of backup " + manifest.id() + " in " + dir, e);
        }
    }

    /** Every backup whose manifest can be read, newest first; see {@link #broken()} for the others. */
    public List<BackupManifest> list() {
        List<BackupManifest> all = new ArrayList<>();
        for (Path p : manifests()) {
            try {
                all.add(read(p));
            } catch (BackupException | UncheckedIOException e) {
                // Listed by broken(): one unreadable manifest must not hide every other backup.
            }
        }
        all.sort(Comparator.comparing(BackupManifest::createdAt).thenComparing(BackupManifest::id).reversed());
        return all;
    }

    /** A manifest that cannot be read, and why. Retention never deletes it: a person should look first. */
    public record Broken(Path file, String problem) {
    }

    /** The manifests that cannot be read, by file name. */
    public List<Broken> broken() {
        List<Broken> out = new ArrayList<>();
        for (Path p : manifests()) {
            try {
                read(p);
            } catch (BackupException | UncheckedIOException e) {
                out.add(new Broken(p, e.getCause() == null ? e.getMessage() : String.valueOf(e.getCause().getMessage())));
            }
        }
        return out;
    }

    private List<Path> manifests() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** The newest full backup, if any. */
    public Optional<BackupManifest> latestFull() {
        return list().stream().filter(m -> m.kind() == BackupManifest.Kind.FULL).findFirst();
    }

    /** The backup with this id, or {@code latest} for the newest full backup. */
    public BackupManifest find(String id) {
        if ("latest".equals(id)) {
            return latestFull().orElseThrow(() -> new BackupNotFoundException("no full backup in " + dir
                    + "; take one with 'sluice backup'"));
        }
        Path file = dir.resolve(id + ".json");
        if (id.contains("/") || !Files.exists(file)) {
            throw new BackupNotFoundException("no backup '" + id + "' in " + dir + "; see 'sluice backup list' for the ids");
        }
        return read(file);
    }

    private static BackupManifest read(Path file) {
        try {
            return BackupManifest.fromJson(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (RuntimeException e) {
            throw new BackupException(file + " is not a valid backup manifest: " + e.getMessage(), e);
        }
    }

    /**
     * The backups retention removes: of each kind, all but the newest {@code keep}, except those younger
     * than {@code maxKeepAge} when it is given.
     */
    public List<BackupManifest> expired(int keep, Optional<Duration> maxKeepAge, Instant now) {
        List<BackupManifest> out = new ArrayList<>();
        for (BackupManifest.Kind kind : BackupManifest.Kind.values()) {
            List<BackupManifest> ofKind = list().stream().filter(m -> m.kind() == kind).toList();
            for (int i = keep; i < ofKind.size(); i++) {
                BackupManifest m = ofKind.get(i);
                boolean young = maxKeepAge.map(age -> m.createdAt().isAfter(now.minus(age))).orElse(false);
                if (!young) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    /** Deletes the backup's files: manifest first, so a half-deleted backup is never listed. */
    void delete(BackupManifest m) {
        try {
            Files.deleteIfExists(dir.resolve(m.id() + ".json"));
            if (m.file().isPresent()) {
                Files.deleteIfExists(dir.resolve(m.file().get()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete backup " + m.id() + " in " + dir, e);
        }
    }
}
