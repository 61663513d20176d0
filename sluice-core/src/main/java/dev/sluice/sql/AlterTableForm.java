package dev.sluice.sql;

import dev.sluice.sql.TokenKind;
import dev.sluice.sql.Token;
import dev.sluice.sql.internal.SqlLexer;
import java.util.ArrayList;
import java.util.List;

/**
 * Which ALTER TABLE sub-command an action is, at the grain of {@code alter-table.tsv}: one form per
 * distinct lock, rewrite or scan verdict (an {@code ADD COLUMN} with a volatile default is another form
 * than one with a constant). {@link AlterTableCoverage} holds each form's verdict per major.
 */
public final class AlterTableForm {

    private AlterTableForm() {
    }

    /** The form's id, a row of {@code alter-table.tsv}; {@code unknown} for a sub-command this model does not know. */
    public static String of(AlterTableAction a) {
        List<String> w = words(a.text());
        switch (a.type()) {
            case ADD_COLUMN:
                return addColumn(a.newColumn().orElseThrow(), w);
            case ADD_CONSTRAINT:
                return addConstraint(a.constraint().orElseThrow());
            case DROP_COLUMN:
                return "drop-column";
            case DROP_CONSTRAINT:
                return "drop-constraint";
            case ALTER_COLUMN_TYPE:
                return "alter-column-type";
            case SET_NOT_NULL:
                return "alter-column-set-not-null";
            case DROP_NOT_NULL:
                return "alter-column-drop-not-null";
            case SET_DEFAULT:
                return "alter-column-set-default";
            case DROP_DEFAULT:
                return "alter-column-drop-default";
            case ADD_IDENTITY:
                return "alter-column-add-identity";
            case VALIDATE_CONSTRAINT:
                return "validate-constraint";
            case RENAME_COLUMN:
                return "rename-column";
            case RENAME_TABLE:
                return "rename-table";
            case RENAME_CONSTRAINT:
                return "rename-constraint";
            case SET_SCHEMA:
                return "set-schema";
            case SET_TABLESPACE:
                return "set-tablespace";
            case SET_LOGGED:
                return at(w, 1, "UNLOGGED") ? "set-unlogged" : "set-logged";
            case ATTACH_PARTITION:
                return "attach-partition";
            case DETACH_PARTITION:
                return w.contains("FINALIZE") ? "detach-partition-finalize"
                        : a.concurrently() ? "detach-partition-concurrently" : "detach-partition";
            default:
                return other(w);
        }
    }

    private static String addColumn(ColumnDefinition c, List<String> w) {
        if (c.type().isSerial()) {
            return c.primaryKey() ? "add-column-primary-key" : "add-column-serial";
        }
        if (c.identity()) {
            return c.primaryKey() ? "add-column-primary-key" : "add-column-identity";
        }
        if (c.generatedStored()) {
            return "add-column-generated-stored";
        }
        if (w.contains("GENERATED")) {
            return "add-column-generated-virtual";
        }
        if (c.primaryKey()) {
            return "add-column-primary-key";
        }
        if (c.unique()) {
            return "add-column-unique";
        }
        if (c.references()) {
            return c.defaultValue().isPresent() ? "add-column-references-default" : "add-column-references";
        }
        if (c.check()) {
            return "add-column-check";
        }
        if (c.hasVolatileDefault()) {
            return "add-column-default-volatile";
        }
        if (c.notNull()) {
            return c.defaultValue().isPresent() ? "add-column-not-null-default" : "add-column-not-null";
        }
        return c.defaultValue().isPresent() ? "add-column-default" : "add-column";
    }

