package dev.sluice.spring;

import dev.sluice.BeforeRun;
import dev.sluice.MigrateResult;
import dev.sluice.Sluice;
import dev.sluice.SluiceOptions;
import dev.sluice.lint.GateReport;
import dev.sluice.migration.MigrationProblem;
import dev.sluice.migration.Version;
import dev.sluice.monitor.DriftStatus;
import dev.sluice.monitor.SluiceMonitor;
import dev.sluice.online.BackfillSettings;
import dev.sluice.online.OnlineChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Runs the pending migrations when the application context creates it, which is before any bean that
 * uses the database ({@link SluiceDatabaseInitializerDetector} tells Spring Boot so). A failure, a lint
 * error or a lock that could not be had within the retry deadline stops the start-up: an application
 * should not serve against a schema it was not built for.
 *
 * <p>Hazard: with several instances starting at once, one migrates and the others wait for the migration
 * lock for up to {@code spring.sluice.lock-wait}, then find nothing pending.
 */
public class SluiceMigrationInitializer implements InitializingBean {

    private static final Logger LOG = LoggerFactory.getLogger(SluiceMigrationInitializer.class);

    private final Sluice sluice;
    private final SluiceMonitor monitor;
    private final SluiceProperties properties;

    public SluiceMigrationInitializer(Sluice sluice, SluiceMonitor monitor, SluiceProperties properties) {
        this.sluice = sluice;
        this.monitor = monitor;
        this.properties = properties;
    }

    @Override
    public void afterPropertiesSet() throws SQLException {
        migrate();
    }

    /** Applies what is pending and logs what it did; throws what stopped it. */
    public MigrateResult migrate() throws SQLException {
        // One resolution of the files for the whole start-up: the warnings, the lint and the run read the same.
        Sluice sluice = this.sluice.resolvingOnce();
        LOG.info("Sluice: migrating {} from {}", sluice.options().connections().describe(), String.join(", ", properties.getLocations()));
        for (MigrationProblem warning : sluice.catalog().warnings()) {
            LOG.warn("Sluice: {}", warning);
        }
        if (!properties.getLint().isFailOnError()) {
            logLintFindings(sluice);
        }
        if (properties.getHealth().isDriftCheck()) {
            // Before migrating: the run records a new fingerprint, which would take a change made by hand in.
            DriftStatus drift = monitor.checkDrift();
            if (drift.state() == DriftStatus.State.DRIFTED) {
                LOG.warn("Sluice: drift: {}; the health indicator reports it until the next start", drift.message());
            }
        }
        MigrationLog log = new MigrationLog(LOG);
        MigrateResult result = sluice.migrate(Optional.empty(), true, properties.isCompleteOnline(), BackfillSettings.defaults(),
                log, log, BeforeRun.NOTHING);
        for (OnlineChange change : result.online()) {
            LOG.info(change.inProgress()
                    ? "Sluice: online change V{} {} started; both versions of the schema are live until 'sluice complete'"
                    + " runs once no instance of the old version is left"
                    : "Sluice: completed online change V{} {}", change.version(), change.description());
        }
        String now = result.after().map(Version::toString).orElse("none");
        if (result.steps().isEmpty() && result.online().isEmpty()) {
            LOG.info("Sluice: database is up to date at version {}", now);
        } else {
            LOG.info("Sluice: applied {} migration{}; database now at version {} (was {})", result.steps().size(),
                    result.steps().size() == 1 ? "" : "s", now, result.before().map(Version::toString).orElse("empty"));
        }
        if (!result.steps().isEmpty() || !result.online().isEmpty()) {
            monitor.refresh();   // a snapshot the drift check read before the run would still show them pending
        }
        return result;
    }

    /**
     * With {@code spring.sluice.lint.fail-on-error=false}, what the gate would have refused, as warnings: the
     * facade's own gate judged with the gate on, read-only.
     */
    private static void logLintFindings(Sluice sluice) throws SQLException {
        SluiceOptions o = sluice.options();
        Sluice judge = new Sluice(new SluiceOptions(o.connections(), o.schema(), o.historyTable(), o.sources(), o.strictNames(),
                o.execution(), o.lint().withBeforeMigrate(true)));
        Optional<GateReport> report = judge.lintGate(judge.planMigrate(Optional.empty()));
        if (report.isPresent() && report.get().blocks()) {
            LOG.warn("Sluice: lint errors in pending migrations; migrating anyway, as spring.sluice.lint.fail-on-error is false:");
            report.get().blocking().forEach(f -> LOG.warn("Sluice:   {}", f.format()));
        }
    }
}
