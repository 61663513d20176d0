package dev.sluice.migration;

import java.util.Objects;

/**
 * A {@code -- sluice:rewrite} migration file ({@code V4__orders_id_bigint.sql}): one {@code ALTER TABLE}
 * that {@code dev.sluice.rewrite} runs on a shadow table and swaps in, instead of rewriting the table in
 * place under ACCESS EXCLUSIVE. The plain executor never runs it; it is here so that resolution orders,
 * checksums and records it like any versioned migration. Its rollback is the rewrite's swap back, possible
 * only while the old table is kept (until {@code sluice rewrite --cleanup}).
 *
 * @param name  the file's path relative to its migrations folder, as shown in messages
 * @param text  the file as written
 * @param table the table, as written after {@code ALTER TABLE} ({@code orders}, {@code app.orders})
 * @param alter the clauses after the table name, without the semicolon
 * @param line  the 1-based line of the {@code ALTER TABLE}
 */
public record RewriteMigrationBody(String name, String text, String table, String alter, int line) implements MigrationBody {

    public RewriteMigrationBody {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(alter, "alter");
    }

    /** A copy in batches and a swap, several transactions; never one. */
    @Override
    public boolean transactional() {
        return false;
    }

    @Override
    public ScriptSettings settings() {
        return ScriptSettings.DEFAULTS;
    }
}
