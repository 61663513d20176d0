package dev.sluice.lint;

import dev.sluice.sql.PgStatement;
import dev.sluice.sql.QualifiedName;
import dev.sluice.sql.SluiceDirective;
import dev.sluice.sql.SqlScript;
import dev.sluice.sql.StatementKind;
import dev.sluice.sql.TransactionRequirement;
import dev.sluice.sql.TypeName;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a rule knows about the file it looks at: its statements, how Sluice will run it (one
 * transaction or statement by statement), the project's settings, and the schema the earlier
 * migrations built. Tables created earlier in the same file are new: nobody can be using them yet, so
 * locking them is harmless.
 */
public final class LintContext {

    private final String file;
    private final MigrationRole role;
    private final SqlScript script;
    private final List<PgStatement> statements;
    private final LintSettings settings;
    private final KnownSchema schema;
    private final List<Suppression> suppressions;
    private final Map<String, Integer> createdInFile = new HashMap<>();
    private final java.util.Set<String> createdInRun;
    private final boolean transactionOff;
    private final boolean autocommitStatements;
    private final boolean lockTimeoutOff;
    private boolean[] insideBegin;
    private int[] transactionOf;

    LintContext(String file, MigrationRole role, SqlScript script, List<PgStatement> statements,
                LintSettings settings, KnownSchema schema, List<Suppression> suppressions) {
        this(file, role, script, statements, settings, schema, suppressions, java.util.Set.of());
    }

    LintContext(String file, MigrationRole role, SqlScript script, List<PgStatement> statements,
                LintSettings settings, KnownSchema schema, List<Suppression> suppressions, java.util.Set<String> createdInRun) {
        this.createdInRun = createdInRun;
        this.file = file;
        this.role = role;
        this.script = script;
        this.statements = statements;
        this.settings = settings;
        this.schema = schema;
        this.suppressions = suppressions;
        boolean off = false;
        boolean lockOff = false;
        for (SluiceDirective d : script.directives()) {
            String arg = d.argument().toLowerCase(Locale.ROOT).strip();
            if (d.keyword().equals("transaction") && arg.equals("off")) {
                off = true;
            }
            if (d.keyword().equals("lock-timeout")) {
                try {
                    lockOff = dev.sluice.migration.DurationText.parse(arg).isZero();
                } catch (IllegalArgumentException e) {
                    // The linter reports the directive itself as an error.
                }
            }
        }
        this.transactionOff = off;
        this.lockTimeoutOff = lockOff;
        this.autocommitStatements = script.statements().stream()
                .anyMatch(s -> TransactionRequirement.reasonOutsideTransaction(s).isPresent());
        numberTransactions();
    }

    public String file() {
        return file;
    }

    public MigrationRole role() {
        return role;
    }

    public SqlScript script() {
        return script;
    }

    public List<PgStatement> statements() {
        return statements;
    }

    public LintSettings settings() {
        return settings;
    }

    public int pgVersion() {
        return settings.pgVersion();
    }

    /** The schema as the earlier migrations and this file's earlier statements left it. */
    public KnownSchema schema() {
        return schema;
    }

    public List<Suppression> suppressions() {
        return suppressions;
    }

    /** Whether Sluice runs the whole file in one transaction (no {@code transaction off}, no autocommit-only statement). */
    public boolean transactional() {
        return !transactionOff && !autocommitStatements;
    }

    /** {@code -- sluice:lock-timeout off} (or 0): statements may wait for their locks forever. */
    public boolean lockTimeoutOff() {
        return lockTimeoutOff;
    }

    /**
     * Whether the statement at {@code index} runs inside a transaction: the file's own, or one the file
     * opens with {@code BEGIN} when it runs in autocommit.
     */
    public boolean inTransaction(int index) {
        return transactional() || explicitTransactionAt(index);
    }

    /** Whether a {@code BEGIN} written in the file is open at {@code index}. */
    public boolean explicitTransactionAt(int index) {
        return index >= 0 && index < insideBegin.length && insideBegin[index];
    }

    /** Whether the two statements run in the same transaction. */
    public boolean sameTransaction(int first, int second) {
        if (transactional()) {
            return true;
        }
        return first >= 0 && second < transactionOf.length && transactionOf[first] == transactionOf[second]
                && insideBegin[first] && insideBegin[second];
    }

    /**
     * Numbers the transactions of an autocommit file once, so the questions above cost nothing per
     * statement: each statement between a BEGIN and its COMMIT shares the BEGIN's number.
     */
    private void numberTransactions() {
        int n = statements.size();
        insideBegin = new boolean[n];
        transactionOf = new int[n];
        boolean open = false;
        int current = 0;
        for (int i = 0; i < n; i++) {
            StatementKind k = statements.get(i).kind();
            if (k == StatementKind.BEGIN) {
                current++;
                transactionOf[i] = current;
                open = true;
                continue;
            }
            insideBegin[i] = open;
            transactionOf[i] = open ? current : -1 - i;
            if (k == StatementKind.COMMIT || k == StatementKind.ROLLBACK) {
                open = false;
            }
        }
    }

    /**
     * Whether {@code table} was created by this file before the statement at {@code index}, or, in the
     * migrate gate, by an earlier migration of the same run.
     */
    public boolean isNew(QualifiedName table, int index) {
        if (createdInRun.contains(table.key())) {
            return true;
        }
        Integer at = createdInFile.get(table.key());
        return at != null && at < index;
    }

    /** The opposite of {@link #isNew}: a table that may hold rows and serve traffic. */
    public boolean isExisting(QualifiedName table, int index) {
        return !isNew(table, index);
    }

    public Optional<TypeName> columnType(QualifiedName table, String column) {
        return schema.columnType(table, column);
    }

    void created(QualifiedName table, int index) {
        createdInFile.putIfAbsent(table.key(), index);
    }

    /** The keys of the tables this file created. */
    java.util.Set<String> createdTables() {
        return createdInFile.keySet();
    }
}
