package dev.sluice.maven;

import dev.sluice.Sluice;
import dev.sluice.db.ConnectionFactory;
import dev.sluice.postgres.ScratchDatabases;
import dev.sluice.progress.Progress;
import dev.sluice.rehearsal.MigrationRehearsal;
import dev.sluice.rehearsal.RehearsalReport;
import dev.sluice.rehearsal.Verdict;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

import java.util.Optional;

/**
 * {@code sluice:rehearse}: applies, rolls back and re-applies every migration on a throwaway database
 * (or on {@code devUrl}) and proves that each down restores the schema and the rows, as
 * {@code sluice rehearse} does. Never touches the target. Fails the build when a migration fails.
 */
@Mojo(name = "rehearse", threadSafe = true)
public class RehearseMojo extends AbstractSluiceMojo {

    @Override
    void run() throws Exception {
        RehearsalReport report;
        // The target is asked for its major only when one is configured; otherwise it is never touched.
        Sluice project = sluice(configuredUrl().isPresent() ? target() : noDatabase());
        try (ScratchDatabases server = project.scratchDatabases(scratchSettings())) {
            getLog().info("rehearsing on " + server.describe());
            ConnectionFactory scratch = server.newDatabase("rehearse").connections();
            report = sluice(scratch).rehearse(scratch, Optional.of(seedFolder()), irreversibleIsError(), Progress.NONE);
        }
        for (MigrationRehearsal m : report.migrations()) {
            String line = m.verdict() + " " + m.label() + "  [" + m.script() + "]  " + m.millis() + " ms";
            if (m.verdict() == Verdict.FAILED) {
                getLog().error(line);
            } else {
                getLog().info(line);
            }
            m.problems().forEach(p -> getLog().warn("    " + p));
        }
        if (!report.passed()) {
            throw new MojoFailureException("sluice rehearse: a migration failed rehearsal (see above)");
        }
        getLog().info("every down restores what its up changed");
    }
}
