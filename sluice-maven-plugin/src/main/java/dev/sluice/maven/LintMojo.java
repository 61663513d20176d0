package dev.sluice.maven;

import dev.sluice.json.Json;
import dev.sluice.lint.Finding;
import dev.sluice.lint.LintResult;
import dev.sluice.lint.Severity;
import dev.sluice.report.FindingFormats;
import dev.sluice.report.Sarif;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code sluice:lint}: checks the migrations for statements that lock out traffic, rewrite tables or
 * destroy data, without a database, as {@code sluice lint} does. Writes a SARIF report (for code
 * scanning) and fails the build when a finding is an error or the migration files are invalid.
 */
@Mojo(name = "lint", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class LintMojo extends AbstractSluiceMojo {

    /** Where the SARIF report goes. */
    @Parameter(property = "sluice.lint.sarif", defaultValue = "${project.build.directory}/sluice/lint.sarif")
    File sarifFile;

    /** Fail the build on an error-level finding (warnings never fail it). */
    @Parameter(property = "sluice.lint.failOnError", defaultValue = "true")
    boolean failOnError;

    @Override
    void run() throws Exception {
        LintResult result = sluice(noDatabase()).lint(List.of(), config().lint());
        List<Finding> findings = result.findings().stream().map(FindingFormats::relative).toList();
        Path sarif = ReportFiles.write(sarifFile.toPath(), Json.write(Sarif.of(findings)) + "\n");
        for (Finding f : findings) {
            String line = f.format() + (f.alternative().isEmpty() ? "" : "\n    instead: " + f.alternative().replace("\n", "\n             "));
            switch (f.severity()) {
                case ERROR -> getLog().error(line);
                case WARNING -> getLog().warn(line);
                default -> getLog().info(line);
            }
        }
        long errors = result.count(Severity.ERROR);
        long warnings = result.count(Severity.WARNING);
        String summary = errors + " error" + (errors == 1 ? "" : "s") + ", " + warnings + " warning" + (warnings == 1 ? "" : "s")
                + " in " + result.report().files() + " file" + (result.report().files() == 1 ? "" : "s") + " of " + migrationsDir();
        getLog().info("sluice lint: " + summary + "; SARIF report " + sarif);
        if (result.invalidFiles()) {
            throw new MojoFailureException("sluice lint: the migration files are invalid (see the findings above): "
                    + joined(findings));
        }
        if (failOnError && errors > 0) {
            throw new MojoFailureException("sluice lint: " + summary + ":\n" + joined(findings.stream()
                    .filter(f -> f.severity() == Severity.ERROR).toList())
                    + "\nFix the statements, or suppress one with '-- sluice:ignore <rule-id> <reason>'.");
        }
    }

    private static String joined(List<Finding> findings) {
        return String.join("\n", findings.stream().map(Finding::format).toList());
    }
}
