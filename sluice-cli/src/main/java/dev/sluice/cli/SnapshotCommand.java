package dev.sluice.cli;

import dev.sluice.schema.SchemaSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code sluice snapshot}: the target database's schema in canonical JSON, and its fingerprint. */
@Command(name = "snapshot", description = "Write the database's schema as canonical JSON (stdout by default) and print its fingerprint.")
final class SnapshotCommand extends ProjectCommand {

    @Option(names = "--out", paramLabel = "FILE", description = "Write the snapshot to FILE instead of stdout.")
    Path outFile;

    @Option(names = "--privileges", description = "Capture owners and grants too (off by default).")
    boolean privileges;

    @Override
    int run(Project project) throws Exception {
        SchemaSnapshot snapshot = project.sluice(project.settings()).snapshot(project.snapshotOptions(privileges));
        String fingerprint = snapshot.fingerprint();
        if (outFile == null) {
            snapshot.writeJson(out());
            out().flush();
            err().println("fingerprint: " + fingerprint);
            return ExitCodes.OK;
        }
        try (Writer w = Files.newBufferedWriter(outFile, StandardCharsets.UTF_8)) {
            snapshot.writeJson(w);
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "cannot write " + outFile + ": " + e.getMessage());
        }
        out().println("wrote " + snapshot.objects().size() + " objects of " + project.describeTarget() + " to " + outFile);
        out().println("fingerprint: " + fingerprint);
        return ExitCodes.OK;
    }
}
