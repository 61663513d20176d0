package dev.sluice.cli;

import dev.sluice.Sluice;
import dev.sluice.cli.dashboard.Access;
import dev.sluice.cli.dashboard.DashboardServer;
import dev.sluice.cli.dashboard.WatchedMonitor;
import dev.sluice.config.WatchedDatabase;
import dev.sluice.db.JdbcConnectionFactory;
import dev.sluice.monitor.MonitorSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code sluice serve}: a dashboard, {@code /health} and {@code /metrics} for the project's database and the
 * {@code watch.<name>.*} ones, until stopped (Ctrl-C). The monitor API reads everything; this verb wires
 * the monitors to {@link DashboardServer} and guards the address.
 *
 * <p>Hazard: on any address but loopback, anyone who can reach the port could read schema names and
 * migration SQL, so the verb refuses to start there without a token.
 */
@Command(name = "serve", description = "Serve a migration dashboard, /health and /metrics for the project's database(s).")
final class ServeCommand extends ProjectCommand {

    /** The environment variable holding the token, which stays out of the process list unlike --token. */
    static final String TOKEN_ENV = "SLUICE_SERVE_TOKEN";

    @Option(names = "--port", paramLabel = "N", defaultValue = "7411",
            description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one and prints it).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}). Any other than loopback needs a token.")
    String bind;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Require this token: 'Authorization: Bearer TOKEN', or basic auth with TOKEN as password. Env: "
                    + TOKEN_ENV + " (preferred: a flag shows in the process list).")
    String token;

    @Option(names = "--drift-every", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Check drift in the background this often, e.g. 1h (default: only when asked on the page).")
    Duration driftEvery = Duration.ZERO;

    @Override
    int run(Project project) throws Exception {
        Optional<String> secret = Optional.ofNullable(token).or(() -> Optional.ofNullable(root.environment.get(TOKEN_ENV)))
                .filter(t -> !t.isBlank());
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new CliException(ExitCodes.USAGE, "--bind " + bind + ": unknown address; give an IP address or a host name of this machine");
        }
        if (!address.isLoopbackAddress() && secret.isEmpty()) {
            throw new CliException(ExitCodes.USAGE, "refusing to serve on " + bind + " without a token, since anyone reaching it could"
                    + " read your schema and migrations. Set " + TOKEN_ENV + " (or --token), or bind 127.0.0.1");
        }
        MonitorSettings settings = project.config().monitor();
        List<WatchedMonitor> watched = new ArrayList<>();
        Sluice main = new Sluice(project.optionsFor(project.connections()));
        watched.add(new WatchedMonitor("main", main.monitor(settings, project.config().backup(project.dir()))));
        for (WatchedDatabase w : project.config().watched()) {
            Sluice other = new Sluice(project.optionsFor(connections(w)));
            // Backups in the project's folder are the main database's; a watched one shows none.
            watched.add(new WatchedMonitor(w.name(), other.monitor(settings, Optional.empty())));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (DashboardServer server = new DashboardServer(watched, new InetSocketAddress(address, port), new Access(secret), driftEvery)) {
            server.start();
            Thread hook = new Thread(stopped::countDown, "sluice-serve-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            String host = address.getHostAddress().contains(":") ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
            out().println("serving " + watched.size() + " database(s) on http://" + host + ":" + server.address().getPort() + "/"
                    + (secret.isPresent() ? " (token required)" : "") + "; /health, /metrics; Ctrl-C stops");
            out().flush();
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is stopping: the hook has run
                }
            }
        }
        return ExitCodes.OK;
    }

    private static JdbcConnectionFactory connections(WatchedDatabase w) {
        try {
            return new JdbcConnectionFactory(w.url(), w.user().orElse(null), w.password().orElse(null));
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "watch." + w.name() + ".url: " + e.getMessage());
        }
    }

    /** {@code 30s}, {@code 10min}, {@code 1h}: the same durations as the config file. */
    static final class DurationConverter implements picocli.CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return dev.sluice.migration.DurationText.parse(value);
        }
    }
}
