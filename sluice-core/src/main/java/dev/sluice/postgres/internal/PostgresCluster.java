package dev.sluice.postgres.internal;

import dev.sluice.postgres.PostgresStartException;
import dev.sluice.postgres.PostgresBinaries;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server run from the bundled binaries: persistent (the embedded default, data kept in a
 * project's {@code .sluice/}) or throwaway (rehearsal, tracing and tests; data deleted on close).
 *
 * <p>It listens on 127.0.0.1 only, on a free port chosen at start, with trust authentication for the
 * {@code postgres} user: never point it at data that matters to anyone else.
 *
 * <p>Hazards: a JVM killed with SIGKILL cannot stop the server; the next start on the same data folder
 * finds the stale {@code postmaster.pid} and PostgreSQL clears it when the old process is gone. A
 * shutdown hook stops the server on an ordinary JVM exit.
 */
public final class PostgresCluster implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final String USER = "postgres";

    private final Path dataDir;
    private final Path logFile;
    private final Path socketDir;
    private final boolean throwaway;
    private final int port;
    private final ProcessHandle server;
    private final boolean owned;
    private final Thread shutdownHook;
    private volatile boolean closed;
    /** Set by {@link #keepRunning()}: close leaves the server up for the next command, or for psql. */
    private volatile boolean detached;

    private PostgresCluster(Path dataDir, Path logFile, Path socketDir, boolean throwaway, int port, ProcessHandle server,
                            boolean owned) {
        this.dataDir = dataDir;
        this.logFile = logFile;
        this.socketDir = socketDir;
        this.throwaway = throwaway;
        this.port = port;
        this.server = server;
        this.owned = owned;
        this.shutdownHook = new Thread(this::stop, "sluice-postgres-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a server on {@code dataDir}, creating the cluster there when the folder is empty or missing.
     * The log goes to {@code postgres.log} beside the data folder. It listens on a port derived from the
     * folder's path when that port is free ({@link #preferredPort}), so the same project gets the same URL
     * from one command to the next; otherwise on any free port.
     */
    public static PostgresCluster startPersistent(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        return attachToRunning(dir).orElseGet(() -> start(PostgresBinaries.bundled(), dir, dir.resolveSibling("postgres.log"), false,
                preferredPort(dir)));
    }

    /**
     * The port a persistent cluster on {@code dataDir} asks for first: from a hash of its path, in 20000-29999,
     * below Linux's ephemeral range so that an outgoing connection rarely holds it.
     */
    public static int preferredPort(Path dataDir) {
        return 20_000 + Math.floorMod(dataDir.toAbsolutePath().normalize().toString().hashCode(), 10_000);
    }

    /**
     * Stops the server running on {@code dataDir}, if any, whoever started it ({@code sluice url --stop}).
     *
     * @return whether one was running
     */
    public static boolean stopRunning(Path dataDir) {
        java.util.Optional<PostgresCluster> running = attachToRunning(dataDir.toAbsolutePath().normalize());
        running.ifPresent(c -> c.stop(true));
        return running.isPresent();
    }

    /**
     * Leaves the server running when this object is closed or the JVM exits, so that psql or the next
     * command can use it; {@link #stopRunning} stops it. Hazard: nothing stops it after that but a person.
     */
    public void keepRunning() {
        detached = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException ignored) {
            // The JVM is already shutting down.
        }
    }

    /**
     * A server already running on {@code dataDir}: another command using the same project at the same
     * time, or one left behind when a command was killed. It is used as it is and left running on close,
     * since stopping it could pull the database from under someone else.
     */
    private static java.util.Optional<PostgresCluster> attachToRunning(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return java.util.Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            if (lines.size() < 4) {
                return java.util.Optional.empty();
            }
            long pid = Long.parseLong(lines.get(0).trim());
            int port = Integer.parseInt(lines.get(3).trim());
            java.util.Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().command().map(c -> c.endsWith("postgres")).orElse(false));
            if (handle.isEmpty()) {
                return java.util.Optional.empty();
            }
            PostgresCluster cluster = new PostgresCluster(dataDir, dataDir.resolveSibling("postgres.log"), null, false, port,
                    handle.get(), false);
            cluster.awaitReady();
            return java.util.Optional.of(cluster);
        } catch (IOException | NumberFormatException | PostgresStartException e) {
            return java.util.Optional.empty();
        }
    }

    /** Starts a server on a new temporary data folder, tuned for speed over durability, deleted on close. */
    public static PostgresCluster startThrowaway() {
        return startThrowaway(PostgresBinaries.bundled());
    }

    /**
     * A throwaway server run from {@code binaries}, e.g. an installed PostgreSQL of the major a
     * production server runs ({@link PostgresBinaries#at}).
     */
    public static PostgresCluster startThrowaway(PostgresBinaries binaries) {
        return startThrowaway(binaries, List.of());
    }

    /**
     * The same with server settings ({@code name=value}) that override the throwaway's own, e.g. a
     * benchmark's {@code shared_buffers} sized like a production server's.
     */
    public static PostgresCluster startThrowaway(PostgresBinaries binaries, List<String> settings) {
        try {
            Path root = Files.createTempDirectory("sluice-pg-");
            return start(binaries, root.resolve("data"), root.resolve("postgres.log"), true, 0, settings);
        } catch (IOException e) {
            throw new PostgresStartException("cannot create a temporary folder for PostgreSQL: " + e.getMessage(), e);
        }
    }

    private static PostgresCluster start(PostgresBinaries binaries, Path dataDir, Path logFile, boolean throwaway, int preferredPort) {
        return start(binaries, dataDir, logFile, throwaway, preferredPort, List.of());
    }

    private static PostgresCluster start(PostgresBinaries binaries, Path dataDir, Path logFile, boolean throwaway, int preferredPort,
                                         List<String> settings) {
        ServerUser user = ServerUser.detect();
        try {
            Files.createDirectories(dataDir.getParent());
            if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
                initdb(binaries, user, dataDir, logFile, throwaway);
            }
            Path socketDir = Files.createTempDirectory("sluice-sock-");
            user.own(socketDir);
            List<String> args = new ArrayList<>(List.of("-D", dataDir.toString(), "-k", socketDir.toString(),
                    "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "shared_buffers=64MB",
                    "-c", "log_min_messages=warning", "-c", "unix_socket_permissions=0700"));
            if (throwaway) {
                args.addAll(List.of("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"));
            }
            for (String setting : settings) {
                args.addAll(List.of("-c", setting));
            }
            IOException lastBindFailure = null;
            for (int attempt = 0; attempt < 5; attempt++) {
                int port = attempt == 0 && preferredPort > 0 && isFree(preferredPort) ? preferredPort : freePort();
                List<String> withPort = new ArrayList<>(args);
                withPort.addAll(List.of("-p", Integer.toString(port)));
                Process process = new ProcessBuilder(user.command(binaries.bin("postgres"), withPort))
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                        .start();
                PostgresCluster cluster = new PostgresCluster(dataDir, logFile, socketDir, throwaway, port, process.toHandle(), true);
                try {
                    cluster.awaitReady();
                    return cluster;
                } catch (PostgresStartException e) {
                    cluster.close();
                    if (!tail(logFile).contains("could not bind")) {
                        throw e;
                    }
                    lastBindFailure = new IOException(e.getMessage());
                }
            }
            throw new PostgresStartException("no free port for PostgreSQL after 5 tries", lastBindFailure);
        } catch (IOException e) {
            throw new PostgresStartException("cannot start PostgreSQL in " + dataDir + ": " + e.getMessage()
                    + "\n" + tail(logFile), e);
        }
    }

    private static void initdb(PostgresBinaries binaries, ServerUser user, Path dataDir, Path logFile, boolean throwaway)
            throws IOException {
        Files.createDirectories(dataDir);
        user.own(dataDir);
        List<String> args = new ArrayList<>(List.of("-D", dataDir.toString(), "-U", USER, "-A", "trust", "-E", "UTF8",
                "--no-locale"));
        if (throwaway) {
            args.add("--no-sync");
        }
        Process p = new ProcessBuilder(user.command(binaries.bin("initdb"), args))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new PostgresStartException("initdb failed for " + dataDir + ":\n" + tail(logFile), null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PostgresStartException("interrupted during initdb", e);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new PostgresStartException("PostgreSQL exited during start-up; end of " + logFile + ":\n"
                        + tail(logFile), last);
            }
            try (Connection c = connect("postgres")) {
                return;
            } catch (SQLException e) {
                last = e;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PostgresStartException("interrupted while PostgreSQL started", e);
            }
        }
        throw new PostgresStartException("PostgreSQL did not accept connections within " + START_TIMEOUT.toSeconds()
                + "s; end of " + logFile + ":\n" + tail(logFile), last);
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    public String user() {
        return USER;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port + "/" + database;
    }

    /** A connection to {@code database} as the superuser. */
    public Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", USER);
        props.setProperty("connectTimeout", "5");
        props.setProperty("ApplicationName", "sluice-cluster");
        return DriverManager.getConnection(jdbcUrl(database), props);
    }

    public void createDatabase(String name) {
        execute("create database " + quote(name));
    }

    public void createDatabase(String name, String template) {
        execute("create database " + quote(name) + " template " + quote(template));
    }

    public void dropDatabase(String name) {
        execute("drop database if exists " + quote(name) + " with (force)");
    }

    private void execute(String sql) {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** Stops the server (fast shutdown: open sessions are rolled back) and, if throwaway, deletes its data. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException ignored) {
            // The JVM is already shutting down; the hook runs stop(), which is idempotent.
        }
    }

    private void stop() {
        stop(false);
    }

    private synchronized void stop(boolean evenIfNotOurs) {
        if (closed) {
            return;
        }
        closed = true;
        if (detached && !evenIfNotOurs) {
            return;
        }
        if ((owned || evenIfNotOurs) && server.isAlive()) {
            try {
                new ProcessBuilder("kill", "-INT", Long.toString(server.pid())).start().waitFor(5, TimeUnit.SECONDS);
                server.onExit().get(30, TimeUnit.SECONDS);
            } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                server.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                server.destroyForcibly();
            }
        }
        if (socketDir != null) {
            FileTrees.delete(socketDir);
        }
        if (throwaway) {
            FileTrees.delete(dataDir.getParent());
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    static String tail(Path log) {
        try {
            if (!Files.exists(log)) {
                return "(no log)";
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException | java.io.UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }
}
