package dev.sluice.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.Console;
import java.util.List;
import java.util.Optional;

/**
 * {@code sluice restore <id>}: puts a backup back, after a safety backup of the current state. Replacing
 * a database's data is the most destructive thing Sluice does, so it asks first, naming the database.
 */
@Command(name = "restore", description = "Restore a backup into the target database (after a safety backup of its current state).")
final class RestoreCommand extends ProjectCommand {

    @Parameters(paramLabel = "ID", description = "The backup's id (see 'sluice backup list'), or 'latest'.")
    String id;

    @Option(names = "--yes", description = "Do not ask for confirmation.")
    boolean yes;

    // Named --tables, like 'backup --tables', because --table already names the history table everywhere.
    @Option(names = "--tables", paramLabel = "TABLE", description = "Restore only this table.")
    String table;

    @Mixin
    PgToolOptions pg;

    @Override
    int run(Project project) throws Exception {
        BackupSupport support = new BackupSupport(project, pg);
        String database = support.target().database();
        String what = "backup " + id + (table == null ? "" : " (table " + table + ")");
        if (!yes) {
            Console console = System.console();
            if (console == null) {
                throw new CliException(ExitCodes.USAGE, "restore refused: restoring " + what + " replaces data in database '"
                        + database + "' (" + project.describeTarget() + "); add --yes to confirm");
            }
            String answer = console.readLine("Restore %s into database '%s' (%s)? This replaces its data. "
                    + "Type the database name to confirm: ", what, database, project.describeTarget());
            if (answer == null || !answer.strip().equals(database)) {
                throw new CliException(ExitCodes.USAGE, "restore refused: the answer was not '" + database + "'");
            }
        }
        out().println("restoring " + what + " into " + project.describeTarget());
        out().flush();
        List<String> done = support.backups().restore(id, Optional.ofNullable(table), line -> {
            out().println("  " + line);
            out().flush();
        });
        out().println("restore of " + id + " done (" + done.size() + " steps)");
        return ExitCodes.OK;
    }
}
