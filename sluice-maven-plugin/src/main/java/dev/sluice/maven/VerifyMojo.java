package dev.sluice.maven;

import dev.sluice.verify.VerifyReport;
import dev.sluice.verify.VerifyReportFormat;
import dev.sluice.verify.VerifyRequest;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/**
 * {@code sluice:verify}: the CI gate of {@code sluice verify} (lint, checksums, rehearsal with lock
 * tracing, the schema-file check) on a throwaway PostgreSQL, or on {@code devUrl}. Writes a JUnit report
 * and fails the build when a check fails. The target's history is read only when a URL is configured.
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class VerifyMojo extends AbstractSluiceMojo {

    /** Where the JUnit XML report goes (Surefire's report readers and CI servers pick it up). */
    @Parameter(property = "sluice.verify.junit", defaultValue = "${project.build.directory}/sluice/TEST-sluice-verify.xml")
    File junitFile;

    @Override
    void run() throws Exception {
        boolean checkTarget = configuredUrl().isPresent();
        VerifyRequest request = new VerifyRequest(projectDir(), migrationsDir(),
                projectDir().resolve(config().get("schema-file").orElse("schema.sql")), seedFolder(), irreversibleIsError(),
                checkTarget, scratchSettings(), null);
        VerifyReport report = sluice(checkTarget ? target() : noDatabase()).verify(request);
        VerifyReportFormat formatted = VerifyReportFormat.of(report);
        Path junit = ReportFiles.write(junitFile.toPath(), formatted.junit());
        StringWriter text = new StringWriter();
        formatted.text(new PrintWriter(text, true));
        text.toString().lines().forEach(line -> getLog().info(line));
        getLog().info("sluice verify " + (report.passed() ? "passed" : "failed") + "; JUnit report " + junit);
        if (!report.passed()) {
            throw new MojoFailureException("sluice verify failed:\n" + text.toString().strip());
        }
    }
}
