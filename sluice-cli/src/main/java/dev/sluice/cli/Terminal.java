package dev.sluice.cli;

import java.util.Map;

/**
 * What the output may do where it goes: colour only on a terminal, and not when {@code NO_COLOR} is set
 * (<a href="https://no-color.org">no-color.org</a>), {@code --no-color} is given or {@code TERM=dumb};
 * lines rewritten in place (a progress bar) only on a terminal, since a log or a pipe must get whole lines
 * written once; {@code --quiet} keeps only what a command exists to print, warnings and errors.
 */
record Terminal(boolean interactive, boolean colour, boolean quiet) {

    private static final String RESET = "\033[0m";

    /** Plain output for a log, as tests and pipes see it. */
    static final Terminal PLAIN = new Terminal(false, false, false);

    static Terminal of(boolean tty, Map<String, String> env, boolean noColor, boolean quiet) {
        String noColorEnv = env.get("NO_COLOR");
        boolean colour = tty && !noColor && (noColorEnv == null || noColorEnv.isEmpty()) && !"dumb".equals(env.get("TERM"));
        return new Terminal(tty, colour, quiet);
    }

    String green(String text) {
        return paint("\033[32m", text);
    }

    String yellow(String text) {
        return paint("\033[33m", text);
    }

    String red(String text) {
        return paint("\033[1;31m", text);
    }

    String dim(String text) {
        return paint("\033[2m", text);
    }

    private String paint(String code, String text) {
        return colour ? code + text + RESET : text;
    }
}
