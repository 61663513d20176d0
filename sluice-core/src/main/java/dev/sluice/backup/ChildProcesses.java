package dev.sluice.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Makes pg_dump and pg_restore die with Sluice. A dump that outlives its runner goes on writing every row
 * of the database into a file nobody will finish, verify or clean up.
 *
 * <ul>
 *   <li>On Linux, with util-linux's {@code setpriv} (2.33 or newer, present on every current distribution),
 *   the program runs as {@code setpriv --pdeathsig KILL -- pg_dump ...}: the kernel sends it SIGKILL
 *   when the JVM thread that started it ends, even after a {@code kill -9} of the JVM.</li>
 *   <li>Everywhere, a shutdown hook kills the programs still running when the JVM exits normally or on
 *   SIGTERM / Ctrl-C.</li>
 * </ul>
 *
 * <p>Hazards: the parent-death signal follows the <em>thread</em> that started the program, so the
 * starting thread must wait for the program (as {@link PgTools} does). Without {@code setpriv} (macOS,
 * old Linux) a {@code kill -9} of Sluice leaves the program running; its files are still 0600 in a
 * 0700 folder, and the next run deletes what it left (see {@link BackupStore#removeStaleFiles}).
 */
final class ChildProcesses {

    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();
    private static final Optional<Path> SETPRIV = findSetpriv();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
                "sluice-kill-children"));
    }

    private ChildProcesses() {
    }

    /** The command, run under {@code setpriv --pdeathsig KILL} where that is available. */
    static List<String> command(List<String> command) {
        if (SETPRIV.isEmpty()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of(SETPRIV.get().toString(), "--pdeathsig", "KILL", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Whether a {@code kill -9} of this JVM also kills the programs it starts. */
    static boolean diesWithParent() {
        return SETPRIV.isPresent();
    }

    static Process start(ProcessBuilder pb) throws IOException {
        Process p = pb.start();
        RUNNING.add(p);
        return p;
    }

    /** Forgets the process, killing it if it still runs (its reader gave up early). */
    static void finished(Process p) {
        RUNNING.remove(p);
        if (p.isAlive()) {
            p.destroyForcibly();
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Optional<Path> findSetpriv() {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return Optional.empty();
        }
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            Path candidate = Path.of(dir, "setpriv");
            if (Files.isExecutable(candidate) && works(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Older setpriv lacks --pdeathsig; ask it once rather than fail every dump. */
    private static boolean works(Path setpriv) {
        try {
            Process p = new ProcessBuilder(setpriv.toString(), "--pdeathsig", "KILL", "--", "true")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
