package dev.sluice.db;

import org.postgresql.Driver;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of output: URLs are shown with their password masked, and driver messages that might
 * echo a password are scrubbed before they reach a log, an error or a report.
 *
 * <p>{@link #mask(String)} is the one function every shown or stored URL goes through. It splits the
 * query the way pgjdbc's own {@link Driver#parseURL} does (parameters separated by {@code &} only, the
 * value running to the next {@code &}, then percent-decoded), so a password holding {@code ;}, {@code =},
 * {@code #}, quotes, spaces or any other character is masked whole; the result is then parsed by the
 * driver again and, should it still find a password there, the whole query is masked.
 *
 * <p>Hazard: {@link #maskText(String)} works on free text, where the end of a value can only be guessed
 * (at {@code &} or white space); where the password is known, {@link #scrub} replaces it wherever it
 * stands.
 */
public final class DatabaseUrl {

    static final String MASK = "****";
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)(password=)[^&\\s'\"]*");
    private static final Pattern USERINFO = Pattern.compile("(//[^/@:?\\s]*:)[^/@?\\s]*@");
    private static final Pattern URL_IN_TEXT = Pattern.compile("(?:jdbc:)?postgres(?:ql)?://\\S+|jdbc:postgresql:\\S+");

    private DatabaseUrl() {
    }

    /**
     * The URL with its {@code password} parameter and any {@code user:password@} part masked; the rest as
     * written. A URL the driver cannot read keeps only what stands before its query.
     */
    public static String mask(String url) {
        if (url == null) {
            return "";
        }
        int q = url.indexOf('?');
        String base = USERINFO.matcher(q < 0 ? url : url.substring(0, q)).replaceAll("$1" + MASK + "@");
        if (q < 0) {
            return base;
        }
        StringBuilder masked = new StringBuilder(base).append('?');
        String[] params = url.substring(q + 1).split("&", -1);
        for (int i = 0; i < params.length; i++) {
            String param = params[i];
            int eq = param.indexOf('=');
            Optional<String> key = decode(eq < 0 ? param : param.substring(0, eq));
            if (i > 0) {
                masked.append('&');
            }
            if (key.isEmpty() || eq >= 0 && key.get().toLowerCase(Locale.ROOT).equals("password")) {
                masked.append(eq < 0 ? MASK : param.substring(0, eq + 1) + MASK);
            } else {
                masked.append(param);
            }
        }
        String result = masked.toString();
        if (url.startsWith("jdbc:postgresql:")
                && (parse(url) == null || driverPassword(result).filter(p -> !p.equals(MASK)).isPresent())) {
            // The driver cannot read it (so which part it takes for a password is unknown), or still finds
            // a password after masking: show no parameter at all.
            return base + "?" + MASK;
        }
        return result;
    }

    /** The password the driver reads from the URL's parameters, decoded; empty when it names none. */
    public static Optional<String> driverPassword(String url) {
        Properties p = parse(url);
        return p == null ? Optional.empty() : Optional.ofNullable(p.getProperty("password"));
    }

    private static Properties parse(String url) {
        try {
            return Driver.parseURL(url, new Properties());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Optional<String> decode(String s) {
        try {
            return Optional.of(URLDecoder.decode(s, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Free text (an error message, a command line) with every PostgreSQL URL in it masked by
     * {@link #mask(String)}, and any other {@code password=value} masked up to the next {@code &} or white space.
     */
    public static String maskText(String text) {
        if (text == null) {
            return "";
        }
        Matcher m = URL_IN_TEXT.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(mask(m.group())));
        }
        m.appendTail(sb);
        return PASSWORD_PARAM.matcher(sb.toString()).replaceAll("$1" + MASK);
    }

    /** The same exception's content with every occurrence of {@code password} replaced; the cause chain kept. */
    static SQLException scrub(SQLException e, String password) {
        String message = e.getMessage() == null ? "" : maskText(e.getMessage());
        if (password != null && password.length() >= 3) {
            message = message.replace(password, MASK);
        }
        if (message.equals(e.getMessage())) {
            return e;
        }
        SQLException clean = new SQLException(message, e.getSQLState(), e.getErrorCode());
        clean.setStackTrace(e.getStackTrace());
        return clean;
    }
}
