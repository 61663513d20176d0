package dev.sluice.cli;

import dev.sluice.json.Json;
import dev.sluice.testing.InstalledPostgres;
import dev.sluice.testing.PostgresExtension;
import dev.sluice.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code sluice serve} over HTTP: the auth rules, /health, the JSON endpoints and /metrics read by Prometheus' own parser. */
@ExtendWith(PostgresExtension.class)
class ServeIT {

    private static final String TOKEN = "correct-horse-battery-staple";

    @TempDir
    Path dir;

    private Map<String, String> env(TestDatabase db, String... more) {
        Map<String, String> env = new HashMap<>(CliRun.env("SLUICE_URL", db.jdbcUrl(), "SLUICE_USER", db.user(),
                "SLUICE_PASSWORD", db.password(), "SLUICE_MONITOR_MAX_AGE", "0s"));
        env.putAll(CliRun.env(more));
        return env;
    }

    private void project() throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/V1__customers.sql"), "create table customers (id bigint primary key, email text not null);\n");
        Files.writeString(dir.resolve("migrations/V2__nickname.sql"), "alter table customers add column nickname varchar(40);\n");
    }

    @Test
    void aPublicAddressWithoutATokenIsRefused(TestDatabase db) throws Exception {
        project();
        CliRun run = CliRun.run(env(db), "--dir", dir.toString(), "serve", "--bind", "0.0.0.0", "--port", "0");
        assertEquals(ExitCodes.USAGE, run.exitCode(), run.toString());
        assertTrue(run.err().contains("refusing to serve on 0.0.0.0 without a token, since anyone reaching it could read"),
                run.err());
    }

    @Test
    void aWrongTokenGets401AndTheRightOnePasses(TestDatabase db) throws Exception {
        project();
        try (Served served = new Served(env(db, "SLUICE_SERVE_TOKEN", TOKEN), "--dir", dir.toString(), "serve", "--bind", "0.0.0.0",
                "--port", "0")) {
            assertTrue(served.out().contains("(token required)"), served.out());
            assertFalse(served.out().contains(TOKEN), "the token is never printed");
            for (String path : List.of("/", "/health", "/metrics", "/api/databases", "/api/databases/main/pending")) {
                assertEquals(401, served.get(path).statusCode(), path + " without a token");
                assertEquals(401, served.get(path, "Authorization", "Bearer wrong").statusCode(), path + " with a wrong token");
            }
            HttpResponse<String> wrongBasic = served.get("/health", "Authorization", basic("admin", "wrong"));
            assertEquals(401, wrongBasic.statusCode());
            assertEquals("Basic realm=\"sluice\", charset=\"UTF-8\"", wrongBasic.headers().firstValue("WWW-Authenticate").orElse(""));
            assertEquals(503, served.get("/health", "Authorization", "Bearer " + TOKEN).statusCode(), "pending: DOWN");
            assertEquals(200, served.get("/api/databases", "Authorization", basic("anyone", TOKEN)).statusCode());
        }
    }

    @Test
    void healthEndpointsAndMetricsFollowTheDatabase(TestDatabase db) throws Exception {
        project();
        try (Served served = new Served(env(db), "--dir", dir.toString(), "serve", "--port", "0")) {
            HttpResponse<String> pending = served.get("/health");
            assertEquals(503, pending.statusCode());
            Map<?, ?> body = (Map<?, ?>) Json.read(pending.body());
            Map<?, ?> main = (Map<?, ?>) ((Map<?, ?>) body.get("databases")).get("main");
            assertEquals("DOWN", main.get("status"));
            assertEquals("pending", ((Map<?, ?>) ((List<?>) main.get("reasons")).get(0)).get("kind"));

            for (String view : List.of("overview", "pending", "history", "runs", "drift", "backup", "online", "health")) {
                HttpResponse<String> r = served.get("/api/databases/main/" + view);
                assertEquals(200, r.statusCode(), view);
                assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
                Json.read(r.body());
            }
            List<?> waiting = (List<?>) Json.read(served.get("/api/databases/main/pending").body());
            assertEquals(2, waiting.size());
            assertEquals("info", ((Map<?, ?>) waiting.get(1)).get("verdict"), "varchar(n): prefer-text");
            assertEquals(404, served.get("/api/databases/nowhere").statusCode());
            assertEquals(403, served.post("/api/databases/main/drift").statusCode(), "a POST without X-Sluice-Request");

            assertEquals(0, CliRun.inProject(dir, db, new String[]{"migrate"}).exitCode());
            assertEquals(200, served.get("/health").statusCode());
            assertEquals(200, served.get("/health/main").statusCode());

            String metrics = served.get("/metrics").body();
            Map<String, Double> samples = parsedByPrometheusClient(metrics);
            assertEquals(0.0, samples.get("sluice_migrations_pending_migrations{database=main}"), samples.toString());
            assertEquals(1.0, samples.get("sluice_health{database=main}"));
            assertEquals(1.0, samples.get("sluice_up{database=main}"));
            assertTrue(Double.isNaN(samples.get("sluice_drift{database=main}")), "never checked");
            double lastSuccess = samples.get("sluice_migrations_last_success_seconds{database=main}");
            assertTrue(Math.abs(lastSuccess - System.currentTimeMillis() / 1000.0) < 3600, "epoch seconds: " + lastSuccess);
            for (String name : List.of("sluice_migrations_last_duration_seconds", "sluice_migrations_failed_migrations",
                    "sluice_migrations_failures_migrations", "sluice_backup_age_seconds", "sluice_backfill_rows",
                    "sluice_backfill_rows_planned_rows", "sluice_backfill_rate", "sluice_migrations_running",
                    "sluice_migrations_running_duration_seconds")) {
                assertTrue(samples.containsKey(name + "{database=main}"), name + " in " + samples.keySet());
            }
        }
    }

    @Test
    void severalDatabasesAreWatchedAndJudgedApart(TestDatabase db) throws Exception {
        project();
        TestDatabase replica = db.another();
        assertEquals(0, CliRun.inProject(dir, db, new String[]{"migrate"}).exitCode());
        try (Served served = new Served(env(db, "SLUICE_WATCH_EU_WEST_URL", replica.jdbcUrl(), "SLUICE_WATCH_EU_WEST_USER", replica.user(),
                "SLUICE_WATCH_EU_WEST_PASSWORD", replica.password()), "--dir", dir.toString(), "serve", "--port", "0")) {
            assertTrue(served.out().contains("serving 2 database(s)"), served.out());
            Map<?, ?> list = (Map<?, ?>) Json.read(served.get("/api/databases").body());
            List<?> databases = (List<?>) list.get("databases");
            assertEquals(List.of("main", "eu-west"), databases.stream().map(d -> ((Map<?, ?>) d).get("name")).toList());
            assertEquals(200, served.get("/health/main").statusCode());
            assertEquals(503, served.get("/health/eu-west").statusCode(), "nothing applied there yet");
            assertEquals(503, served.get("/health").statusCode(), "DOWN when any database is");
            Map<String, Double> samples = parsedByPrometheusClient(served.get("/metrics").body());
            assertEquals(0.0, samples.get("sluice_migrations_pending_migrations{database=main}"));
            assertEquals(2.0, samples.get("sluice_migrations_pending_migrations{database=eu-west}"));
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The exposition parsed by Python's prometheus_client ({@code text_string_to_metric_families}, Debian's
     * python3-prometheus-client, which .ci/run installs): sample name with its labels, to value.
     */
    static Map<String, Double> parsedByPrometheusClient(String exposition) throws Exception {
        Path python = Path.of("/usr/bin/python3");
        String program = """
                import sys
                from prometheus_client.parser import text_string_to_metric_families
                for family in text_string_to_metric_families(sys.stdin.read()):
                    for s in family.samples:
                        labels = ",".join(k + "=" + v for k, v in sorted(s.labels.items()))
                        print(s.name + "{" + labels + "}\\t" + repr(float(s.value)))
                """;
        if (!Files.isExecutable(python) || new ProcessBuilder(python.toString(), "-c", "import prometheus_client").start().waitFor() != 0) {
            InstalledPostgres.skipOrFailInCi("no Python prometheus_client: install python3-prometheus-client (.ci/run does so as root)");
        }
        Process p = new ProcessBuilder(python.toString(), "-c", program).redirectErrorStream(true).start();
        p.getOutputStream().write(exposition.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "prometheus_client could not parse /metrics:\n" + out + "\n--- exposition\n" + exposition);
        Map<String, Double> samples = new HashMap<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                String[] parts = line.split("\t");
                samples.put(parts[0], Double.parseDouble(parts[1].replace("nan", "NaN").replace("inf", "Infinity")));
            }
        }
        return samples;
    }
}
