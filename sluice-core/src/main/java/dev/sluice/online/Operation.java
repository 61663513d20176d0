package dev.sluice.online;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One operation of an online migration, as declared in its YAML file. Each is a small record whose
 * names are those of the file ({@code rename_column: {table: users, from: email, to: email_address}}).
 *
 * <p>Expressions ({@code up}, {@code down}) are SQL expressions over the row: {@code up} sees the
 * columns as the old version names them and gives the new column's value; {@code down} sees them as the
 * new version names them and gives the old column's value.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.WRAPPER_OBJECT)
@JsonSubTypes({
        @JsonSubTypes.Type(value = Operation.RenameColumn.class, name = "rename_column"),
        @JsonSubTypes.Type(value = Operation.ChangeColumnType.class, name = "change_column_type"),
        @JsonSubTypes.Type(value = Operation.SetNotNull.class, name = "set_not_null"),
        @JsonSubTypes.Type(value = Operation.AddColumn.class, name = "add_column"),
        @JsonSubTypes.Type(value = Operation.DropColumn.class, name = "drop_column"),
        @JsonSubTypes.Type(value = Operation.DropNotNull.class, name = "drop_not_null"),
        @JsonSubTypes.Type(value = Operation.RenameTable.class, name = "rename_table"),
        @JsonSubTypes.Type(value = Operation.CreateIndex.class, name = "create_index"),
        @JsonSubTypes.Type(value = Operation.DropIndex.class, name = "drop_index"),
        @JsonSubTypes.Type(value = Operation.AddForeignKey.class, name = "add_foreign_key"),
        @JsonSubTypes.Type(value = Operation.AddCheck.class, name = "add_check"),
        @JsonSubTypes.Type(value = Operation.AddUnique.class, name = "add_unique"),
        @JsonSubTypes.Type(value = Operation.RawSql.class, name = "raw_sql"),
        @JsonSubTypes.Type(value = Operation.SplitColumn.class, name = "split_column"),
        @JsonSubTypes.Type(value = Operation.MergeColumns.class, name = "merge_columns"),
})
public sealed interface Operation {

    /** The YAML keys of the operations, for messages. */
    String KINDS = java.util.Arrays.stream(Operation.class.getAnnotation(JsonSubTypes.class).value())
            .map(JsonSubTypes.Type::name).collect(java.util.stream.Collectors.joining(", "));

    /** The table the operation changes, as written (optionally schema-qualified); null for {@code raw_sql}. */
    String table();

    /** The YAML key that declares this operation. */
    String kind();

    /** The column is renamed: the new version sees it under {@code to}; nothing is copied. */
    record RenameColumn(String table, String from, String to) implements Operation {
        public RenameColumn {
            require("rename_column", "table", table);
            require("rename_column", "from", from);
            require("rename_column", "to", to);
        }

        @Override
        public String kind() {
            return "rename_column";
        }
    }

    /**
     * The column gets another type: a new column of that type is filled with {@code up} and kept in step
     * with the old one (written back with {@code down}) until complete swaps them.
     */
    record ChangeColumnType(String table, String column, String type, String up, String down) implements Operation {
        public ChangeColumnType {
            require("change_column_type", "table", table);
            require("change_column_type", "column", column);
            require("change_column_type", "type", type);
            require("change_column_type", "up", up);
            require("change_column_type", "down", down);
        }

        @Override
        public String kind() {
            return "change_column_type";
        }
    }

    /**
     * The column becomes NOT NULL without a table scan under an exclusive lock: the new version sees a
     * copy guarded by {@code CHECK (... IS NOT NULL) NOT VALID}, filled with {@code up} (which must give
     * a value for rows that hold NULL); complete validates the check, sets NOT NULL (no scan, thanks to
     * the check) and drops it. Old clients may still write NULL; {@code up} turns it into a value.
     */
    record SetNotNull(String table, String column, String up, String down) implements Operation {
        public SetNotNull {
            require("set_not_null", "table", table);
            require("set_not_null", "column", column);
            require("set_not_null", "up", up);
            down = down == null || down.isBlank() ? null : down;
        }

        @Override
        public String kind() {
            return "set_not_null";
        }
    }

    /**
     * A new column, hidden from the old version. {@code default} is a constant default (no rewrite);
     * {@code up} computes the value of existing rows and of rows old clients write; {@code not_null}
     * makes it NOT NULL at complete, through a validated check.
     */
    record AddColumn(String table, String column, String type,
                     @com.fasterxml.jackson.annotation.JsonProperty("default") String defaultValue,
                     String up, @com.fasterxml.jackson.annotation.JsonProperty("not_null") boolean notNull) implements Operation {
        public AddColumn {
            require("add_column", "table", table);
            require("add_column", "column", column);
            require("add_column", "type", type);
            if (notNull && (defaultValue == null || defaultValue.isBlank()) && (up == null || up.isBlank())) {
                throw new IllegalArgumentException("add_column: a not_null column needs a default or an up expression"
                        + " for the rows that exist and the rows old clients write");
            }
        }

        @Override
        public String kind() {
            return "add_column";
        }
    }

