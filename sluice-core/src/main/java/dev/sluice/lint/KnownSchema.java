package dev.sluice.lint;

import dev.sluice.sql.AlterTableAction;
import dev.sluice.sql.ColumnDefinition;
import dev.sluice.sql.ConstraintDefinition;
import dev.sluice.sql.PgStatement;
import dev.sluice.sql.QualifiedName;
import dev.sluice.sql.TypeName;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the migrations read so far have built: tables, their column types, and the {@code IS NOT NULL}
 * checks that are validated. Built from the files alone, never from a database, so it knows only what
 * the migrations say; a table it has never seen is taken as existing and in use, the cautious reading.
 */
public final class KnownSchema {

    private final Map<String, Map<String, TypeName>> tables;
    private final Set<String> validatedNotNull;
    private final Map<String, String> notValidChecks;
    private final Set<String> partitioned;

    public KnownSchema() {
        this(new HashMap<>(), new HashSet<>(), new HashMap<>(), new HashSet<>());
    }

    private KnownSchema(Map<String, Map<String, TypeName>> tables, Set<String> validatedNotNull,
                        Map<String, String> notValidChecks, Set<String> partitioned) {
        this.tables = tables;
        this.validatedNotNull = validatedNotNull;
        this.notValidChecks = notValidChecks;
        this.partitioned = partitioned;
    }

    /** A deep copy, for linting a down file without letting it change what later files see. */
    public KnownSchema copy() {
        Map<String, Map<String, TypeName>> t = new HashMap<>();
        tables.forEach((k, v) -> t.put(k, new LinkedHashMap<>(v)));
        return new KnownSchema(t, new HashSet<>(validatedNotNull), new HashMap<>(notValidChecks), new HashSet<>(partitioned));
    }

    public boolean hasTable(QualifiedName table) {
        return tables.containsKey(table.key());
    }

    public Optional<TypeName> columnType(QualifiedName table, String column) {
        Map<String, TypeName> cols = tables.get(table.key());
        return cols == null ? Optional.empty() : Optional.ofNullable(cols.get(column));
    }

    /** Whether the table is a partitioned parent ({@code PARTITION BY}), which has no concurrent index build. */
    public boolean isPartitioned(QualifiedName table) {
        return partitioned.contains(table.key());
    }

    /** Whether a validated {@code CHECK (column IS NOT NULL)} is known on the column. */
    public boolean hasValidatedNotNullCheck(QualifiedName table, String column) {
        return validatedNotNull.contains(table.key() + "|" + column);
    }

    /** Records what {@code statement} changes. */
    public void apply(PgStatement statement) {
        if (statement instanceof PgStatement.CreateTable ct) {
            if (ct.ifNotExists() && tables.containsKey(ct.name().key())) {
                return;
            }
            Map<String, TypeName> cols = new LinkedHashMap<>();
            for (ColumnDefinition c : ct.columns()) {
                cols.put(c.name(), c.type());
            }
            tables.put(ct.name().key(), cols);
            if (ct.partitioned()) {
                partitioned.add(ct.name().key());
            }
            for (ConstraintDefinition d : ct.constraints()) {
                d.notNullCheckColumn().ifPresent(col -> validatedNotNull.add(ct.name().key() + "|" + col));
            }
        } else if (statement instanceof PgStatement.Drop d && d.objectType().equals("TABLE")) {
            d.names().forEach(n -> {
                tables.remove(n.key());
                partitioned.remove(n.key());
            });
        } else if (statement instanceof PgStatement.AlterTable at) {
            alter(at);
        }
    }

    private void alter(PgStatement.AlterTable at) {
        String key = at.name().key();
        Map<String, TypeName> cols = tables.computeIfAbsent(key, k -> new LinkedHashMap<>());
        for (AlterTableAction a : at.actions()) {
            switch (a.type()) {
                case ADD_COLUMN -> a.newColumn().ifPresent(c -> cols.put(c.name(), c.type()));
                case DROP_COLUMN -> a.column().ifPresent(cols::remove);
                case ALTER_COLUMN_TYPE -> cols.put(a.column().orElseThrow(), a.newType().orElseThrow());
                case RENAME_COLUMN -> {
                    TypeName t = cols.remove(a.column().orElseThrow());
                    if (t != null) {
                        cols.put(a.name().orElseThrow(), t);
                    }
                }
                case RENAME_TABLE -> {
                    tables.remove(key);
                    tables.put(QualifiedName.of(a.name().orElseThrow()).key(), cols);
                }
                case ADD_CONSTRAINT -> {
                    ConstraintDefinition d = a.constraint().orElseThrow();
                    d.notNullCheckColumn().ifPresent(col -> {
                        if (d.notValid()) {
                            d.name().ifPresent(n -> notValidChecks.put(key + "|" + n, col));
                        } else {
                            validatedNotNull.add(key + "|" + col);
                        }
                    });
                }
                case VALIDATE_CONSTRAINT -> {
                    String col = notValidChecks.remove(key + "|" + a.name().orElse(""));
                    if (col != null) {
                        validatedNotNull.add(key + "|" + col);
                    }
                }
                default -> {
                }
            }
        }
    }
}
