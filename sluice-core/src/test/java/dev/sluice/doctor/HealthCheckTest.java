package dev.sluice.doctor;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The health check against a local HTTP server the test runs; no database. */
class HealthCheckTest {

    @TempDir
    Path dir;

    private CheckOutcome run(Optional<String> url) {
        DoctorFixture f = DoctorFixture.unreachable(dir);
        return new HealthCheck().run(f.context(f.request().withHealthUrl(url)));
    }

    @Test
    void withoutAHealthUrlThereIsNothingToCheck() {
        CheckOutcome o = run(Optional.empty());
        assertEquals(CheckStatus.PASS, o.status());
        assertEquals("no health-url configured", o.message());
    }

    @Test
    void anAnswerOf2xxPassesAndAnErrorFails() throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        http.createContext("/sick", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        http.start();
        try {
            String base = "http://127.0.0.1:" + http.getAddress().getPort();
            CheckOutcome ok = run(Optional.of(base + "/health"));
            assertEquals(CheckStatus.PASS, ok.status(), ok.toString());
            assertEquals(base + "/health answered 200", ok.message());
            CheckOutcome sick = run(Optional.of(base + "/sick"));
            assertEquals(CheckStatus.FAIL, sick.status(), sick.toString());
            assertEquals(base + "/sick answered 503", sick.message());
        } finally {
            http.stop(0);
        }
    }

    @Test
    void aDeadEndpointOrABadUrlFails() {
        CheckOutcome dead = run(Optional.of("http://127.0.0.1:" + DoctorFixture.closedPort() + "/health"));
        assertEquals(CheckStatus.FAIL, dead.status(), dead.toString());
        assertTrue(dead.message().contains("did not answer"), dead.message());
        CheckOutcome bad = run(Optional.of("not a url at all"));
        assertEquals(CheckStatus.FAIL, bad.status(), bad.toString());
        assertEquals("health-url 'not a url at all' is not a valid URL", bad.message());
    }
}
