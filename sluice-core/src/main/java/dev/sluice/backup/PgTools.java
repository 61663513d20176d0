package dev.sluice.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code pg_dump} and {@code pg_restore}: where they are, which major they are, and how to run them
 * against a {@link PgTarget} without the password ever appearing on a command line.
 */
public final class PgTools {

    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\)\\s+(\\d+)(?:\\.(\\d+))?");

    private final Path pgDump;
    private final Path pgRestore;

    private PgTools(Path pgDump, Path pgRestore) {
        this.pgDump = pgDump;
        this.pgRestore = pgRestore;
    }

    /**
     * The configured programs, or those on {@code PATH}; when only pg_dump is configured, pg_restore is
     * looked for beside it first.
     */
    public static PgTools locate(Optional<Path> pgDump, Optional<Path> pgRestore) {
        Path dump = pgDump.orElseGet(() -> onPath("pg_dump").orElseThrow(() -> new BackupException(
                "pg_dump was not found on PATH: install the PostgreSQL client of your server's major version "
                        + "(e.g. postgresql-client-15), or set 'pg-dump' in sluice.conf or --pg-dump")));
        Path restore = pgRestore.orElseGet(() -> {
            Path beside = dump.resolveSibling("pg_restore");
            return Files.isExecutable(beside) ? beside : onPath("pg_restore").orElseThrow(() -> new BackupException(
                    "pg_restore was not found on PATH nor beside " + dump + ": set 'pg-restore' in sluice.conf or --pg-restore"));
        });
        for (Path p : List.of(dump, restore)) {
            if (!Files.isExecutable(p)) {
                throw new BackupException(p + " is not an executable program; check 'pg-dump' / 'pg-restore' in sluice.conf");
            }
        }
        return new PgTools(dump, restore);
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir).resolve(program);
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    public Path pgDump() {
        return pgDump;
    }

    public Path pgRestore() {
        return pgRestore;
    }

    /** The major version of pg_dump, e.g. 15. */
    public int dumpMajor() {
        return major(pgDump);
    }

    public int restoreMajor() {
        return major(pgRestore);
    }

    static int major(Path program) {
        String out = new String(run(List.of(program.toString(), "--version"), null).stdout, StandardCharsets.UTF_8);
        Matcher m = VERSION.matcher(out);
        if (!m.find()) {
            throw new BackupException("cannot read the version of " + program + " from '" + out.strip() + "'");
        }
        return Integer.parseInt(m.group(1));
    }

    /** Refuses when pg_dump is older than the server: it would fail anyway, with a less helpful message. */
    public void requireDumpable(int serverMajor) {
        int dump = dumpMajor();
        if (dump < serverMajor) {
            throw new BackupException(pgDump + " is version " + dump + " but the server runs PostgreSQL " + serverMajor
                    + ": pg_dump " + serverMajor + " or newer is needed (install postgresql-client-" + serverMajor
                    + " and put it on PATH, or set 'pg-dump' in sluice.conf or --pg-dump)");
        }
    }

    /** Runs pg_dump with {@code args} against {@code target}; returns its standard output. */
    public byte[] dump(PgTarget target, List<String> args) {
        List<String> command = new ArrayList<>(List.of(pgDump.toString()));
        command.addAll(target.connectionArgs());
        command.addAll(args);
        command.add("--dbname=" + target.database());
        return run(command, target).stdout;
    }

    /** Runs pg_restore with {@code args} into {@code target}. */
    public void restore(PgTarget target, List<String> args, Path archive) {
        List<String> command = new ArrayList<>(List.of(pgRestore.toString()));
        command.addAll(target.connectionArgs());
        command.add("--dbname=" + target.database());
        command.addAll(args);
        command.add(archive.toString());
        run(command, target);
    }

    private record Output(byte[] stdout) {
    }

    private static Output run(List<String> command, PgTarget target) {
        Path pgpass = null;
        try {
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().remove("PGPASSWORD");
            if (target != null) {
                pgpass = Files.createTempFile("sluice-pgpass-", "",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(pgpass, target.pgpassLine(), StandardCharsets.UTF_8);
                pb.environment().put("PGPASSFILE", pgpass.toString());
                pb.environment().put("PGAPPNAME", "sluice");
                target.sslMode().ifPresent(mode -> pb.environment().put("PGSSLMODE", mode));
            }
            Process p = pb.start();
            // Read stderr on its own thread so a chatty program never blocks on a full pipe.
            java.util.concurrent.CompletableFuture<byte[]> err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return p.getErrorStream().readAllBytes();
                } catch (IOException e) {
                    return new byte[0];
                }
            });
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(6, TimeUnit.HOURS)) {
                p.destroyForcibly();
            }
            String stderr = new String(err.join(), StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0) {
                String text = stderr;
                if (target != null && target.password().isPresent() && target.password().get().length() >= 3) {
                    text = text.replace(target.password().get(), "****");
                }
                throw new BackupException(Path.of(command.get(0)).getFileName() + " failed (exit " + p.exitValue() + ")"
                        + (target == null ? "" : " on " + target) + ": " + text);
            }
            return new Output(out);
        } catch (IOException e) {
            throw new BackupException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupException("interrupted while running " + command.get(0), e);
        } finally {
            if (pgpass != null) {
                try {
                    Files.deleteIfExists(pgpass);
                } catch (IOException ignoredToo) {
                    // A leftover file is readable by its owner only.
                }
            }
        }
    }
}
