package dev.sluice.cli;

import dev.sluice.Sluice;
import dev.sluice.json.Json;

import dev.sluice.schema.SchemaDiff;
import dev.sluice.schema.SchemaSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code sluice diff A B}: compares two schemas, each a database URL or a snapshot file. A URL takes its
 * user and password from the connection options, never from this command's arguments, so no password
 * has to be typed where other users of the machine can read it.
 */
@Command(name = "diff", description = "Compare two schemas, each a JDBC URL or a snapshot file; exit 7 when they differ.")
final class DiffCommand extends ProjectCommand {

    @Parameters(index = "0", paramLabel = "BEFORE", description = "jdbc:postgresql://... or a file written by 'sluice snapshot'.")
    String before;

    @Parameters(index = "1", paramLabel = "AFTER", description = "jdbc:postgresql://... or a file written by 'sluice snapshot'.")
    String after;

    @Option(names = "--ignore-column-order", description = "Do not report columns that only come in another order.")
    boolean ignoreColumnOrder;

    @Option(names = "--privileges", description = "Compare owners and grants too (databases only; a file has what it was written with).")
    boolean privileges;

    @Option(names = "--json", description = "Print JSON instead of lines.")
    boolean json;

    private record Side(String label, SchemaSnapshot snapshot) {
    }

    @Override
    int run(Project project) throws Exception {
        Side a = load(project, before);
        Side b = load(project, after);
        SchemaDiff diff = SchemaDiff.between(a.snapshot(), b.snapshot(), ignoreColumnOrder);
        if (json) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("before", a.label());
            root.put("after", b.label());
            root.put("beforeFingerprint", a.snapshot().fingerprint());
            root.put("afterFingerprint", b.snapshot().fingerprint());
            root.put("same", diff.isEmpty());
            root.putAll(DiffReport.toJson(diff));
            out().println(Json.write(root));
        } else if (diff.isEmpty()) {
            out().println("no differences between " + a.label() + " and " + b.label()
                    + (ignoreColumnOrder ? " (column order ignored)" : "") + "; fingerprints " + a.snapshot().fingerprint()
                    + (a.snapshot().fingerprint().equals(b.snapshot().fingerprint()) ? "" : " and " + b.snapshot().fingerprint()));
        } else {
            out().println(diff.lines().size() + " differences from " + a.label() + " to " + b.label() + ":");
            DiffReport.printLines(out(), diff);
        }
        return diff.isEmpty() ? ExitCodes.OK : ExitCodes.DRIFT;
    }

    private Side load(Project project, String source) throws Exception {
        if (source.startsWith("jdbc:")) {
            var connections = project.connectionsTo(source);
            return new Side(connections.describe(), Sluice.snapshotOf(connections, project.snapshotOptions(privileges)));
        }
        Path file = Path.of(source);
        if (!Files.isRegularFile(file)) {
            throw new CliException(ExitCodes.USAGE, "'" + source + "' is neither a jdbc:postgresql:// URL nor a snapshot file");
        }
        try {
            return new Side(source, SchemaSnapshot.fromJson(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "cannot read " + source + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, source + ": " + e.getMessage());
        }
    }
}
