package dev.sluice.maven;

import dev.sluice.DriftReport;
import dev.sluice.Sluice;
import dev.sluice.db.ConnectionFactory;
import dev.sluice.migration.Version;
import dev.sluice.postgres.ScratchDatabases;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code sluice:drift}: finds schema changes made outside the migrations, as {@code sluice drift} does:
 * by default the migrations are rebuilt on a scratch database and the two schemas compared; with
 * {@code againstHistory} only the fingerprint stored at the last migration is compared. Fails the build
 * on drift unless {@code failOnDrift} is false.
 */
@Mojo(name = "drift", threadSafe = true)
public class DriftMojo extends AbstractSluiceMojo {

    /** Compare with the fingerprint stored at the last migration instead of rebuilding (no list of differences). */
    @Parameter(property = "sluice.drift.againstHistory", defaultValue = "false")
    boolean againstHistory;

    /** Do not report columns that only come in another order. */
    @Parameter(property = "sluice.drift.ignoreColumnOrder", defaultValue = "false")
    boolean ignoreColumnOrder;

    /** Compare owners and grants too (rebuild mode only). */
    @Parameter(property = "sluice.drift.privileges", defaultValue = "false")
    boolean privileges;

    /** Fail the build when the schema drifted. */
    @Parameter(property = "sluice.drift.failOnDrift", defaultValue = "true")
    boolean failOnDrift;

    @Override
    void run() throws Exception {
        ConnectionFactory database = target();
        Sluice sluice = sluice(database);
        DriftReport report;
        if (againstHistory) {
            report = sluice.driftAgainstHistory();
        } else {
            try (ScratchDatabases scratch = sluice.scratchDatabases(scratchSettings())) {
                getLog().info("rebuilding the migrations on " + scratch.describe());
                report = sluice.driftAgainstRebuild(privileges, ignoreColumnOrder, scratch.newDatabase("rebuild").connections());
            }
        }
        String version = report.version().map(Version::toString).orElse("none");
        getLog().info("database: " + database.describe() + " (PostgreSQL " + report.targetMajor() + ")");
        if (report.mode() == DriftReport.Mode.HISTORY && report.expectedFingerprint().isEmpty()) {
            throw new MojoFailureException("sluice drift: cannot tell, the history holds no schema fingerprint; run the goal"
                    + " without againstHistory to rebuild and compare");
        }
        if (!report.drifted()) {
            getLog().info("no drift: the schema is what the migrations up to version " + version + " produce; fingerprint "
                    + report.actualFingerprint());
            return;
        }
        StringBuilder message = new StringBuilder("sluice drift: the schema differs from what the migrations up to version "
                + version + " produce");
        report.diff().ifPresent(d -> d.lines().forEach(line -> message.append("\n  ").append(line)));
        if (report.diff().isEmpty()) {
            message.append(" (fingerprint ").append(report.expectedFingerprint().orElse("none")).append(" then, ")
                    .append(report.actualFingerprint()).append(" now)");
        }
        if (failOnDrift) {
            throw new MojoFailureException(message.toString());
        }
        getLog().warn(message.toString());
    }
}
