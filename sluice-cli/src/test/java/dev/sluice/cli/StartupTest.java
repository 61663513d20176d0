package dev.sluice.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A command line that names a verb builds that verb's model alone: picocli reads every annotated field of
 * every registered command at start, which was most of a short command's start-up. What a person sees
 * must not change with it.
 */
class StartupTest {

    @Test
    void aCommandLineThatNamesAVerbBuildsThatVerbAlone() {
        assertEquals(Set.of("lint"), SluiceCommand.commandLine(Map.of(), new String[] {"lint", "--format", "json"})
                .getSubcommands().keySet());
        assertEquals(Set.of("backup"), SluiceCommand.commandLine(Map.of(), new String[] {"backup", "list"})
                .getSubcommands().keySet());
    }

    @Test
    void everyOtherCommandLineBuildsTheWholeTree() {
        int all = SluiceCommand.commandLine(Map.of()).getSubcommands().size();
        for (String[] args : List.of(new String[] {}, new String[] {"help", "lint"}, new String[] {"--dir", "x", "lint"},
                new String[] {"--version"}, new String[] {"lnt"})) {
            assertEquals(all, SluiceCommand.commandLine(Map.of(), args).getSubcommands().size(), String.join(" ", args));
        }
    }

    @Test
    void aVerbsHelpIsTheSameBuiltAloneOrInTheWholeTree() {
        CommandLine whole = SluiceCommand.commandLine(Map.of());
        for (String verb : whole.getSubcommands().keySet()) {
            CommandLine alone = SluiceCommand.commandLine(Map.of(), new String[] {verb}).getSubcommands().get(verb);
            assertEquals(usage(whole.getSubcommands().get(verb)), usage(alone), verb);
        }
    }

    @Test
    void aMistypedVerbIsStillNamedWithSuggestions() {
        CliRun run = CliRun.run("lnt");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertTrue(run.err().contains("Did you mean: sluice lint?"), run.toString());
    }

    private static String usage(CommandLine cli) {
        StringWriter out = new StringWriter();
        cli.usage(new PrintWriter(out), CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        return out.toString();
    }
}
