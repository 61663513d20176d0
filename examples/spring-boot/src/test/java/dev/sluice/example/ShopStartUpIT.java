package dev.sluice.example;

import dev.sluice.junit.SluiceDatabases;
import dev.sluice.lint.LintFailedException;
import dev.sluice.postgres.ScratchDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sample application on a real PostgreSQL (the test server of sluice-testing: a throwaway cluster of
 * the bundled binaries, or SLUICE_TEST_URL's), started as in production: migrations at start-up through
 * the starter, health over real HTTP. The same tests run on Spring Boot 3.5 (boot-3.5) and 4.0 (boot-4.0).
 */
@ExtendWith(OutputCaptureExtension.class)
class ShopStartUpIT {

    @Test
    void migratesAnEmptyDatabaseTakesOverFromFlywayAndReportsUp(CapturedOutput output) throws Exception {
        ScratchDatabase db = SluiceDatabases.empty("shop");
        try (ConfigurableApplicationContext app = Shop.start(db)) {
            String log = output.getOut();
            assertTrue(log.contains("Sluice: Flyway is on the class path too; its auto-configuration"), log);
            assertTrue(log.contains("Sluice: applied 3 migrations; database now at version 3 (was empty)"), log);
            assertEquals("3", Shop.queryForString(db, "select count(*) from sluice_history where state = 'APPLIED'"));
            assertEquals("f", Shop.queryForString(db, "select to_regclass('flyway_schema_history') is not null"),
                    "Flyway did not migrate too");

            HttpResponse<String> health = Shop.get(app, "/actuator/health");
            assertEquals(200, health.statusCode(), health.body());
            JsonNode body = Shop.json(health);
            assertEquals("UP", body.path("status").asText(), health.body());
            JsonNode sluice = body.path("components").path("sluice");
            assertEquals("UP", sluice.path("status").asText(), health.body());
            assertTrue(sluice.path("details").path("database").asText().startsWith("the application's DataSource (jdbc:postgresql:"),
                    health.body());
            assertEquals("3", sluice.path("details").path("version").asText(), health.body());
            assertEquals(0, sluice.path("details").path("pending").asInt(-1), health.body());
            assertEquals(0, sluice.path("details").path("failed").asInt(-1), health.body());
            assertEquals("not-checked", sluice.path("details").path("drift").asText(), "an empty database has no fingerprint yet");

            HttpResponse<String> pending = Shop.get(app, "/actuator/metrics/sluice.migrations.pending");
            assertEquals(200, pending.statusCode(), pending.body());
            JsonNode meter = Shop.json(pending);
            assertEquals(0.0, meter.path("measurements").path(0).path("value").asDouble(-1), pending.body());
            assertEquals("database", meter.path("availableTags").path(0).path("tag").asText(), pending.body());
            assertEquals("shop", meter.path("availableTags").path(0).path("values").path(0).asText(), pending.body());
            HttpResponse<String> accounts = Shop.get(app, "/accounts/count");
            assertEquals("{\"accounts\":0}", accounts.body(), "the application queries the table the migrations made");
        }
        int before = output.getOut().length();
        try (ConfigurableApplicationContext again = Shop.start(db)) {
            String log = output.getOut().substring(before);
            assertTrue(log.contains("Sluice: database is up to date at version 3"), log);
            JsonNode sluice = Shop.json(Shop.get(again, "/actuator/health")).path("components").path("sluice");
            assertEquals("clean", sluice.path("details").path("drift").asText(),
                    "a second start checks drift against the fingerprint the first run stored: " + sluice);
        }
    }

    @Test
    void reportsAChangeMadeByHandAsDriftAndDown(CapturedOutput output) throws Exception {
        ScratchDatabase db = SluiceDatabases.empty("shop");
        Shop.migrateAsAnEarlierRelease(db);
        try (Connection c = Shop.connect(db); Statement s = c.createStatement()) {
            s.execute("alter table accounts add column added_by_hand text");
        }
        try (ConfigurableApplicationContext app = Shop.start(db)) {
            assertTrue(output.getOut().contains("Sluice: drift: the live schema's fingerprint differs from the one the history stored"),
                    output.getOut());
            HttpResponse<String> health = Shop.get(app, "/actuator/health");
            assertEquals(503, health.statusCode(), health.body());
            JsonNode sluice = Shop.json(health).path("components").path("sluice");
            assertEquals("DOWN", sluice.path("status").asText(), health.body());
            assertEquals("drifted", sluice.path("details").path("drift").asText(), health.body());
            assertEquals("drift", sluice.path("details").path("reasons").path(0).path("reason").asText(), health.body());
        }
    }

    @Test
    void refusesToStartOnALintError(CapturedOutput output) throws Exception {
        ScratchDatabase db = SluiceDatabases.empty("shop");
        Shop.migrateAsAnEarlierRelease(db);
        RuntimeException failure = assertThrows(RuntimeException.class, () -> Shop.start(db,
                "--spring.sluice.locations=classpath:db/migration,classpath:db/lint-error",
                "--spring.sluice.lint.fail-on-error=true"));
        Throwable cause = failure;
        while (!(cause instanceof LintFailedException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        assertTrue(cause instanceof LintFailedException, "start-up failed for the lint: " + failure);
        assertTrue(cause.getMessage().contains("V4__drop_account_created_at.sql"), cause.getMessage());
        assertTrue(cause.getMessage().contains("drop-column"), cause.getMessage());
        String log = output.getOut() + output.getErr();
        assertTrue(log.contains("APPLICATION FAILED TO START"), log);
        assertTrue(log.contains("Sluice did not migrate the database at start-up: "), log);
        assertTrue(log.contains("spring.sluice.lint.fail-on-error=false to log lint errors and migrate anyway"), log);
        assertEquals("t", Shop.queryForString(db,
                "select exists (select 1 from information_schema.columns where table_name = 'accounts' and column_name = 'created_at')"),
                "the gate stops the run before its first statement");
        assertEquals("3", Shop.queryForString(db, "select max(version) from sluice_history"));
    }

    @Test
    void startsWhileALongTransactionBlocksTheAlterRetryingAfterTheLockTimeout(CapturedOutput output) throws Exception {
        ScratchDatabase db = SluiceDatabases.empty("shop");
        Shop.migrateAsAnEarlierRelease(db);
        int before = output.getOut().length();
        try (Connection report = Shop.connect(db)) {
            try (Statement s = report.createStatement()) {
                s.execute("set application_name = 'long-report'");
            }
            report.setAutoCommit(false);
            try (Statement s = report.createStatement()) {
                s.execute("select count(*) from accounts");   // holds ACCESS SHARE on accounts until it commits
            }
            // The report ends once the migration has been seen to time out and retry; never otherwise before 60s.
            CompletableFuture<Void> reportEnds = CompletableFuture.runAsync(() -> {
                long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!output.getOut().substring(before).contains("could not get its lock") && System.nanoTime() < giveUp) {
                    sleep(50);
                }
                sleep(500);
                try {
                    report.commit();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // blocker-grace=1h: the report is not waited out up front, so the ALTER meets its lock timeout.
            try (ConfigurableApplicationContext app = Shop.start(db,
                    "--spring.sluice.locations=classpath:db/migration,classpath:db/blocked",
                    "--spring.sluice.lock-timeout=200ms", "--spring.sluice.blocker-grace=1h",
                    "--spring.sluice.retry-deadline=90s")) {
                reportEnds.get(60, TimeUnit.SECONDS);
                String log = output.getOut().substring(before);
                assertTrue(log.contains("V4__add_account_nickname.sql] (in a transaction, lock_timeout 200ms)"), log);
                assertTrue(log.contains("Sluice: V4 add account nickname: attempt 1 could not get its lock within lock_timeout 200ms"), log);
                assertTrue(log.contains("55P03"), log);
                assertTrue(log.contains("long-report"), "the blocker is named: " + log);
                assertTrue(log.contains("retrying as soon as that transaction has ended"), log);
                assertTrue(log.contains("Sluice: applied 1 migration; database now at version 4 (was 3)"), log);
                assertEquals(200, Shop.get(app, "/actuator/health").statusCode());
            }
        }
        assertEquals("t", Shop.queryForString(db,
                "select exists (select 1 from information_schema.columns where table_name = 'accounts' and column_name = 'nickname')"));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