    private static String addConstraint(ConstraintDefinition c) {
        if (c.usingIndex()) {
            return "add-constraint-using-index";
        }
        return switch (c.type()) {
            case CHECK -> c.notValid() ? "add-constraint-check-not-valid" : "add-constraint-check";
            case FOREIGN_KEY -> c.notValid() ? "add-constraint-foreign-key-not-valid" : "add-constraint-foreign-key";
            case UNIQUE -> "add-constraint-unique";
            case PRIMARY_KEY -> "add-constraint-primary-key";
            case EXCLUDE -> "add-constraint-exclude";
            case NOT_NULL -> c.notValid() ? "add-constraint-not-null-not-valid" : "add-constraint-not-null";
        };
    }

    /** The sub-commands the parser leaves as {@link AlterTableAction.Type#OTHER}, told apart by their words. */
    private static String other(List<String> w) {
        String first = w.isEmpty() ? "" : w.get(0);
        switch (first) {
            case "ALTER":
                if (at(w, 1, "CONSTRAINT")) {
                    return "alter-constraint";
                }
                return alterColumn(w.subList(at(w, 1, "COLUMN") ? 3 : 2, w.size()));
            case "ENABLE":
            case "DISABLE":
                if (w.contains("TRIGGER")) {
                    return first.equals("DISABLE") ? "disable-trigger"
                            : at(w, 1, "REPLICA") ? "enable-replica-trigger" : at(w, 1, "ALWAYS") ? "enable-always-trigger"
                            : "enable-trigger";
                }
                if (w.contains("RULE")) {
                    return first.equals("DISABLE") ? "disable-rule" : "enable-rule";
                }
                if (w.contains("SECURITY")) {
                    return first.equals("DISABLE") ? "disable-row-level-security" : "enable-row-level-security";
                }
                return "unknown";
            case "FORCE":
                return "force-row-level-security";
            case "NO":
                return at(w, 1, "FORCE") ? "force-row-level-security" : at(w, 1, "INHERIT") ? "no-inherit" : "unknown";
            case "CLUSTER":
                return "cluster-on";
            case "SET":
                if (at(w, 1, "WITHOUT")) {
                    return at(w, 2, "CLUSTER") ? "set-without-cluster" : "set-without-oids";
                }
                if (at(w, 1, "ACCESS")) {
                    return "set-access-method";
                }
                return at(w, 1, "(") ? "set-storage-parameter" : "unknown";
            case "RESET":
                return "reset-storage-parameter";
            case "INHERIT":
                return "inherit";
            case "OF":
                return "of-type";
            case "NOT":
                return at(w, 1, "OF") ? "not-of" : "unknown";
            case "OWNER":
                return "owner-to";
            case "REPLICA":
                return "replica-identity";
            default:
                return "unknown";
        }
    }

    /** The words after {@code ALTER [COLUMN] name}. */
    private static String alterColumn(List<String> w) {
        String first = w.isEmpty() ? "" : w.get(0);
        return switch (first) {
            case "SET" -> switch (at(w, 1, "") ? "" : w.get(1)) {
                case "EXPRESSION" -> "alter-column-set-expression";
                case "GENERATED" -> "alter-column-set-generated";
                case "STATISTICS" -> "alter-column-set-statistics";
                case "STORAGE" -> "alter-column-set-storage";
                case "COMPRESSION" -> "alter-column-set-compression";
                case "(" -> "alter-column-set-attribute-option";
                default -> "alter-column-set-sequence-option";
            };
            case "RESET" -> "alter-column-reset-attribute-option";
            case "RESTART" -> "alter-column-set-sequence-option";
            case "DROP" -> at(w, 1, "EXPRESSION") ? "alter-column-drop-expression"
                    : at(w, 1, "IDENTITY") ? "alter-column-drop-identity" : "unknown";
            default -> "unknown";
        };
    }

    private static boolean at(List<String> w, int i, String word) {
        return word.isEmpty() ? i >= w.size() : i < w.size() && w.get(i).equals(word);
    }

    /** The action's words upper-cased and its punctuation, comments left out. */
    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (Token t : SqlLexer.significantTokens(text)) {
            out.add(t.kind() == TokenKind.WORD ? t.upper() : t.text());
        }
        return out;
    }
}
