package dev.sluice.cli;

import dev.sluice.json.Json;
import dev.sluice.verify.VerifyReport;
import dev.sluice.verify.VerifyReportFormat;
import dev.sluice.verify.VerifyRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code sluice verify}: the CI gate ({@link dev.sluice.verify.VerifyGate}, run by the facade). This
 * class turns the options into a request, picks the report's format and where it goes. One exit code:
 * 0 when nothing failed, 3 otherwise.
 */
@Command(name = "verify", description = "The CI gate: lint, checksums, rehearsal with lock tracing, and the schema.sql check, "
        + "with one exit code.")
final class VerifyCommand extends ProjectCommand {

    enum Format { text, json, junit, github }

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json, junit (JUnit XML) or github (workflow annotations); default text.")
    Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    Path outFile;

    @Mixin
    ScratchOptions scratch;

    @Override
    int run(Project project) throws Exception {
        VerifyRequest request = new VerifyRequest(project.dir(), project.migrationsDir(),
                project.config().get("schema-file").map(project.dir()::resolve)
                        .orElseGet(() -> VerifyRequest.defaultSchemaFile(project.dir(), project.migrationsDir())),
                scratch.seedFolder(project),
                scratch.irreversibleIsError(project), project.configuredUrl().isPresent(), scratch.server.settings(project),
                phase -> new ProgressLine(out(), terminal(), phase));
        VerifyReport report = project.sluiceConnectingLazily().verify(request);
        render(report);
        return report.passed() ? ExitCodes.OK : ExitCodes.INVALID;
    }

    private void render(VerifyReport report) throws java.io.IOException {
        VerifyReportFormat formatted = VerifyReportFormat.of(report);
        StringWriter buffer = new StringWriter();
        PrintWriter w = new PrintWriter(buffer);
        switch (format) {
            case json -> w.println(Json.write(formatted.json()));
            case junit -> w.print(formatted.junit());
            case github -> formatted.github(w);
            default -> formatted.text(w);
        }
        w.flush();
        if (outFile != null) {
            Files.writeString(outFile, buffer.toString(), StandardCharsets.UTF_8);
            out().println("wrote " + outFile + "; verify " + (report.passed() ? "passed" : "failed"));
        } else {
            out().print(buffer);
        }
    }
}