    /**
     * The column disappears from the new version at start and from the table at complete. {@code down}
     * gives the old column's value for rows the new version inserts (needed when it is NOT NULL without
     * a default).
     */
    record DropColumn(String table, String column, String down) implements Operation {
        public DropColumn {
            require("drop_column", "table", table);
            require("drop_column", "column", column);
        }

        @Override
        public String kind() {
            return "drop_column";
        }
    }

    /**
     * The column may hold NULL in the new version while the old version still sees it NOT NULL: the new
     * version sees a nullable copy, filled with {@code up} (default: the value itself); {@code down} gives
     * the old column's value for rows the new version writes, and must give a value where the new version
     * writes NULL. Complete swaps the copy in.
     */
    record DropNotNull(String table, String column, String up, String down) implements Operation {
        public DropNotNull {
            require("drop_not_null", "table", table);
            require("drop_not_null", "column", column);
            require("drop_not_null", "down", down);
            up = up == null || up.isBlank() ? null : up;
        }

        @Override
        public String kind() {
            return "drop_not_null";
        }
    }

    /**
     * The table is renamed: the new version's view of it has the new name; both versions write the same
     * table, so nothing is copied. Complete renames the table itself.
     */
    record RenameTable(String from, String to) implements Operation {
        public RenameTable {
            require("rename_table", "from", from);
            require("rename_table", "to", to);
            if (to.contains(".")) {
                throw new IllegalArgumentException("rename_table: 'to' is a name without schema; the table stays in its schema");
            }
        }

        @Override
        public String table() {
            return from;
        }

        @Override
        public String kind() {
            return "rename_table";
        }
    }

    /**
     * An index built concurrently after the start transaction (reads and writes go on); rollback drops it
     * concurrently. {@code columns} are index elements as SQL ({@code email}, {@code lower(email)}) over the
     * table's columns as they are at start; {@code method} ({@code btree} by default) and {@code where} (a
     * partial index's predicate) are optional.
     */
    record CreateIndex(String table, String name, java.util.List<String> columns, boolean unique, String method,
                       String where) implements Operation {
        public CreateIndex {
            require("create_index", "table", table);
            require("create_index", "name", name);
            if (columns == null || columns.isEmpty() || columns.stream().anyMatch(c -> c == null || c.isBlank())) {
                throw new IllegalArgumentException("create_index: 'columns' is required: a list of columns or expressions");
            }
            columns = java.util.List.copyOf(columns);
        }

        @Override
        public String kind() {
            return "create_index";
        }
    }

    /**
     * An index dropped concurrently at complete, so that old clients keep its speed while the change is in
     * progress. Refused for an index that backs a constraint (drop the constraint instead).
     */
    record DropIndex(String table, String name) implements Operation {
        public DropIndex {
            require("drop_index", "table", table);
            require("drop_index", "name", name);
        }

        @Override
        public String kind() {
            return "drop_index";
        }
    }

    /**
     * A foreign key added {@code NOT VALID} in the start transaction (new writes of both versions are
     * checked at once) and validated at complete, without blocking writes.
     *
     * @param onDelete optional: {@code cascade}, {@code set null}, {@code restrict}, ...
     */
    record AddForeignKey(String table, String name, java.util.List<String> columns, Reference references,
                         @com.fasterxml.jackson.annotation.JsonProperty("on_delete") String onDelete) implements Operation {
        public AddForeignKey {
            require("add_foreign_key", "table", table);
            require("add_foreign_key", "name", name);
            columns = requireColumns("add_foreign_key", "columns", columns);
            if (references == null) {
                throw new IllegalArgumentException("add_foreign_key: 'references' is required, e.g. {table: users, columns: [id]}");
            }
            if (references.columns().size() != columns.size()) {
                throw new IllegalArgumentException("add_foreign_key: 'columns' and 'references.columns' must be as many");
            }
        }

        @Override
        public String kind() {
            return "add_foreign_key";
        }
    }

    /** The referenced side of a foreign key: a table (without schema: the referencing table's) and its columns. */
    record Reference(String table, java.util.List<String> columns) {
        public Reference {
            require("add_foreign_key", "references.table", table);
            columns = requireColumns("add_foreign_key", "references.columns", columns);
        }
    }

    /**
     * A check constraint added {@code NOT VALID} in the start transaction (new writes of both versions are
     * checked at once) and validated at complete, without blocking writes.
     */
    record AddCheck(String table, String name, String check) implements Operation {
        public AddCheck {
            require("add_check", "table", table);
            require("add_check", "name", name);
            require("add_check", "check", check);
        }

        @Override
        public String kind() {
            return "add_check";
        }
    }

    /**
     * A unique constraint without a long exclusive lock: its unique index is built concurrently after the
     * start transaction (and enforced from then on), and complete makes it the constraint with
     * {@code ADD CONSTRAINT ... UNIQUE USING INDEX}, a catalog-only change.
     */
    record AddUnique(String table, String name, java.util.List<String> columns) implements Operation {
        public AddUnique {
            require("add_unique", "table", table);
            require("add_unique", "name", name);
            columns = requireColumns("add_unique", "columns", columns);
        }

