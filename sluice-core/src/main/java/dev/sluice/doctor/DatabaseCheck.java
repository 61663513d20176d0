package dev.sluice.doctor;

import dev.sluice.backup.internal.DatabaseFacts;
import dev.sluice.db.ConnectionFactory;
import dev.sluice.db.Connections;

import java.sql.Connection;
import java.util.Optional;

/**
 * {@code database}: the target answers, and which PostgreSQL it is. Everything after depends on it, so it
 * runs first and the checks that need a connection say "not checked" instead of repeating its error.
 *
 * <p>Hazards: the message names the target as {@link ConnectionFactory#describe()} does, with the password
 * masked; the driver's error message is shown as it is, and the driver never puts a password in one. On
 * the embedded development database, the first connection starts it.
 */
final class DatabaseCheck implements DoctorCheck {

    /** What connecting found: the server version and the target's name, or why it failed. */
    record Probe(String serverVersion, String target, Optional<String> error) {
    }

    @Override
    public String id() {
        return "database";
    }

    @Override
    public String title() {
        return "the database is reachable";
    }

    @Override
    public CheckOutcome run(DoctorContext context) {
        Probe probe = context.database();
        return probe.error().map(e -> CheckOutcome.fail("unreachable: " + e))
                .orElseGet(() -> CheckOutcome.pass("reachable, PostgreSQL " + probe.serverVersion() + " at " + probe.target()));
    }

    static Probe probe(ConnectionFactory connections) {
        try (Connection c = Connections.open(connections)) {
            return new Probe(DatabaseFacts.serverVersion(c), connections.describe(), Optional.empty());
        } catch (Exception e) {
            return new Probe("", "", Optional.of(String.valueOf(e.getMessage())));
        }
    }
}
