package dev.sluice.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code git}: the migrations folder has no uncommitted change, so what runs against the database is what
 * was reviewed and can be found again. On the embedded development database it only warns: migrating
 * files not yet committed is how they are written.
 *
 * <p>Hazards: it runs the {@code git} program found on {@code PATH} in the migrations folder, with a
 * 30-second limit, and reads only {@code git status --porcelain} of that folder; git missing or the folder
 * outside a checkout is a warning, since nothing can be proved either way. Its output is read before the
 * wait, so a long status cannot fill the pipe and hang it.
 */
final class GitCheck implements DoctorCheck {

    private static final long TIMEOUT_SECONDS = 30;

    @Override
    public String id() {
        return "git";
    }

    @Override
    public String title() {
        return "the migrations are committed";
    }

    @Override
    public CheckOutcome run(DoctorContext context) {
        Path folder = context.request().migrationsDir();
        if (!Files.isDirectory(folder)) {
            return CheckOutcome.warn("migrations folder " + folder + " does not exist");
        }
        try {
            ProcessResult inside = exec(folder, "git", "rev-parse", "--is-inside-work-tree");
            if (inside.code != 0) {
                return CheckOutcome.warn(folder + " is not in a git checkout: nothing proves which files were reviewed");
            }
            ProcessResult status = exec(folder, "git", "status", "--porcelain", "--", ".");
            if (status.code != 0) {
                return CheckOutcome.warn("git status failed: " + status.output.strip());
            }
            List<String> changes = status.output.lines().filter(l -> !l.isBlank()).toList();
            if (!changes.isEmpty()) {
                return new CheckOutcome(context.request().embedded() ? CheckStatus.WARN : CheckStatus.FAIL,
                        changes.size() + " uncommitted change" + (changes.size() == 1 ? "" : "s")
                        + " in " + folder + ": commit what you migrate", changes.subList(0, Math.min(10, changes.size())));
            }
            return CheckOutcome.pass("migrations folder committed");
        } catch (IOException e) {
            return CheckOutcome.warn("git is not installed: cannot tell whether the migrations are committed");
        }
    }

    private record ProcessResult(int code, String output) {
    }

    private static ProcessResult exec(Path dir, String... command) throws IOException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new ProcessResult(-1, "timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ProcessResult(-1, "interrupted");
        }
        return new ProcessResult(p.exitValue(), out);
    }
}
