package dev.sluice.sql;

import java.util.List;

/** Renders {@code docs/alter-table.md} from {@code alter-table.tsv}. */
final class AlterTableDocs {

    private AlterTableDocs() {
    }

    static String render(List<AlterTableCoverage.Row> rows) {
        StringBuilder md = new StringBuilder();
        md.append("# ALTER TABLE: lock, rewrite and scan of every sub-command\n\n");
        md.append("<!-- Generated from sluice-core/src/main/resources/dev/sluice/sql/alter-table.tsv by AlterTableCoverageTest\n");
        md.append("     (-Dsluice.writeDocs=true); edit the data, not this page. -->\n\n");
        md.append("Every `ALTER TABLE` sub-command of PostgreSQL 14 to 18, with the lock it takes on the altered table,\n");
        md.append("whether it rewrites the table (every row written anew, or its files copied), whether it reads every\n");
        md.append("row (a rewrite or an index build does too), and the lint rule that reports it on an existing table.\n");
        md.append("`-` means there is nothing to report beyond a brief lock, which Sluice's `lock_timeout` and retries\n");
        md.append("keep from queueing traffic. The lint rules read this same data, and the tests run every example\n");
        md.append("marked as verified on real servers of each major they have, comparing the lock in `pg_locks`, the\n");
        md.append("table's `relfilenode` (a rewrite) and the transaction's scan counters with the row.\n\n");
        md.append("A verdict is the form's in general; a few depend on the table, and their rules look before they\n");
        md.append("speak: a type change is free when binary-coercible, SET NOT NULL when a validated\n");
        md.append("`CHECK (col IS NOT NULL)` proves it, and a table created earlier in the same file is never flagged.\n");
        md.append("`ALTER TABLE ALL IN TABLESPACE ... SET TABLESPACE` moves many tables and is judged as SET TABLESPACE of each.\n\n");
        md.append("| form | majors | lock | rewrite | scan | rule | example | note |\n");
        md.append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (AlterTableCoverage.Row r : rows) {
            String rule = r.rules().isEmpty() ? "-" : String.join(", ", r.rules().stream()
                    .map(id -> "[`" + id + "`](rules/" + id + ".md)").toList());
            String note = r.note() + (r.verify().equals("yes") ? "" : (r.note().isEmpty() ? "" : "; ") + "not run in tests: " + r.verify());
            md.append("| ").append(r.form()).append(" | ").append(r.majors()).append(" | ").append(r.lock()).append(" | ")
                    .append(r.rewrite()).append(" | ").append(r.scan()).append(" | ").append(rule).append(" | `")
                    .append(r.example()).append("` | ").append(note.replace("|", "\\|")).append(" |\n");
        }
        return md.toString();
    }
}
