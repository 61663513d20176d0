package dev.sluice.bench;

import dev.sluice.postgres.internal.PostgresCluster;
import dev.sluice.schema.internal.SchemaReader;
import dev.sluice.schema.SchemaSnapshot;
import dev.sluice.schema.SnapshotOptions;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * How long a snapshot of a large schema takes and how much memory it needs: 10,000 tables (by default)
 * of 20 columns, 2 indexes and 1 foreign key each, on a throwaway cluster. Not a test; it fails nothing.
 * Run it with {@code bench/schema/run.sh [tables]}.
 */
public final class SchemaSnapshotBench {

    private static final int BATCH = 100;
    private static final List<String> QUERY_FILES = List.of("schemas.sql", "extensions.sql", "types.sql", "sequences.sql",
            "tables.sql", "columns.sql", "constraints.sql", "indexes.sql", "views.sql", "functions.sql", "triggers.sql",
            "policies.sql");

    public static void main(String[] args) throws Exception {
        int tables = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        try (PostgresCluster cluster = PostgresCluster.startThrowaway()) {
            cluster.createDatabase("bench");
            long t0 = System.nanoTime();
            try (Connection c = cluster.connect("bench"); Statement s = c.createStatement()) {
                for (int from = 0; from < tables; from += BATCH) {
                    StringBuilder sql = new StringBuilder();
                    for (int i = from; i < Math.min(tables, from + BATCH); i++) {
                        table(sql, i);
                    }
                    s.execute(sql.toString());
                }
            }
            System.out.printf(Locale.ROOT, "schema: %,d tables x (20 columns, 2 indexes, 1 foreign key) built in %.1f s%n",
                    tables, seconds(System.nanoTime() - t0));

            SchemaReader reader = new SchemaReader(SnapshotOptions.defaults());
            for (int round = 0; round <= rounds; round++) {
                gc();
                resetPeaks();
                long heapBefore = heapUsed();
                long start = System.nanoTime();
                SchemaSnapshot snapshot;
                try (Connection c = cluster.connect("bench")) {
                    snapshot = reader.read(c);
                }
                long read = System.nanoTime() - start;
                String fingerprint = snapshot.fingerprint();
                long total = System.nanoTime() - start;
                long peak = peakHeap();
                gc();
                long retained = heapUsed() - heapBefore;
                System.out.printf(Locale.ROOT, "%s: %,d objects; read %.2f s, fingerprint %.2f s, total %.2f s;"
                                + " heap peak %,d MB, snapshot retains %,d MB; fingerprint %s%n",
                        round == 0 ? "warm-up" : "round " + round, snapshot.objects().size(), seconds(read),
                        seconds(total - read), seconds(total), peak >> 20, retained >> 20, fingerprint.substring(0, 16));
                if (snapshot.objects().isEmpty()) {
                    throw new IllegalStateException("empty snapshot");
                }
            }
            perQuery(cluster);
        }
    }

    /** Each catalog query alone, rows fetched but not kept: shows which kind a slow snapshot spends its time on. */
    private static void perQuery(PostgresCluster cluster) throws Exception {
        StringBuilder line = new StringBuilder("per query:");
        try (Connection c = cluster.connect("bench"); Statement s = c.createStatement()) {
            for (String file : QUERY_FILES) {
                String sql;
                try (InputStream in = SchemaReader.class.getResourceAsStream(file)) {
                    sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                long start = System.nanoTime();
                int rows = 0;
                try (ResultSet rs = s.executeQuery(sql)) {
                    while (rs.next()) {
                        rows++;
                    }
                }
                line.append(String.format(Locale.ROOT, " %s %,d rows %.2f s;", file.replace(".sql", ""), rows,
                        seconds(System.nanoTime() - start)));
            }
        }
        System.out.println(line);
    }

    /** Table {@code i}: an id, a reference to table {@code i - 1} (the first refers to itself), 18 more columns. */
    private static void table(StringBuilder sql, int i) {
        String name = String.format(Locale.ROOT, "t%05d", i);
        String parent = String.format(Locale.ROOT, "t%05d", Math.max(0, i - 1));
        sql.append("create table ").append(name).append(" (id bigint primary key, parent_id bigint")
                .append(", c01 integer not null default 0, c02 text, c03 varchar(50), c04 numeric(12,2)")
                .append(", c05 timestamptz not null default now(), c06 boolean not null default false, c07 date")
                .append(", c08 bigint, c09 text, c10 jsonb, c11 uuid, c12 smallint, c13 varchar(200)")
                .append(", c14 numeric, c15 text collate \"C\", c16 integer, c17 timestamp, c18 bytea);\n");
        sql.append("alter table ").append(name).append(" add constraint ").append(name)
                .append("_parent_fk foreign key (parent_id) references ").append(parent).append(" (id);\n");
        sql.append("create index ").append(name).append("_parent_idx on ").append(name).append(" (parent_id);\n");
        sql.append("create index ").append(name).append("_c01_c03_idx on ").append(name).append(" (c01, c03);\n");
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void gc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peaks since the last reset: an upper bound of the heap in use at any moment. */
    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
