package dev.sluice;

import dev.sluice.db.ConnectionFactory;
import dev.sluice.execution.ExecutionSettings;
import dev.sluice.lint.LintSettings;
import dev.sluice.migration.MigrationSource;
import dev.sluice.migration.Placeholders;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything a {@link Sluice} needs, immutable and checked when built, so a bad setting fails at
 * start-up with its name rather than halfway through a run.
 *
 * @param connections  where the target database is
 * @param schema       the schema that holds the history table
 * @param historyTable the history table's name
 * @param sources      where the migrations come from, in order
 * @param strictNames  a {@code .sql} file whose name matches no migration form is an error, not a warning
 * @param execution    timeouts and run settings
 * @param lint         the lint that {@code migrate} and {@code rollback} run before the first statement
 * @param placeholders {@code ${name}} values replaced in SQL migrations before they are parsed
 * @param rewriteCopy  batch size and pause of the copy when {@code migrate} runs a {@code -- sluice:rewrite}
 *                     file (config keys {@code rewrite.batch-size}, {@code rewrite.batch-pause}); its lock
 *                     timeout is replaced by {@code execution}'s
 */
public record SluiceOptions(ConnectionFactory connections, String schema, String historyTable,
                            List<MigrationSource> sources, boolean strictNames, ExecutionSettings execution,
                            LintSettings lint, Placeholders placeholders,
                            dev.sluice.online.BackfillSettings rewriteCopy) {

    public static final String DEFAULT_SCHEMA = "public";
    public static final String DEFAULT_HISTORY_TABLE = "sluice_history";

    public SluiceOptions {
        Objects.requireNonNull(connections, "connections");
        Objects.requireNonNull(execution, "execution");
        Objects.requireNonNull(lint, "lint");
        Objects.requireNonNull(placeholders, "placeholders");
        Objects.requireNonNull(rewriteCopy, "rewriteCopy");
        requireIdentifier("schema", schema);
        requireIdentifier("historyTable", historyTable);
        sources = List.copyOf(sources);
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no migration source: add a folder (locations) or Java migrations");
        }
    }

    /**
     * Options with Flyway's default placeholder handling (replacement on, no configured values) and the
     * rewrite's default copy settings ({@link dev.sluice.rewrite.RewriteDefaults#copy()}).
     */
    public SluiceOptions(ConnectionFactory connections, String schema, String historyTable, List<MigrationSource> sources,
                         boolean strictNames, ExecutionSettings execution, LintSettings lint) {
        this(connections, schema, historyTable, sources, strictNames, execution, lint, Placeholders.defaults(),
                dev.sluice.rewrite.RewriteDefaults.copy());
    }

    private static void requireIdentifier(String option, String value) {
        if (value == null || value.isBlank() || value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 63) {
            throw new IllegalArgumentException("option '" + option + "' must be a name of 1 to 63 bytes, not '" + value + "'");
        }
    }

    /**
     * The same project against another database, with the lint gate and history fingerprints off: for
     * replaying migrations on a scratch database (drift rebuild, rehearsal), where the target's lint
     * verdicts were already given and nobody reads the scratch history.
     */
    public SluiceOptions onScratch(ConnectionFactory scratch) {
        return new SluiceOptions(scratch, schema, historyTable, sources, strictNames, execution.withFingerprints(false),
                lint.withBeforeMigrate(false), placeholders, rewriteCopy);
    }

    public static Builder builder(ConnectionFactory connections) {
        return new Builder(connections);
    }

    /** Builds {@link SluiceOptions}; unset values take the documented defaults. */
    public static final class Builder {
        private final ConnectionFactory connections;
        private String schema = DEFAULT_SCHEMA;
        private String historyTable = DEFAULT_HISTORY_TABLE;
        private final List<MigrationSource> sources = new ArrayList<>();
        private boolean strictNames;
        private ExecutionSettings execution = ExecutionSettings.defaults();
        private LintSettings lint = LintSettings.defaults();
        private Placeholders placeholders = Placeholders.defaults();
        private dev.sluice.online.BackfillSettings rewriteCopy = dev.sluice.rewrite.RewriteDefaults.copy();

        private Builder(ConnectionFactory connections) {
            this.connections = connections;
        }

        /**
         * The settings of {@code config} that shape the options: {@code schema}, {@code table}, {@code strict},
         * the execution keys and the lint keys. Sources are not among them: a shell adds
         * {@code config.locations(...)}'s sources itself, since only it knows the project folder and class loader.
         */
        public Builder settings(dev.sluice.config.SluiceConfig config) {
            this.schema = config.get("schema").orElse(DEFAULT_SCHEMA);
            this.historyTable = config.get("table").orElse(DEFAULT_HISTORY_TABLE);
            this.strictNames = config.getBoolean("strict").orElse(false);
            this.execution = config.execution();
            this.lint = config.lint();
            return this;
        }

        public Builder schema(String schema) {
            this.schema = schema;
            return this;
        }

        public Builder historyTable(String table) {
            this.historyTable = table;
            return this;
        }

        public Builder source(MigrationSource source) {
            this.sources.add(source);
            return this;
        }

        public Builder strictNames(boolean strict) {
            this.strictNames = strict;
            return this;
        }

        public Builder execution(ExecutionSettings settings) {
            this.execution = settings;
            return this;
        }

        /** The lint run before migrating; {@link LintSettings#withBeforeMigrate(boolean)} false skips it. */
        public Builder lint(LintSettings settings) {
            this.lint = settings;
            return this;
        }

        /** The {@code ${name}} values of SQL migrations, and whether to replace them at all. */
        public Builder placeholders(Placeholders placeholders) {
            this.placeholders = placeholders;
            return this;
        }

        /** The copy of a rewrite that {@code migrate} runs from a {@code -- sluice:rewrite} file. */
        public Builder rewriteCopy(dev.sluice.online.BackfillSettings settings) {
            this.rewriteCopy = settings;
            return this;
        }

        public SluiceOptions build() {
            return new SluiceOptions(connections, schema, historyTable, sources, strictNames, execution, lint, placeholders, rewriteCopy);
        }
    }
}
