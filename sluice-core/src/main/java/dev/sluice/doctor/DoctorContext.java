package dev.sluice.doctor;

import dev.sluice.db.ConnectionFactory;
import dev.sluice.execution.MigrationPlan;
import dev.sluice.lint.LintSettings;

import java.util.Objects;
import java.util.Optional;

/**
 * Everything the checks may use: the target database, the project's migrations and lint settings, the
 * request, and what the first checks found that later ones depend on (whether the database answers, the
 * plan of the coming migrate). Those facts are found once, on first need, so each check can run alone and
 * a whole run connects no more often than it must.
 *
 * <p>Hazard: one context per run, used by one thread; it is not safe to share between runs, since what it
 * found is kept.
 */
public final class DoctorContext {

    private final ConnectionFactory connections;
    private final LintSettings lint;
    private final ProjectState project;
    private final DoctorRequest request;
    private DatabaseCheck.Probe database;
    private MigrationsCheck.Survey migrations;

    public DoctorContext(ConnectionFactory connections, LintSettings lint, ProjectState project, DoctorRequest request) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.lint = Objects.requireNonNull(lint, "lint");
        this.project = Objects.requireNonNull(project, "project");
        this.request = Objects.requireNonNull(request, "request");
    }

    public ConnectionFactory connections() {
        return connections;
    }

    public LintSettings lint() {
        return lint;
    }

    public ProjectState project() {
        return project;
    }

    public DoctorRequest request() {
        return request;
    }

    /** The database check's finding, probed on first need. */
    DatabaseCheck.Probe database() {
        if (database == null) {
            database = DatabaseCheck.probe(connections);
        }
        return database;
    }

    /** Whether the target answered; checks that need it say "not checked" when it did not. */
    public boolean reachable() {
        return database().error().isEmpty();
    }

    /** The migrations check's finding, surveyed on first need. */
    MigrationsCheck.Survey migrations() {
        if (migrations == null) {
            migrations = MigrationsCheck.survey(this);
        }
        return migrations;
    }

    /** The plan of the coming migrate; empty when the database is unreachable or the migrations are not valid. */
    public Optional<MigrationPlan> plan() {
        return migrations().plan();
    }
}
