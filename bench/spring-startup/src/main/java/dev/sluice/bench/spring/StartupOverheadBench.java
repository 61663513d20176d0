package dev.sluice.bench.spring;

import dev.sluice.junit.SluiceDatabases;
import dev.sluice.postgres.ScratchDatabase;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The start-up time the starter adds to an application whose 50 migrations are all applied: the same
 * application, started again and again in one JVM against one database, with {@code spring.sluice.enabled}
 * false, true without the drift check, and true, in turn (so that both see the same JIT and the same machine load). Both runs open the
 * connection pool at start-up (the runner below counts a table), as a real application's first query or
 * its JPA validation would, so the difference is Sluice's own work: resolving 50 files, the drift check,
 * the migration lock, reading the history and planning nothing.
 *
 * <pre>java -jar bench/spring-startup/target/sluice-bench-spring-startup-0.1.0-SNAPSHOT.jar [rounds]</pre>
 */
@SpringBootApplication
public class StartupOverheadBench {

    static final int MIGRATIONS = 50;

    @Bean
    ApplicationRunner touchTheDatabase(JdbcTemplate jdbc) {
        return args -> jdbc.queryForObject("select count(*) from t_1", Long.class);
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        ScratchDatabase db = SluiceDatabases.empty("startup");
        Path migrations = Files.createTempDirectory("sluice-startup-bench");
        for (int i = 1; i <= MIGRATIONS; i++) {
            Files.writeString(migrations.resolve("V" + i + "__table_" + i + ".sql"),
                    "create table t_" + i + " (id bigint primary key, name text not null, created_at timestamptz not null default now());\n"
                            + "create index t_" + i + "_name_idx on t_" + i + " (name);\n");
        }
        String[] common = {
                "--spring.datasource.url=" + db.jdbcUrl(),
                "--spring.datasource.username=" + db.user(),
                "--spring.sluice.locations=filesystem:" + migrations};
        start(common, "--spring.sluice.enabled=true").close();   // applies the 50 migrations; not measured

        String[][] modes = {
                {"--spring.sluice.enabled=false"},
                {"--spring.sluice.enabled=true", "--spring.sluice.health.drift-check=false"},
                {"--spring.sluice.enabled=true", "--spring.sluice.health.drift-check=true"}};
        String[] names = {"enabled=false (no migrator)", "enabled (drift-check=false)", "enabled, drift-check=true"};
        List<List<Long>> times = new ArrayList<>();
        for (int m = 0; m < modes.length; m++) {
            times.add(new ArrayList<>());
        }
        int warmUp = 3;
        for (int round = 0; round < rounds + warmUp; round++) {
            for (int k = 0; k < modes.length; k++) {
                int m = (round + k) % modes.length;   // each round starts with another mode
                long ms = timed(common, modes[m]);
                if (round >= warmUp) {
                    times.get(m).add(ms);
                }
            }
        }
        long base = median(times.get(0));
        System.out.printf("Spring Boot %s start-up, %d migrations applied, %d runs each (after %d warm-up rounds), one JVM:%n",
                SpringApplication.class.getPackage().getImplementationVersion(), MIGRATIONS, rounds, warmUp);
        System.out.printf("%-30s %10s %10s %10s %8s %12s%n", "spring.sluice.*", "median ms", "min ms", "max ms", "ratio", "added ms");
        for (int m = 0; m < modes.length; m++) {
            List<Long> t = times.get(m);
            System.out.printf("%-30s %10d %10d %10d %8.2f %12d%n", names[m], median(t), Collections.min(t), Collections.max(t),
                    (double) median(t) / base, median(t) - base);
        }
        System.exit(0);
    }

    private static long timed(String[] common, String... mode) {
        long start = System.nanoTime();
        try (ConfigurableApplicationContext ignored = start(common, mode)) {
            return (System.nanoTime() - start) / 1_000_000;
        }
    }

    private static ConfigurableApplicationContext start(String[] common, String... mode) {
        String[] args = new String[common.length + mode.length];
        System.arraycopy(common, 0, args, 0, common.length);
        System.arraycopy(mode, 0, args, common.length, mode.length);
        return SpringApplication.run(StartupOverheadBench.class, args);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
