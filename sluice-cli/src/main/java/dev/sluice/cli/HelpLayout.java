package dev.sluice.cli;

import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ScopeType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * How every command's help looks: its own options first, then the global ones (connection, {@code --dir},
 * output) in a section of their own, and a synopsis that names them as one group instead of listing ten
 * options before the verb's own. It also gives every command {@code -h, --help}, so a verb added later
 * cannot lack them.
 *
 * <p>Hazard: "global" means declared with {@link ScopeType#INHERIT}; an option meant for one verb must not
 * use that scope, or it shows (and is accepted) everywhere.
 */
final class HelpLayout {

    static final String GLOBAL_HEADING_KEY = "globalOptionListHeading";
    static final String GLOBAL_LIST_KEY = "globalOptionList";

    private HelpLayout() {
    }

    /** Applies the layout to {@code cli} and every command below it. */
    static void install(CommandLine cli) {
        CommandSpec spec = cli.getCommandSpec();
        if (spec.findOption("--help") == null) {
            spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                    .description("Show this help message and exit.").build());
        }
        cli.setHelpFactory(SluiceHelp::new);
        spec.usageMessage().optionListHeading("%nOptions:%n").commandListHeading("%nCommands:%n");
        cli.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST,
                help -> help.optionListExcludingGroups(own(help.commandSpec())));
        cli.getHelpSectionMap().put(GLOBAL_HEADING_KEY,
                help -> global(help.commandSpec()).isEmpty() ? "" : help.createHeading("%nGlobal options:%n"));
        cli.getHelpSectionMap().put(GLOBAL_LIST_KEY, help -> help.optionListExcludingGroups(global(help.commandSpec())));
        List<String> keys = new ArrayList<>(cli.getHelpSectionKeys());
        if (!keys.contains(GLOBAL_LIST_KEY)) {
            int after = keys.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST) + 1;
            keys.addAll(after, List.of(GLOBAL_HEADING_KEY, GLOBAL_LIST_KEY));
            cli.setHelpSectionKeys(keys);
        }
        for (CommandLine sub : cli.getSubcommands().values()) {
            install(sub);
        }
    }

    static boolean isGlobal(OptionSpec option) {
        return option.inherited() || option.scopeType() == ScopeType.INHERIT;
    }

    /** The command's own options, without those in a group that has a heading of its own. */
    static List<OptionSpec> own(CommandSpec spec) {
        return spec.options().stream().filter(o -> !isGlobal(o) && !o.hidden()).toList();
    }

    static List<OptionSpec> global(CommandSpec spec) {
        return spec.options().stream().filter(o -> isGlobal(o) && !o.hidden()).toList();
    }

    /** picocli's help, with the synopsis showing the command's own options and {@code [global options]}. */
    static final class SluiceHelp extends Help {

        SluiceHelp(CommandSpec spec, ColorScheme colorScheme) {
            super(spec, colorScheme);
        }

        @Override
        protected Ansi.Text createDetailedSynopsisOptionsText(Collection<ArgSpec> done, List<OptionSpec> optionList,
                                                              Comparator<OptionSpec> optionSort, boolean clusterBooleanOptions) {
            List<OptionSpec> own = optionList.stream().filter(o -> !isGlobal(o)).toList();
            Ansi.Text text = super.createDetailedSynopsisOptionsText(done, own, optionSort, clusterBooleanOptions);
            if (own.size() < optionList.size()) {
                text = text.concat(" [GLOBAL-OPTIONS]");
            }
            return text;
        }
    }
}
