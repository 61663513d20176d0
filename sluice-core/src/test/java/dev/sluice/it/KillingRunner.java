package dev.sluice.it;

import dev.sluice.Sluice;
import dev.sluice.SluiceOptions;
import dev.sluice.db.JdbcConnectionFactory;
import dev.sluice.execution.MigrationListener;
import dev.sluice.execution.PlanStep;
import dev.sluice.lint.LintSettings;
import dev.sluice.migration.FileSystemMigrationSource;
import dev.sluice.sql.SqlStatement;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A runner process for the fault-injection tests: migrates a folder and sends itself SIGKILL right after
 * the n-th statement has finished, exactly as an OOM kill or {@code kill -9} at that moment would. The
 * password comes from the environment, never the command line.
 *
 * <p>Arguments: migrations folder, JDBC URL, user, n.
 */
public final class KillingRunner {

    private KillingRunner() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        int killAfter = Integer.parseInt(args[3]);
        Sluice sluice = new Sluice(options(folder, args[1], args[2], System.getenv("RUNNER_PASSWORD")));
        AtomicInteger finished = new AtomicInteger();
        sluice.migrate(Optional.empty(), new MigrationListener() {
            @Override
            public void statementFinished(PlanStep step, SqlStatement statement, long millis) {
                if (finished.incrementAndGet() == killAfter) {
                    killSelf();
                }
            }
        });
        System.exit(0);
    }

    static SluiceOptions options(Path folder, String url, String user, String password) {
        return SluiceOptions.builder(new JdbcConnectionFactory(url, user, password))
                .source(new FileSystemMigrationSource(folder))
                .lint(LintSettings.defaults().withBeforeMigrate(false))
                .build();
    }

    private static void killSelf() {
        try {
            new ProcessBuilder("kill", "-9", Long.toString(ProcessHandle.current().pid())).start().waitFor();
            Thread.sleep(60_000);
        } catch (Exception e) {
            Runtime.getRuntime().halt(137);
        }
    }
}
