package dev.sluice.junit;

import dev.sluice.postgres.ScratchDatabase;
import dev.sluice.rehearsal.RehearsalReport;

/**
 * Run in a JVM of its own by {@link SluiceTestUrlIT}, with {@code SLUICE_TEST_URL} naming a server: migrates a
 * template, rehearses, and makes an empty database there, printing where each database lives.
 */
public final class TestUrlChild {

    private TestUrlChild() {
    }

    public static void main(String[] args) {
        ScratchDatabase empty = SluiceDatabases.empty("child");
        System.out.println("empty database: " + empty.jdbcUrl());
        RehearsalReport report = SluiceAssertions.assertMigrationsRehearse("src/test/resources/sample/migrations");
        System.out.println("rehearsed: " + report.migrations().size() + " migrations");
        try (var c = empty.connections().open(); var s = c.createStatement();
             var rs = s.executeQuery("select count(*) from pg_database where datname like 'sluice\\_%'")) {
            rs.next();
            System.out.println("sluice databases on the server: " + rs.getInt(1));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
