package dev.sluice.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The backup folder: one {@code <id>.json} manifest per backup, and {@code <id>.dump} for full ones. A
 * dump is written under a temporary name and its manifest last, so a folder never lists a backup that is
 * not complete.
 */
public final class BackupStore {

    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

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

    void save(BackupManifest manifest) {
        try {
            Files.createDirectories(dir);
            Path temp = dir.resolve(manifest.id() + ".json.tmp");
            Files.writeString(temp, manifest.toJson(), StandardCharsets.UTF_8);
            Files.move(temp, dir.resolve(manifest.id() + ".json"), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the manifest of backup " + manifest.id() + " in " + dir, e);
        }
    }

    /** Every backup, newest first. */
    public List<BackupManifest> list() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<BackupManifest> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
                all.add(read(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        all.sort(Comparator.comparing(BackupManifest::createdAt).thenComparing(BackupManifest::id).reversed());
        return all;
    }

    /** The newest full backup, if any. */
    public Optional<BackupManifest> latestFull() {
        return list().stream().filter(m -> m.kind() == BackupManifest.Kind.FULL).findFirst();
    }

    /** The backup with this id, or {@code latest} for the newest full backup. */
    public BackupManifest find(String id) {
        if ("latest".equals(id)) {
            return latestFull().orElseThrow(() -> new BackupException("no full backup in " + dir + "; take one with 'sluice backup'"));
        }
        Path file = dir.resolve(id + ".json");
        if (id.contains("/") || !Files.exists(file)) {
            throw new BackupException("no backup '" + id + "' in " + dir + "; 'sluice backup list' shows the ids");
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
