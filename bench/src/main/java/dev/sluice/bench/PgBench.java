package dev.sluice.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Drives Debian's pgbench against a local server and reads its per-transaction logs, so the benchmark
 * sees what every client felt, not just averages.
 */
final class PgBench {

    /** One logged transaction: when it started and ended (epoch micros), or that it failed. */
    record Tx(long startMicros, long endMicros, boolean failed) {
        long latencyMicros() {
            return endMicros - startMicros;
        }
    }

    private final String host;
    private final int port;
    private final String user;
    private final String database;

    PgBench(String host, int port, String user, String database) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.database = database;
    }

    void initialize(int scale) throws IOException, InterruptedException {
        Process p = command("-i", "-s", Integer.toString(scale), "-q").redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("pgbench -i failed: " + output);
        }
    }

    /** Starts a timed run of TPC-B as fast as it goes; {@link Run#await} waits for it and reads its logs. */
    Run start(int clients, int seconds, Path logDir) throws IOException {
        return start(clients, seconds, logDir, List.of());
    }

    /** A timed run of TPC-B at a fixed rate ({@code -R} transactions per second in all). */
    Run start(int clients, int seconds, Path logDir, int rate) throws IOException {
        return start(clients, seconds, logDir, List.of("-R", Integer.toString(rate)));
    }

    /** A timed run of a custom script ({@code -f}) at a fixed rate ({@code -R} transactions per second in all). */
    Run start(int clients, int seconds, Path logDir, Path script, int rate) throws IOException {
        return start(clients, seconds, logDir, List.of("-f", script.toString(), "-R", Integer.toString(rate)));
    }

    private Run start(int clients, int seconds, Path logDir, List<String> options) throws IOException {
        Files.createDirectories(logDir);
        Path out = logDir.resolve("pgbench.out");
        List<String> args = new ArrayList<>(List.of("-c", Integer.toString(clients), "-j", "2", "-T", Integer.toString(seconds), "-n"));
        args.addAll(options);
        args.addAll(List.of("-l", "--log-prefix=" + logDir.resolve("tx"), "--failures-detailed", "--max-tries=1"));
        Process p = command(args.toArray(String[]::new)).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        return new Run(p, logDir, out);
    }

    private ProcessBuilder command(String... args) {
        List<String> command = new ArrayList<>(List.of("pgbench", "-h", host, "-p", Integer.toString(port), "-U", user));
        command.addAll(List.of(args));
        command.add(database);
        return new ProcessBuilder(command);
    }

    static final class Run {
        private final Process process;
        private final Path logDir;
        private final Path out;

        Run(Process process, Path logDir, Path out) {
            this.process = process;
            this.logDir = logDir;
            this.out = out;
        }

        List<Tx> await() throws IOException, InterruptedException {
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("pgbench did not finish");
            }
            List<Tx> txs = new ArrayList<>();
            try (Stream<Path> files = Files.list(logDir)) {
                for (Path f : (Iterable<Path>) files.filter(x -> x.getFileName().toString().startsWith("tx."))::iterator) {
                    for (String line : Files.readAllLines(f)) {
                        String[] p = line.trim().split("\\s+");
                        if (p.length < 6) {
                            continue;
                        }
                        long end = Long.parseLong(p[4]) * 1_000_000 + Long.parseLong(p[5]);
                        boolean failed = !p[2].chars().allMatch(Character::isDigit);
                        long latency = failed ? 0 : Long.parseLong(p[2]);
                        txs.add(new Tx(end - latency, end, failed));
                    }
                }
            }
            return txs;
        }

        /** Clients that pgbench reports as aborted (an error it does not retry). */
        int abortedClients() throws IOException {
            return (int) Files.readAllLines(out).stream().filter(l -> l.contains("aborted")).count();
        }

        String output() throws IOException {
            return Files.readString(out);
        }
    }
}
