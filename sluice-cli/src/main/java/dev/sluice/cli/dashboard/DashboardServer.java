package dev.sluice.cli.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.json.Json;
import dev.sluice.monitor.HealthReport;
import dev.sluice.monitor.MonitorSnapshot;
import dev.sluice.monitor.SluiceMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP server of {@code sluice serve}: routes, access and rendering; the monitors do the reading.
 *
 * <table>
 * <caption>Routes</caption>
 * <tr><td>{@code GET /}</td><td>the dashboard page; {@code /assets/*} its script and style, from the jar</td></tr>
 * <tr><td>{@code GET /api/databases}</td><td>each database's overview</td></tr>
 * <tr><td>{@code GET /api/databases/<name>}</td><td>every view of one database</td></tr>
 * <tr><td>{@code GET /api/databases/<name>/<view>}</td><td>one view: {@link SnapshotJson#VIEWS}</td></tr>
 * <tr><td>{@code POST /api/databases/<name>/drift}</td><td>runs the drift check, answers its result</td></tr>
 * <tr><td>{@code GET /health}, {@code /health/<name>}</td><td>200 UP or 503 DOWN, with the reasons</td></tr>
 * <tr><td>{@code GET /metrics}</td><td>Prometheus text format</td></tr>
 * </table>
 *
 * <p>Hazards: a POST must carry the header {@code X-Sluice-Request}, which a page of another site cannot
 * add without the browser asking this server first (and it never says yes), so a drift check cannot be
 * triggered from elsewhere with the browser's saved login. Requests are served by a small pool, so a slow
 * drift check holds one thread, not the server.
 */
public final class DashboardServer implements AutoCloseable {

    private static final String ASSETS = "/dev/sluice/cli/dashboard/";
    private static final Map<String, String> FILES = Map.of(
            "/", "index.html",
            "/assets/dashboard.js", "dashboard.js",
            "/assets/dashboard.css", "dashboard.css");

    private final HttpServer server;
    private final ExecutorService pool;
    private final ScheduledExecutorService drifts;
    private final Access access;
    private final Map<String, WatchedMonitor> monitors = new LinkedHashMap<>();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Duration pageRefresh;

    /**
     * @param driftEvery how often each database's drift is checked in the background; zero for only on request
     */
    public DashboardServer(List<WatchedMonitor> watched, InetSocketAddress address, Access access, Duration driftEvery)
            throws IOException {
        this.access = access;
        for (WatchedMonitor w : watched) {
            monitors.put(w.name(), w);
            new SluiceMetrics(w.monitor(), w.name()).bindTo(registry);
        }
        Duration maxAge = watched.isEmpty() ? Duration.ofSeconds(5) : watched.get(0).monitor().settings().maxAge();
        this.pageRefresh = maxAge.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : maxAge;
        this.server = HttpServer.create(address, 0);
        this.pool = Executors.newFixedThreadPool(4, daemon("sluice-serve"));
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        this.drifts = Executors.newSingleThreadScheduledExecutor(daemon("sluice-drift"));
        if (!driftEvery.isZero()) {
            drifts.scheduleWithFixedDelay(() -> monitors.values().forEach(w -> w.monitor().checkDrift()), 0,
                    driftEvery.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    public void start() {
        server.start();
    }

    /** The address actually bound, with the port chosen when 0 was asked for. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
        drifts.shutdownNow();
        registry.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            if (!access.allows(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"sluice\", charset=\"UTF-8\"");
                send(exchange, 401, "text/plain; charset=utf-8", "401: a token is required (Authorization: Bearer <token>,"
                        + " or basic auth with the token as password)\n");
                return;
            }
            route(exchange);
        } catch (RuntimeException e) {
            send(exchange, 500, "text/plain; charset=utf-8", "500: " + e.getMessage() + "\n");
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (method.equals("POST")) {
            List<String> parts = List.of(path.split("/"));
            if (parts.size() == 5 && path.startsWith("/api/databases/") && parts.get(4).equals("drift")
                    && monitors.containsKey(parts.get(3))) {
                if (exchange.getRequestHeaders().getFirst("X-Sluice-Request") == null) {
                    send(exchange, 403, "text/plain; charset=utf-8", "403: a POST needs the header X-Sluice-Request\n");
                    return;
                }
                WatchedMonitor w = monitors.get(parts.get(3));
                w.monitor().checkDrift();
                json(exchange, 200, SnapshotJson.view("drift", w.name(), w.monitor().current(), w.monitor().settings()));
                return;
            }
            send(exchange, 405, "text/plain; charset=utf-8", "405: only GET here\n");
            return;
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            send(exchange, 405, "text/plain; charset=utf-8", "405: only GET here\n");
            return;
        }
        if (FILES.containsKey(path.isEmpty() ? "/" : path)) {
            asset(exchange, FILES.get(path.isEmpty() ? "/" : path));
        } else if (path.equals("/metrics")) {
            send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
        } else if (path.equals("/health")) {
            health(exchange, monitors.values());
        } else if (path.startsWith("/health/") && monitors.containsKey(path.substring(8))) {
            health(exchange, List.of(monitors.get(path.substring(8))));
        } else if (path.equals("/api/databases")) {
            List<Object> list = new ArrayList<>();
            for (WatchedMonitor w : monitors.values()) {
                list.add(SnapshotJson.overview(w.name(), w.monitor().current(), w.monitor().settings()));
            }
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("refreshSeconds", pageRefresh.toSeconds());
            root.put("views", SnapshotJson.VIEWS);
            root.put("databases", list);
            json(exchange, 200, root);
        } else if (path.startsWith("/api/databases/")) {
            String[] parts = path.substring("/api/databases/".length()).split("/");
            WatchedMonitor w = monitors.get(parts[0]);
            if (w == null || parts.length > 2 || (parts.length == 2 && !SnapshotJson.VIEWS.contains(parts[1]))) {
                send(exchange, 404, "text/plain; charset=utf-8", "404: no such database or view; GET /api/databases lists them\n");
                return;
            }
            MonitorSnapshot s = w.monitor().current();
            json(exchange, 200, parts.length == 1 ? SnapshotJson.all(w.name(), s, w.monitor().settings())
                    : SnapshotJson.view(parts[1], w.name(), s, w.monitor().settings()));
        } else {
            send(exchange, 404, "text/plain; charset=utf-8", "404: see / for the dashboard, /health, /metrics, /api/databases\n");
        }
    }

    /** 200 when every database is UP, 503 otherwise; the body names each database's status and reasons. */
    private void health(HttpExchange exchange, java.util.Collection<WatchedMonitor> which) throws IOException {
        boolean up = true;
        Map<String, Object> databases = new LinkedHashMap<>();
        for (WatchedMonitor w : which) {
            HealthReport h = w.monitor().health();
            up &= h.up();
            databases.put(w.name(), SnapshotJson.health(h, w.monitor().settings()));
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("status", up ? "UP" : "DOWN");
        root.put("databases", databases);
        json(exchange, up ? 200 : 503, root);
    }

    private void asset(HttpExchange exchange, String file) throws IOException {
        try (InputStream in = DashboardServer.class.getResourceAsStream(ASSETS + file)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("the jar lacks " + ASSETS + file));
            }
            String type = file.endsWith(".html") ? "text/html; charset=utf-8" : file.endsWith(".js")
                    ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8";
            exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'");
            send(exchange, 200, type, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static void json(HttpExchange exchange, int status, Object value) throws IOException {
        send(exchange, status, "application/json", Json.write(value, 2));
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length == 0 ? -1 : bytes.length);
        if (!head && bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
