package dev.sluice.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code sluice help [COMMAND...]}: the help of any command, sub-verbs included ({@code help backup list}),
 * which picocli's own help command cannot reach.
 */
@Command(name = "help", helpCommand = true, description = "Show the help of a command, e.g. 'sluice help backup list'.")
final class HelpCommand implements Callable<Integer> {

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command, and its sub-command if any.")
    String[] path = new String[0];

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine command = spec.root().commandLine();
        for (String name : path) {
            CommandLine next = command.getSubcommands().get(name);
            if (next == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "unknown command '" + name + "' in 'sluice help "
                        + String.join(" ", path) + "'; commands of '" + command.getCommandSpec().qualifiedName() + "': "
                        + String.join(", ", command.getSubcommands().keySet()));
            }
            command = next;
        }
        command.usage(spec.commandLine().getOut(), spec.commandLine().getColorScheme());
        return ExitCodes.OK;
    }
}
