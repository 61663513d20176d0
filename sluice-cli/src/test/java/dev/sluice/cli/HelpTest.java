package dev.sluice.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every verb and sub-verb answers {@code --help}, {@code -h} and {@code sluice help <verb...>}, with its own
 * options first and the global ones in a section of their own. The verbs are found by walking the
 * command tree, so a verb added later is tested without anyone remembering to.
 */
class HelpTest {

    /** Every command path below the root: [migrate], [backup], [backup, list], ... */
    static List<List<String>> commandPaths() {
        List<List<String>> paths = new ArrayList<>();
        collect(SluiceCommand.commandLine(Map.of()), new ArrayList<>(), paths);
        return paths;
    }

    private static void collect(CommandLine cli, List<String> prefix, List<List<String>> paths) {
        for (Map.Entry<String, CommandLine> sub : cli.getSubcommands().entrySet()) {
            if (!sub.getKey().equals(sub.getValue().getCommandName())) {
                continue; // an alias
            }
            List<String> path = new ArrayList<>(prefix);
            path.add(sub.getKey());
            paths.add(path);
            collect(sub.getValue(), path, paths);
        }
    }

    private static String[] args(List<String> path, String... more) {
        List<String> all = new ArrayList<>(path);
        all.addAll(List.of(more));
        return all.toArray(new String[0]);
    }

    @Test
    void theTreeHasTheVerbsAndSubVerbs() {
        List<List<String>> paths = commandPaths();
        assertTrue(paths.contains(List.of("migrate")), paths.toString());
        assertTrue(paths.contains(List.of("backup", "list")), paths.toString());
        assertTrue(paths.size() > 20, paths.toString());
    }

    @Test
    void everyVerbAnswersHelpWithItsOwnOptionsFirst() {
        for (List<String> path : commandPaths()) {
            String usage = "Usage: sluice " + String.join(" ", path);
            for (String[] args : List.of(args(path, "--help"), args(path, "-h"), args(List.of("help"), path.toArray(new String[0])))) {
                CliRun r = CliRun.run(args);
                String shown = String.join(" ", args);
                assertEquals(0, r.exitCode(), shown + "\n" + r);
                assertTrue(r.out().startsWith(usage), shown + "\n" + r);
                assertTrue(r.err().isEmpty(), shown + "\n" + r);
                int global = r.out().indexOf("Global options:");
                assertTrue(global > 0, shown + ": no global section\n" + r);
                assertTrue(r.out().indexOf("--dir") > global, shown + ": --dir before the global section\n" + r);
                assertTrue(r.out().indexOf("--url") > global, shown + ": --url before the global section\n" + r);
                assertTrue(r.out().indexOf("--help") < global, shown + ": --help after the global section\n" + r);
            }
        }
    }

    @Test
    void ownOptionsComeBeforeTheGlobalOnes() {
        CliRun r = CliRun.run("migrate", "--help");
        int global = r.out().indexOf("Global options:");
        assertTrue(r.out().indexOf("--dry-run") > 0 && r.out().indexOf("--dry-run") < global, r.out());
        assertTrue(r.out().indexOf("--target") < global, r.out());
        // The synopsis names the global options as a group instead of listing them all.
        String synopsis = r.out().substring(0, r.out().indexOf("Apply pending"));
        assertFalse(synopsis.contains("--url"), synopsis);
        assertTrue(synopsis.contains("[GLOBAL-OPTIONS]"), synopsis);
    }

    @Test
    void helpOfASubVerbIsItsOwn() {
        CliRun r = CliRun.run("help", "backup", "list");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().startsWith("Usage: sluice backup list"), r.toString());
        assertTrue(r.out().contains("--json"), r.toString());
    }

    @Test
    void helpOfAnUnknownVerbIsAUsageError() {
        CliRun r = CliRun.run("help", "backup", "lsit");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
        assertTrue(r.err().contains("lsit"), r.toString());
    }

    @Test
    void bareSluicePrintsTheUsage() {
        CliRun r = CliRun.run();
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().startsWith("Usage: sluice"), r.toString());
        assertTrue(r.out().contains("migrate") && r.out().contains("Exit codes:"), r.toString());
    }
}
