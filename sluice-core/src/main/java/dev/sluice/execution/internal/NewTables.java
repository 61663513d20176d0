package dev.sluice.execution.internal;

import dev.sluice.sql.SqlStatement;
import dev.sluice.sql.StatementFacts;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The tables a step creates itself before anything else of it touches them. Nobody can hold or wait for a
 * lock on such a table before the step runs (it does not exist yet, and inside the step's transaction
 * nobody else sees it), so asking the server who holds locks on it is a round trip that cannot find
 * anyone; the blocker checks leave these tables out.
 *
 * <p>Hazard: names are compared exactly as written. {@code create table t} then {@code insert into public.t}
 * counts {@code public.t} as an existing table, which costs a query and is never wrong; the reverse mistake
 * (a table taken as new that exists) would skip a check, so no normalisation is attempted. A
 * {@code CREATE TABLE IF NOT EXISTS} never counts, since the table may well exist.
 */
final class NewTables {

    private NewTables() {
    }

    /** The names, as written, of the tables whose first mention in {@code statements} is their plain CREATE TABLE. */
    static Set<String> of(List<SqlStatement> statements) {
        Set<String> created = new HashSet<>();
        Set<String> touched = new HashSet<>();
        for (SqlStatement s : statements) {
            StatementFacts facts = StatementFacts.of(s);
            // Before this statement's own tables: a table that references itself in its CREATE TABLE is new.
            facts.createdTable().filter(t -> !touched.contains(t)).ifPresent(created::add);
            facts.createdTable().ifPresent(touched::add);
            touched.addAll(facts.tables());
        }
        return created;
    }
}