        @Override
        public String kind() {
            return "add_unique";
        }
    }

    /**
     * SQL of the team's own with its own undo: {@code up} runs in the start transaction, {@code down} in the
     * rollback transaction, {@code on_complete} (optional) in the contract transaction. No view or trigger
     * is made for it: both versions see what {@code up} did. Each must be able to run in a transaction
     * (use create_index / drop_index for concurrent builds); see {@link dev.sluice.sql.TransactionRequirement}.
     */
    record RawSql(String up, String down,
                  @com.fasterxml.jackson.annotation.JsonProperty("on_complete")
                  @com.fasterxml.jackson.annotation.JsonAlias("onComplete") String onComplete) implements Operation {
        public RawSql {
            require("raw_sql", "up", up);
            require("raw_sql", "down", down);
            onComplete = onComplete == null || onComplete.isBlank() ? null : onComplete;
            statements("raw_sql", "up", up);
            statements("raw_sql", "down", down);
            if (onComplete != null) {
                statements("raw_sql", "on_complete", onComplete);
            }
        }

        @Override
        public String table() {
            return null;
        }

        @Override
        public String kind() {
            return "raw_sql";
        }
    }

    /**
     * One column becomes several: the new version sees the {@code into} columns (each computed by its
     * {@code up} from the old version's columns) instead of {@code column}; {@code down} computes the old
     * column from the new version's columns for rows the new version writes. Complete drops the old column.
     */
    record SplitColumn(String table, String column, java.util.List<NewColumn> into, String down) implements Operation {
        public SplitColumn {
            require("split_column", "table", table);
            require("split_column", "column", column);
            require("split_column", "down", down);
            if (into == null || into.size() < 2) {
                throw new IllegalArgumentException("split_column: 'into' is required: a list of at least two {name, type, up}");
            }
            into = java.util.List.copyOf(into);
        }

        @Override
        public String kind() {
            return "split_column";
        }
    }

    /** A column a split makes: its name, type and the {@code up} expression that computes it. */
    record NewColumn(String name, String type, String up) {
        public NewColumn {
            require("split_column", "into.name", name);
            require("split_column", "into.type", type);
            require("split_column", "into.up", up);
        }
    }

    /**
     * Several columns become one: the new version sees {@code column} (computed by {@code up} from the old
     * version's columns) instead of {@code columns}; {@code down} gives, per old column, its value computed
     * from the new version's columns for rows the new version writes. Complete drops the old columns.
     */
    record MergeColumns(String table, java.util.List<String> columns, String column, String type, String up,
                        java.util.Map<String, String> down) implements Operation {
        public MergeColumns {
            require("merge_columns", "table", table);
            columns = requireColumns("merge_columns", "columns", columns);
            require("merge_columns", "column", column);
            require("merge_columns", "type", type);
            require("merge_columns", "up", up);
            if (columns.size() < 2) {
                throw new IllegalArgumentException("merge_columns: 'columns' needs at least two columns");
            }
            if (down == null || !down.keySet().equals(new java.util.HashSet<>(columns))) {
                throw new IllegalArgumentException("merge_columns: 'down' needs an expression for each of " + columns
                        + ", e.g. {" + columns.get(0) + ": \"split_part(" + column + ", ' ', 1)\", ...}");
            }
            down = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(down));
        }

        @Override
        public String kind() {
            return "merge_columns";
        }
    }

    /**
     * The statements of an SQL text, read by the statement model; refused when one cannot run in the
     * phase's transaction or ends it.
     */
    static java.util.List<String> statements(String operation, String key, String sql) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (dev.sluice.sql.SqlStatement s : dev.sluice.sql.internal.StatementSplitter.split(sql, operation + "." + key).statements()) {
            java.util.Optional<String> outside = dev.sluice.sql.TransactionRequirement.reasonOutsideTransaction(s);
            if (outside.isPresent()) {
                throw new IllegalArgumentException(operation + ": '" + key + "' line " + s.line() + ": " + outside.get()
                        + ", and each phase of an online change runs in one; use create_index or drop_index for a concurrent index");
            }
            if (dev.sluice.sql.TransactionRequirement.isTransactionControl(s)) {
                throw new IllegalArgumentException(operation + ": '" + key + "' line " + s.line()
                        + ": transaction control would end the phase's transaction; remove it");
            }
            out.add(s.sql());
        }
        return java.util.List.copyOf(out);
    }

    private static java.util.List<String> requireColumns(String operation, String key, java.util.List<String> columns) {
        if (columns == null || columns.isEmpty() || columns.stream().anyMatch(c -> c == null || c.isBlank())) {
            throw new IllegalArgumentException(operation + ": '" + key + "' is required: a list of column names");
        }
        return java.util.List.copyOf(columns);
    }

    private static void require(String operation, String key, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(operation + ": '" + key + "' is required");
        }
    }
}
