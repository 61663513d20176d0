package dev.sluice.cli;

import dev.sluice.postgres.internal.PostgresCluster;
import dev.sluice.testing.InstalledPostgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A throwaway cluster of the installed PostgreSQL (15 from Debian in CI) shared by the backup tests of
 * one JVM: pg_dump cannot dump the bundled 17, so these tests run where the installed client matches.
 */
final class Pg15 {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static PostgresCluster cluster;

    private Pg15() {
    }

    static synchronized PostgresCluster cluster() {
        if (cluster == null) {
            cluster = PostgresCluster.startThrowaway(InstalledPostgres.binaries());
        }
        return cluster;
    }

    /** A new empty database on the shared cluster. */
    static String newDatabase() {
        String name = "b_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        cluster().createDatabase(name);
        return name;
    }

    static String url(String database) {
        return cluster().jdbcUrl(database);
    }

    static void execute(String database, String sql) throws Exception {
        try (Connection c = cluster().connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static List<String> column(String database, String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection c = cluster().connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    /** A project folder with a migrations folder and a sluice.conf naming the installed pg_dump and pg_restore. */
    static Path project(Path dir, String... extraConfigLines) throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        StringBuilder conf = new StringBuilder();
        conf.append("pg-dump = ").append(InstalledPostgres.bin("pg_dump")).append('\n');
        conf.append("pg-restore = ").append(InstalledPostgres.bin("pg_restore")).append('\n');
        for (String line : extraConfigLines) {
            conf.append(line).append('\n');
        }
        Files.writeString(dir.resolve("sluice.conf"), conf.toString());
        return dir;
    }

    /** Runs the command line against {@code database} as postgres in project {@code dir}. */
    static CliRun sluice(Path dir, String database, String... args) {
        List<String> all = new ArrayList<>(List.of("--dir", dir.toString(), "--url", url(database), "--user", "postgres"));
        all.addAll(List.of(args));
        return CliRun.run(all.toArray(new String[0]));
    }
}
