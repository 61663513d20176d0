package dev.sluice.migration;

import dev.sluice.sql.SqlScript;
import dev.sluice.sql.SqlStatement;

import java.util.List;
import java.util.Objects;

/**
 * One SQL file, split and read: the statements that change the schema, the assertions after the
 * {@code -- sluice:validate} line, and the header's settings.
 *
 * @param name                 the file's path relative to its migrations folder, as shown in messages
 * @param script               the whole split script, directives included (the lint reads these)
 * @param statements           the statements before {@code -- sluice:validate}
 * @param validations          the statements after it; each must return one row whose first column is true
 * @param settings             the header directives
 * @param autocommitStatements the statements that cannot run inside a transaction block, with the reason;
 *                             empty for an ordinary transactional script
 */
public record SqlMigrationBody(String name, SqlScript script, List<SqlStatement> statements,
                               List<SqlStatement> validations, ScriptSettings settings,
                               List<AutocommitStatement> autocommitStatements) implements MigrationBody {

    public SqlMigrationBody {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(script, "script");
        statements = List.copyOf(statements);
        validations = List.copyOf(validations);
        Objects.requireNonNull(settings, "settings");
        autocommitStatements = List.copyOf(autocommitStatements);
    }

    /**
     * A script runs in one transaction unless its header says {@code transaction off} or one of its
     * statements cannot run inside a transaction block.
     */
    @Override
    public boolean transactional() {
        return !settings.transactionOff() && autocommitStatements.isEmpty();
    }

    /**
     * Whether {@code statement} is one that cannot run inside a transaction block (as opposed to one that
     * runs in autocommit only because its script does).
     */
    public boolean needsAutocommit(SqlStatement statement) {
        return autocommitStatements.stream().anyMatch(a -> a.statement() == statement);
    }

    /** A statement that forces its script out of a transaction, and why. */
    public record AutocommitStatement(SqlStatement statement, String reason) {
    }
}
