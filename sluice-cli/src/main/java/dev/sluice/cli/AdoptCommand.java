package dev.sluice.cli;

import dev.sluice.adopt.AdoptRequest;
import dev.sluice.adopt.AdoptResult;
import dev.sluice.adopt.AdoptSource;
import dev.sluice.adopt.AdoptedMigration;
import dev.sluice.migration.Checksum;
import dev.sluice.migration.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code sluice adopt [--from TOOL]}: takes over another tool's history without running anything. */
@Command(name = "adopt", description = "Take over the history of a database another tool migrated: check every checksum it "
        + "stored against the files, and record what it applied in Sluice's history, without running anything.")
final class AdoptCommand extends ProjectCommand {

    @Option(names = "--from", paramLabel = "TOOL", description = "The tool that migrated the database: flyway, prisma, "
            + "drizzle, typeorm or numbered; detected from its history table and the files' layout when left out.")
    String from;

    @Option(names = "--dry-run", description = "Show what would be recorded; write nothing.")
    boolean dryRun;

    @Option(names = "--version", paramLabel = "N", description = "Numbered SQL files without a tracking table: the number "
            + "of the last file already applied, recorded as a baseline.")
    String version;

    @Option(names = "--tracking-table", paramLabel = "TABLE", description = "Numbered SQL files: the project's own tracking table, "
            + "[schema.]table, when it is not schema_migrations.")
    String table;

    @Override
    int run(Project project) throws Exception {
        AdoptRequest request;
        try {
            request = new AdoptRequest(Optional.ofNullable(from).map(AdoptSource::parse), dryRun,
                    Optional.ofNullable(version).map(Version::parse), Optional.ofNullable(table));
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
        AdoptResult result = project.sluice(project.settings()).adopt(request);
        PrintWriter out = out();
        String table = project.historySchema() + "." + project.historyTable();
        out.println((result.dryRun() ? "would record in " : "recorded in ") + table + " what " + result.from().displayName()
                + " applied (" + result.foreignTable() + "), without running it:");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"VERSION", "DESCRIPTION", "TYPE", "SCRIPT", "INSTALLED ON", "BY", "CHECKSUM"});
        for (AdoptedMigration m : result.recorded()) {
            rows.add(new String[] {m.version().map(Object::toString).orElse(""), m.description(), m.type().name(), m.script(),
                    m.installedOn().toString(), m.installedBy(), m.checksum().map(Checksum::shortForm).orElse("-")});
        }
        Table.print(out, rows);
        result.notes().forEach(n -> out.println("note: " + n));
        if (result.dryRun()) {
            out.println("dry run: nothing recorded; run without --dry-run to adopt");
        } else {
            out.println("adopted " + result.recorded().size() + " migration" + (result.recorded().size() == 1 ? "" : "s")
                    + "; " + result.foreignTable() + " is left as it was. 'sluice status' shows the history, 'sluice migrate' "
                    + "applies what is pending");
        }
        return ExitCodes.OK;
    }
}
