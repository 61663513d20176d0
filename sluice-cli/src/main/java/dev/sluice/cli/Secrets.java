package dev.sluice.cli;

import dev.sluice.db.DatabaseUrl;

import java.util.regex.Pattern;

/**
 * The last filter before anything reaches the terminal: values of options and parameters whose name
 * says password or secret are masked, and so are passwords inside URLs.
 */
final class Secrets {

    private static final Pattern NAMED = Pattern.compile("(?i)(-*[\\w.-]*(?:pas|pw|secret|token)[\\w.-]*[=:]\\s*)([^\\s',&]+)");

    private Secrets() {
    }

    private static final Pattern SECRET_OPTION = Pattern.compile("(?i)-+[\\w.-]*(?:pas|pw|secret|token)[\\w.-]*");

    /** Masks {@code text} and, in it, every value that {@code args} gave a secret-looking option as the next word. */
    static String mask(String text, String[] args) {
        String masked = mask(text);
        for (int i = 0; i + 1 < args.length; i++) {
            if (SECRET_OPTION.matcher(args[i]).matches() && !args[i + 1].startsWith("-") && !args[i + 1].isEmpty()) {
                masked = masked.replace(args[i + 1], "****");
            }
        }
        return masked;
    }

    static String mask(String text) {
        if (text == null) {
            return "";
        }
        return NAMED.matcher(DatabaseUrl.maskText(text)).replaceAll("$1****");
    }
}
