package dev.sluice.maven;

import dev.sluice.MigrateResult;
import dev.sluice.Sluice;
import dev.sluice.db.ConnectionFactory;
import dev.sluice.execution.MigrationFailedException;
import dev.sluice.execution.MigrationListener;
import dev.sluice.execution.PlanStep;
import dev.sluice.migration.MigrationProblem;
import dev.sluice.migration.Version;
import dev.sluice.online.OnlineChange;
import dev.sluice.online.OnlineListener;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code sluice:migrate}: applies the pending migrations to the configured database with the lock-safe
 * executor, the lint gate first, as {@code sluice migrate} does. Not bound to a phase: a build migrates
 * only when asked to ({@code mvn sluice:migrate}, or an execution with a phase).
 */
@Mojo(name = "migrate", threadSafe = true)
public class MigrateMojo extends AbstractSluiceMojo {

    /** Migrate up to this version only (default: all pending). */
    @Parameter(property = "sluice.target")
    String target;

    @Override
    void run() throws Exception {
        ConnectionFactory database = target();
        Sluice sluice = sluice(database);
        for (MigrationProblem w : sluice.catalog().warnings()) {
            getLog().warn(w.toString());
        }
        Optional<Version> to = Optional.ofNullable(target).filter(t -> !t.isBlank()).map(Version::parse);
        getLog().info("sluice migrate: " + database.describe() + ", migrations in " + migrationsDir());
        MigrateResult result = sluice.migrate(to, true, false, config().backfill(), new LogListener(), OnlineListener.NONE);
        for (OnlineChange change : result.online()) {
            getLog().info(change.inProgress()
                    ? "online change V" + change.version() + " " + change.description() + " started; run 'sluice complete' once no"
                    + " old client is left"
                    : "completed online change V" + change.version() + " " + change.description());
        }
        for (dev.sluice.rewrite.RewriteResult r : result.rewrites()) {
            getLog().info("rewrote " + r.table() + " (" + r.alter() + "): " + r.rowsCopied() + " rows copied, swapped under a "
                    + r.longestLock().toMillis() + " ms lock; the old table is kept until 'sluice rewrite --table " + r.table()
                    + " --cleanup'");
        }
        String now = result.after().map(Version::toString).orElse("none");
        int applied = result.steps().size() + result.rewrites().size();
        if (applied == 0 && result.online().isEmpty()) {
            getLog().info("database is up to date at version " + now);
        } else {
            getLog().info("applied " + applied + " migration" + (applied == 1 ? "" : "s")
                    + "; database now at version " + now + " (was " + result.before().map(Version::toString).orElse("empty") + ")");
        }
    }

    /** Each step and each lock-timeout retry in the build log. */
    private final class LogListener implements MigrationListener {
        @Override
        public void stepFinished(PlanStep step, long millis) {
            getLog().info("  " + step.migration().label() + "  [" + step.scriptName() + "]  " + millis + " ms");
        }

        @Override
        public void stepFailed(PlanStep step, MigrationFailedException failure) {
            getLog().error("  " + step.migration().label() + "  [" + step.scriptName() + "]  failed");
        }

        @Override
        public void retrying(PlanStep step, int attempt, Duration delay, String reason) {
            getLog().warn("  " + step.migration().label() + ": " + reason + "; retry " + attempt + " in " + delay.toMillis() + " ms");
        }

        @Override
        public void notice(PlanStep step, String message) {
            getLog().info("  " + step.migration().label() + ": " + message);
        }

        @Override
        public void reconnecting(String reason, Duration wait) {
            getLog().warn("  " + reason + "; reconnecting within " + wait.toSeconds() + " s");
        }
    }
}
