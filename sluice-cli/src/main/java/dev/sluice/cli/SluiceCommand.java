package dev.sluice.cli;

import dev.sluice.backup.BackupException;
import dev.sluice.backup.BackupMismatchException;
import dev.sluice.backup.BackupNotFoundException;
import dev.sluice.db.DatabaseUnavailableException;
import dev.sluice.db.PermissionDeniedException;
import dev.sluice.db.LockBusyException;
import dev.sluice.db.LockLostException;
import dev.sluice.execution.ConnectionLostException;
import dev.sluice.execution.MigrationBlockedException;
import dev.sluice.execution.MigrationFailedException;
import dev.sluice.execution.MigrationStateException;
import dev.sluice.history.HistoryConflictException;
import dev.sluice.lint.LintFailedException;
import dev.sluice.migration.MigrationFileException;
import dev.sluice.migration.MigrationLoadException;
import dev.sluice.rehearsal.RehearsalException;
import dev.sluice.trace.TraceFailedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code sluice}: the command line. Each verb is a class of its own; this one wires them and maps errors to exit codes. */
@Command(name = "sluice", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Safe, lock-aware schema migrations for PostgreSQL.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:done",
                "1:a migration failed (the message says what was rolled back)",
                "2:wrong command line or config",
                "3:invalid migrations or history (nothing ran)",
                "4:database unreachable or login refused (nothing ran)",
                "5:lint found an error (nothing ran)",
                "6:another runner holds the migration lock (nothing ran)",
                "7:the schemas differ (drift, or diff found differences)",
                "8:a long transaction blocked the next migration past the deadline",
                "9:a backup does not match its manifest (checksum, or schema or row counts after a restore)",
                "10:unexpected error",
                "11:a doctor check failed (with migrate --preflight: nothing ran)"})
public final class SluiceCommand implements Runnable {

    @Mixin
    GlobalOptions global = new GlobalOptions();

    final Map<String, String> environment;
    /** Whether standard output is a terminal; decided once, by {@link #execute}. */
    boolean tty;

    SluiceCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    /** Where the output goes, as the options and the environment say. */
    Terminal terminal() {
        return Terminal.of(tty, environment, global.noColor, global.quiet);
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Bare {@code sluice}: what a person who types it wants to see is the usage. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut(), spec.commandLine().getColorScheme());
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(execute(args, out, err, System.getenv()));
    }

    /** Runs one command line; the streams and environment are parameters so tests run it in-process. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment) {
        return execute(args, out, err, environment, System.console() != null);
    }

    /** The same, saying whether the output is a terminal: tests check what a terminal would get. */
    static int execute(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment, boolean tty) {
        CommandLine cli = commandLine(environment, args);
        SluiceCommand root = cli.getCommand();
        root.tty = tty;
        // Colour in help too follows the terminal and NO_COLOR; --no-color is not parsed yet here.
        boolean colour = Terminal.of(tty, environment, List.of(args).contains("--no-color"), false).colour();
        cli.setColorScheme(CommandLine.Help.defaultColorScheme(colour ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> report(e, commandLine.getErr(), root.terminal()));
        cli.setParameterExceptionHandler(SluiceCommand::reportUsage);
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * The verbs, in the order the usage lists them. They are registered programmatically, not in the
     * {@code @Command} annotation, so that a command line naming one verb builds only that verb's model:
     * picocli reads every annotated field of every registered command by reflection, which was most of
     * the start-up time of a short command.
     */
    private static final Map<String, Class<?>> VERBS = verbs(InitCommand.class, NewCommand.class, StatusCommand.class,
            MigrateCommand.class, RollbackCommand.class, StartCommand.class, CompleteCommand.class, RewriteCommand.class, LintCommand.class, ValidateCommand.class, TraceCommand.class,
            RehearseCommand.class, VerifyCommand.class, BaselineCommand.class, AdoptCommand.class, RepairCommand.class, CleanCommand.class, SnapshotCommand.class,
            DiffCommand.class, DriftCommand.class, BackupCommand.class, RestoreCommand.class, DoctorCommand.class, ServeCommand.class,
            UrlCommand.class, VersionCommand.class, HelpCommand.class);

    private static Map<String, Class<?>> verbs(Class<?>... classes) {
        Map<String, Class<?>> verbs = new java.util.LinkedHashMap<>();
        for (Class<?> c : classes) {
            verbs.put(c.getAnnotation(Command.class).name(), c);
        }
        return java.util.Collections.unmodifiableMap(verbs);
    }

    /** The whole command tree with its help layout, before streams are attached; tests walk it to reach every verb. */
    static CommandLine commandLine(Map<String, String> environment) {
        return commandLine(environment, VERBS.keySet());
    }

    /**
     * The tree a command line needs: when its first word is a verb, that verb alone (its options, sub-verbs
     * and help are complete, and nothing else can be reached from there); otherwise, for the usage, help,
     * {@code --version}, a global option first or a mistyped verb with its suggestions, every verb.
     */
    static CommandLine commandLine(Map<String, String> environment, String[] args) {
        boolean oneVerb = args.length > 0 && VERBS.containsKey(args[0]) && !args[0].equals("help");
        return commandLine(environment, oneVerb ? java.util.Set.of(args[0]) : VERBS.keySet());
    }

    private static CommandLine commandLine(Map<String, String> environment, java.util.Set<String> names) {
        CommandLine cli = new CommandLine(new SluiceCommand(environment));
        for (Map.Entry<String, Class<?>> verb : VERBS.entrySet()) {
            if (names.contains(verb.getKey())) {
                cli.addSubcommand(verb.getKey(), verb.getValue());
            }
        }
        HelpLayout.install(cli);
        return cli;
    }

    /**
     * Which failure gets which exit code, most specific first: the first entry the exception is an
     * instance of decides. Anything not listed is a bug or an environment problem.
     */
    private static final List<Map.Entry<Class<? extends Exception>, Integer>> EXIT_CODES = List.of(
            Map.entry(LintFailedException.class, ExitCodes.LINT_FAILED),
            Map.entry(MigrationFailedException.class, ExitCodes.MIGRATION_FAILED),
            Map.entry(TraceFailedException.class, ExitCodes.MIGRATION_FAILED),
            Map.entry(MigrationLoadException.class, ExitCodes.INVALID),
            Map.entry(MigrationStateException.class, ExitCodes.INVALID),
            Map.entry(dev.sluice.adopt.AdoptionRefusedException.class, ExitCodes.INVALID),
            Map.entry(dev.sluice.adopt.ManagedByAnotherToolException.class, ExitCodes.INVALID),
            Map.entry(dev.sluice.clean.CleanRefusedException.class, ExitCodes.USAGE),
            Map.entry(MigrationFileException.class, ExitCodes.INVALID),
            Map.entry(dev.sluice.online.OnlineException.class, ExitCodes.INVALID),
            Map.entry(dev.sluice.rewrite.RewriteException.class, ExitCodes.INVALID),
            Map.entry(RehearsalException.class, ExitCodes.INVALID),
            Map.entry(DatabaseUnavailableException.class, ExitCodes.DATABASE_UNAVAILABLE),
            Map.entry(ConnectionLostException.class, ExitCodes.DATABASE_UNAVAILABLE),
            Map.entry(LockLostException.class, ExitCodes.LOCKED),
            Map.entry(HistoryConflictException.class, ExitCodes.LOCKED),
            Map.entry(PermissionDeniedException.class, ExitCodes.DATABASE_UNAVAILABLE),
            Map.entry(MigrationBlockedException.class, ExitCodes.BLOCKED),
            Map.entry(LockBusyException.class, ExitCodes.LOCKED),
            Map.entry(BackupMismatchException.class, ExitCodes.BACKUP_MISMATCH),
            Map.entry(BackupNotFoundException.class, ExitCodes.USAGE),
            Map.entry(BackupException.class, ExitCodes.INTERNAL),
            Map.entry(IllegalArgumentException.class, ExitCodes.USAGE),
            Map.entry(IllegalStateException.class, ExitCodes.INVALID));

    /**
     * A wrong command line, reported as picocli would, but with secrets masked: a mistyped
     * {@code --pasword=...} or a URL with {@code password=} would otherwise be echoed back.
     */
    private static int reportUsage(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println(Secrets.mask(e.getMessage(), args));
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
            err.println("See 'sluice help' for the commands and options.");
        }
        err.flush();
        return ExitCodes.USAGE;
    }

    private static int report(Exception e, PrintWriter err, Terminal terminal) {
        int code = ExitCodes.INTERNAL;
        String message = e.getMessage();
        if (e instanceof CliException c) {
            code = c.exitCode();
        } else {
            Optional<Integer> known = EXIT_CODES.stream().filter(entry -> entry.getKey().isInstance(e))
                    .map(Map.Entry::getValue).findFirst();
            if (known.isPresent()) {
                code = known.get();
            } else {
                message = e.getClass().getSimpleName() + ": " + message;
            }
        }
        err.println(terminal.red("error:") + " " + Secrets.mask(message));
        err.flush();
        return code;
    }
}
