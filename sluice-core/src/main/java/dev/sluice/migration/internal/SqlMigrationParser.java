package dev.sluice.migration.internal;

import dev.sluice.migration.DurationText;
import dev.sluice.migration.ScriptSettings;
import dev.sluice.migration.SqlMigrationBody;
import dev.sluice.migration.MigrationFileException;
import dev.sluice.sql.SluiceDirective;
import dev.sluice.sql.SqlParseException;
import dev.sluice.sql.SqlScript;
import dev.sluice.sql.SqlStatement;
import dev.sluice.sql.internal.StatementSplitter;
import dev.sluice.sql.TransactionRequirement;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a SQL migration file into a {@link SqlMigrationBody}: splits it, reads its header directives,
 * separates the assertions after {@code -- sluice:validate}, and finds the statements that cannot run in
 * a transaction. Every problem is a {@link MigrationFileException} naming the file and line, raised
 * before anything touches a database.
 */
public final class SqlMigrationParser {

    private static final Set<String> HEADER_KEYWORDS = Set.of("transaction", "lock-timeout", "statement-timeout");
    /** Directives that belong to the lint; they may stand anywhere. */
    private static final Set<String> FREE_KEYWORDS = Set.of("ignore", "ignore-file");
    private static final String VALIDATE = "validate";

    private SqlMigrationParser() {
    }

    /**
     * @param name the file's name as shown in messages
     * @param text the file's content
     */
    public static SqlMigrationBody parse(String name, String text) {
        SqlScript script;
        try {
            script = StatementSplitter.split(text, name);
        } catch (SqlParseException e) {
            throw new MigrationFileException(name, e.line(), stripLocation(e), e);
        }
        int firstStatementLine = script.statements().isEmpty()
                ? Integer.MAX_VALUE : script.statements().get(0).line();

        boolean transactionOff = false;
        Optional<Duration> lockTimeout = Optional.empty();
        Optional<Duration> statementTimeout = Optional.empty();
        int validateLine = -1;
        for (SluiceDirective d : script.directives()) {
            String keyword = d.keyword();
            if (HEADER_KEYWORDS.contains(keyword)) {
                if (d.line() > firstStatementLine) {
                    throw new MigrationFileException(name, d.line(), "'-- sluice:" + keyword
                            + "' must stand in the header, before the first statement; move it to the top of the file");
                }
                switch (keyword) {
                    case "transaction" -> transactionOff = parseTransaction(name, d);
                    case "lock-timeout" -> lockTimeout = Optional.of(parseDuration(name, d));
                    default -> statementTimeout = Optional.of(parseDuration(name, d));
                }
            } else if (keyword.equals(VALIDATE)) {
                if (validateLine > 0) {
                    throw new MigrationFileException(name, d.line(), "a second '-- sluice:validate' line (the first is on line "
                            + validateLine + "); keep one and put every assertion after it");
                }
                validateLine = d.line();
            } else if (!FREE_KEYWORDS.contains(keyword)) {
                throw new MigrationFileException(name, d.line(), "unknown directive '-- sluice:" + keyword
                        + "'; known: transaction, lock-timeout, statement-timeout, validate, ignore, ignore-file");
            }
        }

        List<SqlStatement> statements = new ArrayList<>();
        List<SqlStatement> validations = new ArrayList<>();
        for (SqlStatement s : script.statements()) {
            if (validateLine > 0 && s.line() > validateLine) {
                validations.add(s);
            } else {
                statements.add(s);
            }
        }
        if (validateLine > 0 && validations.isEmpty()) {
            throw new MigrationFileException(name, validateLine,
                    "'-- sluice:validate' is followed by no statement; add an assertion that returns true, or remove the line");
        }
        for (SqlStatement v : validations) {
            if (v.copyData().isPresent()) {
                throw new MigrationFileException(name, v.line(), "a COPY cannot be an assertion; move it above '-- sluice:validate'");
            }
        }

        List<SqlMigrationBody.AutocommitStatement> autocommit = new ArrayList<>();
        for (SqlStatement s : statements) {
            TransactionRequirement.reasonOutsideTransaction(s)
                    .ifPresent(reason -> autocommit.add(new SqlMigrationBody.AutocommitStatement(s, reason)));
        }
        ScriptSettings settings = new ScriptSettings(transactionOff, lockTimeout, statementTimeout);
        SqlMigrationBody body = new SqlMigrationBody(name, script, statements, validations, settings, autocommit);
        if (body.transactional()) {
            for (SqlStatement s : script.statements()) {
                if (TransactionRequirement.isTransactionControl(s)) {
                    throw new MigrationFileException(name, s.line(), "'" + s.summary(40) + "' would end the transaction that Sluice "
                            + "runs this migration in, before its history row is written; remove it, or put "
                            + "'-- sluice:transaction off' in the header to run the file statement by statement");
                }
            }
        }
        return body;
    }

    private static boolean parseTransaction(String name, SluiceDirective d) {
        return switch (d.argument().toLowerCase(java.util.Locale.ROOT)) {
            case "off" -> true;
            case "on" -> false;
            default -> throw new MigrationFileException(name, d.line(),
                    "'-- sluice:transaction' takes 'on' or 'off', not '" + d.argument() + "'");
        };
    }

    /**
     * The duration of a {@code lock-timeout} or {@code statement-timeout} header, as {@code migrate} reads it;
     * the lint calls this too, so both accept and refuse the same files.
     */
    public static Duration parseDuration(String name, SluiceDirective d) {
        try {
            return DurationText.parseTimeout(d.argument());
        } catch (IllegalArgumentException e) {
            throw new MigrationFileException(name, d.line(), "'-- sluice:" + d.keyword() + "': " + e.getMessage());
        }
    }

    private static String stripLocation(SqlParseException e) {
        String prefix = e.sourceName() + ":" + e.line() + ": ";
        String message = e.getMessage();
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
