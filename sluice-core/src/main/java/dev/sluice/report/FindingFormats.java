package dev.sluice.report;

import dev.sluice.lint.Finding;
import dev.sluice.lint.Severity;
import dev.sluice.trace.TraceFinding;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How findings look in every output that carries them (lint, trace, verify): one JSON shape, one
 * GitHub annotation form, file names relative to the working directory as compilers print them.
 */
public final class FindingFormats {

    private FindingFormats() {
    }

    /** A trace finding in the lint's shape, so both share ids, severities and formats. */
    public static Finding of(TraceFinding t) {
        return new Finding(t.script(), Math.max(1, t.line()), 1, t.rule(), Severity.valueOf(t.severity().toUpperCase(Locale.ROOT)),
                t.message() + " (seen by tracing)", "");
    }

    public static Map<String, Object> json(Finding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", f.file());
        m.put("line", f.line());
        m.put("column", f.column());
        m.put("rule", f.rule());
        m.put("severity", f.severity().label());
        m.put("message", f.message());
        m.put("alternative", f.alternative());
        return m;
    }

    /** A GitHub Actions workflow command; its message and properties are escaped as the runner expects. */
    public static String github(Finding f) {
        String command = switch (f.severity()) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "notice";
        };
        return "::" + command + " file=" + property(f.file()) + ",line=" + f.line() + ",col=" + f.column()
                + ",title=" + property(f.rule()) + "::" + data(f.message()
                + (f.alternative().isEmpty() ? "" : "\nInstead: " + f.alternative()));
    }

    /** A GitHub annotation for a result that is not tied to a line. */
    public static String github(String level, String title, String message) {
        return "::" + level + " title=" + property(title) + "::" + data(message);
    }

    public static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }

    /** File names relative to the working directory when the file lies under it. */
    public static Finding relative(Finding f) {
        Path cwd = Path.of("").toAbsolutePath();
        Path file = Path.of(f.file()).toAbsolutePath().normalize();
        String shown = file.startsWith(cwd) ? cwd.relativize(file).toString() : f.file();
        return new Finding(shown.replace('\\', '/'), f.line(), f.column(), f.rule(), f.severity(), f.message(), f.alternative());
    }
}
