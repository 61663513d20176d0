package dev.sluice.doctor;

import dev.sluice.db.Connections;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code replication}: the target is a primary (a standby cannot be migrated; pointing Sluice at one is a
 * configuration mistake), and its replicas keep up. DDL that rewrites a table produces WAL in bulk, so a
 * replica already behind falls further behind, and readers of it see the old schema for longer.
 *
 * <p>Hazard: {@code pg_stat_replication} shows details only to roles that may read statistics
 * ({@code pg_read_all_stats}, part of {@code pg_monitor}); for others a replica's lag is unknown and reads
 * as zero, so "in step" is only as good as the role's view.
 */
final class ReplicationCheck implements DoctorCheck {

    static final Duration REPLICA_LAG_WARN = Duration.ofSeconds(30);

    @Override
    public String id() {
        return "replication";
    }

    @Override
    public String title() {
        return "the target is a primary and its replicas keep up";
    }

    @Override
    public CheckOutcome run(DoctorContext context) {
        if (!context.reachable()) {
            return CheckOutcome.warn("not checked: database unreachable");
        }
        try (Connection c = Connections.open(context.connections()); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select pg_is_in_recovery()")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return CheckOutcome.fail("the target is a standby in recovery: migrate the primary");
                }
            }
            List<String> replicas = new ArrayList<>();
            boolean lagging = false;
            try (ResultSet rs = s.executeQuery("select coalesce(application_name, ''), coalesce(client_addr::text, 'local'), "
                    + "coalesce(state, ''), coalesce(extract(epoch from replay_lag), 0) from pg_stat_replication")) {
                while (rs.next()) {
                    double lag = rs.getDouble(4);
                    lagging |= lag > REPLICA_LAG_WARN.toSeconds();
                    replicas.add(rs.getString(1) + " at " + rs.getString(2) + ", " + rs.getString(3) + ", replay lag "
                            + String.format(Locale.ROOT, "%.1fs", lag));
                }
            }
            if (replicas.isEmpty()) {
                return CheckOutcome.pass("no replicas");
            }
            return new CheckOutcome(lagging ? CheckStatus.WARN : CheckStatus.PASS, replicas.size() + " replica"
                    + (replicas.size() == 1 ? "" : "s") + (lagging ? ", lag above " + REPLICA_LAG_WARN.toSeconds() + "s" : ", in step"),
                    replicas);
        } catch (SQLException e) {
            return CheckOutcome.warn("not checked: " + e.getMessage());
        }
    }
}
