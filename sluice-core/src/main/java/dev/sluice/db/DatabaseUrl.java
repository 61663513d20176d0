package dev.sluice.db;

import java.sql.SQLException;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of output: URLs are shown with their password masked, and driver messages that might
 * echo a password are scrubbed before they reach a log, an error or a report.
 */
public final class DatabaseUrl {

    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)(password=)[^&;\\s'\"]*");
    private static final Pattern USERINFO = Pattern.compile("(//[^/@:]*:)[^/@]*@");

    private DatabaseUrl() {
    }

    /** The URL with any {@code password=} parameter and any {@code user:password@} part masked. */
    public static String mask(String url) {
        if (url == null) {
            return "";
        }
        String masked = PASSWORD_PARAM.matcher(url).replaceAll("$1****");
        return USERINFO.matcher(masked).replaceAll("$1****@");
    }

    /** The same exception's content with every occurrence of {@code password} replaced; the cause chain kept. */
    static SQLException scrub(SQLException e, String password) {
        String message = e.getMessage() == null ? "" : mask(e.getMessage());
        if (password != null && password.length() >= 3) {
            message = message.replace(password, "****");
        }
        if (message.equals(e.getMessage())) {
            return e;
        }
        SQLException clean = new SQLException(message, e.getSQLState(), e.getErrorCode());
        clean.setStackTrace(e.getStackTrace());
        return clean;
    }
}
