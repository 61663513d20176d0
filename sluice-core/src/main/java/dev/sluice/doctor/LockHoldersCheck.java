package dev.sluice.doctor;

import dev.sluice.db.Blocker;
import dev.sluice.db.internal.BlockerQueries;
import dev.sluice.db.Connections;
import dev.sluice.execution.PlanStep;
import dev.sluice.migration.DurationText;
import dev.sluice.migration.SqlMigrationBody;
import dev.sluice.sql.SqlStatement;
import dev.sluice.sql.StatementFacts;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code locks}: no other session holds a lock on a table the pending migrations touch (the migration
 * would queue behind it, and every query on the table behind the migration), and no transaction has been
 * open for long (it may take such a lock at any moment, and it holds back vacuum).
 *
 * <p>Hazards: it is a snapshot; a lock taken a second later is the migration's lock timeout's business.
 * Only SQL migrations name their tables; a Java migration's tables are unknown here, so for those only the
 * long transactions are looked at.
 */
final class LockHoldersCheck implements DoctorCheck {

    static final Duration LONG_TRANSACTION = Duration.ofMinutes(5);

    @Override
    public String id() {
        return "locks";
    }

    @Override
    public String title() {
        return "no session holds locks the migrations need";
    }

    @Override
    public CheckOutcome run(DoctorContext context) {
        if (!context.reachable()) {
            return CheckOutcome.warn("not checked: database unreachable");
        }
        Set<String> tables = new LinkedHashSet<>();
        context.plan().ifPresent(p -> {
            for (PlanStep step : p.steps()) {
                if (step.body() instanceof SqlMigrationBody sql) {
                    for (SqlStatement s : sql.statements()) {
                        tables.addAll(StatementFacts.of(s).tables());
                    }
                }
            }
        });
        try (Connection c = Connections.open(context.connections())) {
            List<Blocker> holders = BlockerQueries.holdingLocksOn(c, new ArrayList<>(tables));
            List<String> details = new ArrayList<>(holders.stream().map(Blocker::toString).toList());
            if (!holders.isEmpty()) {
                return new CheckOutcome(CheckStatus.FAIL, holders.size() + " session" + (holders.size() == 1 ? "" : "s")
                        + " hold locks on tables the pending migrations touch (" + String.join(", ", tables) + ")", details);
            }
            List<String> longOnes = longTransactions(c);
            if (!longOnes.isEmpty()) {
                return new CheckOutcome(CheckStatus.WARN, longOnes.size() + " transaction" + (longOnes.size() == 1 ? "" : "s")
                        + " open longer than " + DurationText.human(LONG_TRANSACTION) + " (none holds a lock on the "
                        + "tables the pending migrations touch yet)", longOnes);
            }
            return CheckOutcome.pass(tables.isEmpty() ? "no long transactions"
                    : "no lock holders on " + String.join(", ", tables) + ", no long transactions");
        } catch (SQLException e) {
            return CheckOutcome.warn("not checked: " + e.getMessage());
        }
    }

    private static List<String> longTransactions(Connection c) throws SQLException {
        List<String> longOnes = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "select pid, coalesce(application_name, ''), coalesce(state, ''), "
                        + "extract(epoch from now() - xact_start)::bigint from pg_stat_activity "
                        + "where xact_start is not null and pid <> pg_backend_pid() and backend_type = 'client backend' "
                        + "and now() - xact_start > make_interval(secs => " + LONG_TRANSACTION.toSeconds() + ") "
                        + "order by xact_start")) {
            while (rs.next()) {
                longOnes.add("pid " + rs.getInt(1) + " (" + rs.getString(2) + "), " + rs.getString(3)
                        + ", transaction open " + rs.getLong(4) + "s");
            }
        }
        return longOnes;
    }
}
