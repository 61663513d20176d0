package com.example.embedder;

import dev.sluice.DriftReport;
import dev.sluice.MigrateResult;
import dev.sluice.Sluice;
import dev.sluice.SluiceOptions;
import dev.sluice.backup.BackupSettings;
import dev.sluice.backup.PgTarget;
import dev.sluice.config.SluiceConfig;
import dev.sluice.db.JdbcConnectionFactory;
import dev.sluice.execution.MigrationListener;
import dev.sluice.migration.FileSystemMigrationSource;
import dev.sluice.migration.Version;
import dev.sluice.online.BackfillSettings;
import dev.sluice.online.OnlineListener;
import dev.sluice.progress.Progress;
import dev.sluice.verify.VerifyReport;
import dev.sluice.verify.VerifyReportFormat;
import dev.sluice.verify.VerifyRequest;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The examples of docs/api.md, compiled with the build so that the page cannot drift from the API. Kept
 * line for line as the page shows them.
 */
final class ApiExamples {

    private ApiExamples() {
    }

    static void migrateWithABackupFirst(String url, String user, String password) throws Exception {
        SluiceConfig config = SluiceConfig.load(Path.of("sluice.conf"), false)
                .overriddenBy(SluiceConfig.fromEnvironment(System.getenv()));
        Sluice sluice = new Sluice(SluiceOptions.builder(new JdbcConnectionFactory(url, user, password))
                .source(new FileSystemMigrationSource(Path.of("migrations")))
                .execution(config.execution())
                .lint(config.lint())
                .build());
        BackupSettings backups = config.backup(Path.of("."));
        MigrateResult result = sluice.migrate(Optional.empty(), true, false, BackfillSettings.defaults(),
                MigrationListener.NONE, OnlineListener.NONE,
                plan -> sluice.backupBeforeMigrate(plan, backups, PgTarget.fromJdbcUrl(url, user, password),
                        "before migrate", Progress.NONE));
        System.out.println("now at " + result.after().map(Version::toString).orElse("empty"));
    }

    static void verifyAsACiGate(Path project, String url, String user, String password) throws Exception {
        Sluice sluice = new Sluice(SluiceOptions.builder(new JdbcConnectionFactory(url, user, password))
                .source(new FileSystemMigrationSource(project.resolve("migrations")))
                .build());
        VerifyReport report = sluice.verify(VerifyRequest.of(project));   // a throwaway PostgreSQL, bundled major
        Files.writeString(project.resolve("target/sluice-verify.xml"), VerifyReportFormat.of(report).junit());
        if (!report.passed()) {
            VerifyReportFormat.of(report).text(new PrintWriter(System.err, true));
            throw new IllegalStateException("sluice verify failed");
        }
    }

    static void drift(SluiceOptions options) throws Exception {
        Sluice sluice = new Sluice(options);
        DriftReport cheap = sluice.driftAgainstHistory();              // fingerprint against the last history row
        DriftReport full = sluice.driftAgainstRebuild(false, false);   // rebuild on a scratch server, then diff
        if (full.drifted()) {
            full.diff().orElseThrow().lines().forEach(System.out::println);
        }
        System.out.println(cheap.drifted());
    }
}
