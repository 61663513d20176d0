package dev.sluice.maven;

import dev.sluice.Sluice;
import dev.sluice.ValidateResult;
import dev.sluice.db.ConnectionFactory;
import dev.sluice.execution.MigrationStatus;
import dev.sluice.execution.ProjectStatus;
import dev.sluice.execution.StateProblem;
import dev.sluice.execution.VersionState;
import dev.sluice.migration.MigrationProblem;
import dev.sluice.migration.Version;
import dev.sluice.online.OnlineChange;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

import java.util.List;
import java.util.Optional;

/**
 * {@code sluice:status}: applied, pending and failed migrations of the configured database, and what
 * needs attention, as {@code sluice status} shows them. Fails the build only when the migration files
 * are invalid; history problems are listed as warnings ({@code sluice validate} fails on them).
 */
@Mojo(name = "status", threadSafe = true)
public class StatusMojo extends AbstractSluiceMojo {

    @Override
    void run() throws Exception {
        ConnectionFactory database = target();
        Sluice sluice = sluice(database);
        ValidateResult files = sluice.validate();
        files.catalog().warnings().forEach(w -> getLog().warn(w.toString()));
        ProjectStatus status = files.status();
        List<StateProblem> problems = files.historyProblems();
        getLog().info("database: " + database.describe());
        for (MigrationStatus e : status.entries()) {
            getLog().info(String.format("  %-10s %-8s %s%s", e.version().map(Version::toString).orElse("R"), e.state().name(),
                    e.description(), e.checksumChanged() ? " (edited)" : ""));
        }
        getLog().info("current version: " + status.current().map(Version::toString).orElse("none")
                + "; pending: " + status.withState(VersionState.PENDING).size()
                + "; failed: " + status.withState(VersionState.FAILED).size());
        problems.forEach(p -> getLog().warn(p.toString()));
        Optional<OnlineChange> online = sluice.onlineInProgress();
        online.ifPresent(c -> getLog().warn("online change in progress: V" + c.version() + " " + c.description()
                + "; 'sluice complete' once no old client is left, or 'sluice rollback' to abort"));
        if (!files.fileProblems().isEmpty()) {
            throw new MojoFailureException("sluice status: the migration files are invalid; nothing can run until they are fixed:\n"
                    + String.join("\n", files.fileProblems().stream().map(MigrationProblem::toString).toList()));
        }
    }
}
