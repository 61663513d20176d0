package dev.sluice.postgres.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How to start PostgreSQL's programs, which refuse to run as root. As an ordinary user they run as they
 * are. As root they run inside a new user namespace ({@code unshare --user}), where the process is
 * {@code nobody} while the files it writes stay owned by the real root; where namespaces are blocked,
 * {@code setpriv} switches to {@code nobody}, and the data folder must then belong to nobody.
 */
public enum ServerUser {
    /** Not root: run the programs directly. */
    DIRECT,
    /** Root, with user namespaces: {@code unshare --user}. */
    USER_NAMESPACE,
    /** Root, without user namespaces: {@code setpriv} to nobody. */
    NOBODY;

    private static volatile ServerUser detected;

    public static ServerUser detect() {
        ServerUser d = detected;
        if (d == null) {
            d = probe();
            detected = d;
        }
        return d;
    }

    private static ServerUser probe() {
        if (!"root".equals(System.getProperty("user.name")) && !runs(List.of("id", "-u"), "0")) {
            return DIRECT;
        }
        return runs(List.of("unshare", "--user", "true"), null) ? USER_NAMESPACE : NOBODY;
    }

    private static boolean runs(List<String> command, String expectedOutput) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0 && (expectedOutput == null || expectedOutput.equals(out));
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The command line that runs {@code program} with {@code args} as this kind of user. */
    public List<String> command(Path program, List<String> args) {
        List<String> command = new ArrayList<>();
        switch (this) {
            case USER_NAMESPACE -> command.addAll(List.of("unshare", "--user"));
            case NOBODY -> command.addAll(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"));
            default -> {
            }
        }
        command.add(program.toString());
        command.addAll(args);
        return command;
    }

    /** Gives a folder to the server's user where that user is not us. */
    void own(Path folder) throws IOException {
        if (this == NOBODY) {
            try {
                Process p = new ProcessBuilder("chown", "-R", "nobody:nogroup", folder.toString()).inheritIO().start();
                if (p.waitFor() != 0) {
                    throw new IOException("chown of " + folder + " to nobody failed");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }
}
