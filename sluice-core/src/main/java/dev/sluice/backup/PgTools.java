package dev.sluice.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
        String out = output(program, "--version");
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

    /**
     * Runs pg_dump with {@code args} against {@code target}; its pgpass file goes into {@code privateDir}
     * (a 0700 folder: the backup folder), where a later run finds it should this one be killed.
     */
    public void dump(PgTarget target, List<String> args, Path privateDir) {
        dump(target, args, privateDir, line -> { });
    }

    /**
     * {@link #dump(PgTarget, List, Path)} with {@code --verbose}: each line pg_dump writes about its work
     * ("dumping contents of table ...") goes to {@code progressLines} as it comes; a failure still reports
     * only pg_dump's errors, warnings and details, not the whole log.
     */
    public void dump(PgTarget target, List<String> args, Path privateDir, Consumer<String> progressLines) {
        List<String> command = new ArrayList<>(List.of(pgDump.toString()));
        command.addAll(target.connectionArgs());
        command.addAll(args);
        command.add("--dbname=" + target.database());
        run(command, target, privateDir, null, progressLines);
    }

    /** Runs pg_restore with {@code args} into {@code target}; the pgpass file as for {@link #dump}. */
    public void restore(PgTarget target, List<String> args, Path archive, Path privateDir) {
        List<String> command = new ArrayList<>(List.of(pgRestore.toString()));
        command.addAll(target.connectionArgs());
        command.add("--dbname=" + target.database());
        command.addAll(args);
        command.add(archive.toString());
        run(command, target, privateDir, null, null);
    }

    /**
     * Runs pg_restore without a database, writing the SQL script for {@code args} to its standard output,
     * which {@code script} reads as it comes; returns what {@code script} returned.
     */
    public <T> T script(List<String> args, Path archive, ScriptReader<T> script) throws SQLException {
        List<String> command = new ArrayList<>(List.of(pgRestore.toString()));
        command.addAll(args);
        command.add("--file=-");
        command.add(archive.toString());
        Object[] result = new Object[1];
        try {
            run(command, null, null, in -> result[0] = script.read(in), null);
        } catch (ReaderFailure e) {
            throw e.getCause();
        }
        @SuppressWarnings("unchecked")
        T t = (T) result[0];
        return t;
    }

    /** Reads a program's standard output while it runs. */
    @FunctionalInterface
    public interface ScriptReader<T> {
        T read(InputStream stdout) throws SQLException, IOException;
    }

    /** Carries a reader's SQLException through {@link #run} to the caller of {@link #script}. */
    private static final class ReaderFailure extends RuntimeException {
        ReaderFailure(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }

    private static String output(Path program, String arg) {
        return new String(run(List.of(program.toString(), arg), null, null, null, null), StandardCharsets.UTF_8);
    }

    /**
     * Reads a child's standard error to its end: whole, or, when {@code progressLines} takes the verbose
     * lines, only the lines that carry a level, so a failure's message is not buried in a log.
     */
    private static String readErrors(Process child, Consumer<String> progressLines) {
        try (java.io.BufferedReader r = new java.io.BufferedReader(
                new java.io.InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8))) {
            StringBuilder kept = new StringBuilder();
            String line;
            while ((line = r.readLine()) != null) {
                if (progressLines == null || line.matches("^\\S+: (error|warning|detail|hint|fatal): .*")) {
                    kept.append(line).append('\n');
                } else {
                    progressLines.accept(line);
                }
            }
            return kept.toString();
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Runs a program and returns its standard output (or hands it to {@code reader}); a failure, with the
     * program's own message and any password scrubbed from it, is a {@link BackupException}.
     *
     * <p>The child dies with Sluice: it runs under {@link ChildProcesses#command}, so a {@code kill -9} of the JVM
     * also ends a pg_dump that would otherwise finish a full dump nobody waits for. The pgpass file is
     * created 0600 inside {@code privateDir} and deleted afterwards; if the JVM is killed first, the next
     * run's {@link BackupStore#removeStaleFiles} deletes it.
     *
     * @param progressLines where given, the program runs with {@code --verbose} and its standard error goes
     *                      there line by line; a failure then quotes only the lines that carry a level
     *                      ({@code error:}, {@code warning:}, {@code detail:}, {@code hint:})
     */
    private static byte[] run(List<String> command, PgTarget target, Path privateDir, ScriptReader<?> reader,
                              Consumer<String> progressLines) {
        if (progressLines != null) {
            command = new ArrayList<>(command);
            command.add(1, "--verbose");
        }
        List<String> program = command;
        Path pgpass = null;
        Process p = null;
        try {
            ProcessBuilder pb = new ProcessBuilder(ChildProcesses.command(command));
            pb.environment().remove("PGPASSWORD");
            if (target != null) {
                pgpass = BackupStore.newPgpassFile(privateDir);
                Files.writeString(pgpass, target.pgpassLine(), StandardCharsets.UTF_8);
                pb.environment().put("PGPASSFILE", pgpass.toString());
                pb.environment().put("PGAPPNAME", "sluice");
                target.sslMode().ifPresent(mode -> pb.environment().put("PGSSLMODE", mode));
            }
            p = ChildProcesses.start(pb);
            Process child = p;
            // Read stderr on its own thread so a chatty program never blocks on a full pipe.
            java.util.concurrent.CompletableFuture<String> err = new java.util.concurrent.CompletableFuture<>();
            Thread errReader = new Thread(() -> err.complete(readErrors(child, progressLines)), "sluice-" + Path.of(program.get(0)).getFileName());
            errReader.setDaemon(true);
            errReader.start();
            byte[] out = new byte[0];
            RuntimeException readerFailure = null;
            if (reader == null) {
                out = p.getInputStream().readAllBytes();
            } else {
                try {
                    reader.read(p.getInputStream());
                } catch (SQLException e) {
                    readerFailure = new ReaderFailure(e);
                } catch (RuntimeException e) {
                    readerFailure = e;
                }
                // The rest of the output is not needed, but the program must not block on a full pipe.
                p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            }
            if (!p.waitFor(6, TimeUnit.HOURS)) {
                p.destroyForcibly();
            }
            String stderr = err.join().strip();
            if (p.exitValue() != 0) {
                String text = stderr;
                if (target != null && target.password().isPresent() && target.password().get().length() >= 3) {
                    text = text.replace(target.password().get(), "****");
                }
                throw new BackupException(Path.of(command.get(0)).getFileName() + " failed (exit " + p.exitValue() + ")"
                        + (target == null ? "" : " on " + target) + ": " + text);
            }
            if (readerFailure != null) {
                throw readerFailure;
            }
            return out;
        } catch (IOException e) {
            throw new BackupException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupException("interrupted while running " + command.get(0), e);
        } finally {
            if (p != null) {
                // A reader that stopped early (a failed COPY) leaves the program blocked on its pipe.
                ChildProcesses.finished(p);
            }
            if (pgpass != null) {
                try {
                    Files.deleteIfExists(pgpass);
                } catch (IOException ignoredToo) {
                    // Readable by its owner only, in a folder only its owner can enter; the next run deletes it.
                }
            }
        }
    }
}
