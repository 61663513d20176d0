package dev.sluice.verify;

import dev.sluice.lint.Finding;
import dev.sluice.report.FindingFormats;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link VerifyReport} as text, JSON, JUnit XML or GitHub annotations, the same for the command
 * line and the build plugins; a shell picks the format and where it goes.
 */
public final class VerifyReportFormat {

    private final VerifyReport report;
    private final List<VerifyCheck> results;

    private VerifyReportFormat(VerifyReport report) {
        this.report = report;
        this.results = report.checks();
    }

    public static VerifyReportFormat of(VerifyReport report) {
        return new VerifyReportFormat(report);
    }

    private boolean passed() {
        return report.passed();
    }

    /** Checks grouped by suite, one line each with details indented, and the verdict. */
    public void text(PrintWriter out) {
        for (Map.Entry<String, List<VerifyCheck>> suite : bySuite().entrySet()) {
            out.println(suite.getKey() + ":");
            for (VerifyCheck r : suite.getValue()) {
                line(out, r);
            }
        }
        long failed = results.stream().filter(r -> r.status() == VerifyCheck.Status.FAILED).count();
        out.println(passed() ? "verify passed" : "verify failed: " + failed + " of " + results.size() + " checks failed");
    }

    private Map<String, List<VerifyCheck>> bySuite() {
        Map<String, List<VerifyCheck>> suites = new LinkedHashMap<>();
        for (VerifyCheck r : results) {
            suites.computeIfAbsent(r.suite(), k -> new ArrayList<>()).add(r);
        }
        return suites;
    }

    private static void line(PrintWriter out, VerifyCheck r) {
        String mark = switch (r.status()) {
            case PASSED -> "ok  ";
            case WARNING -> "warn";
            case FAILED -> "FAIL";
            case SKIPPED -> "skip";
        };
        out.println("  " + mark + " " + r.name() + (r.message().isEmpty() ? "" : ": " + r.message()));
        String details = r.details().startsWith(r.message()) && !r.message().isEmpty()
                ? r.details().substring(r.message().length()).replaceFirst("^\n", "") : r.details();
        if (!details.isEmpty()) {
            out.println("         " + details.replace("\n", "\n         "));
        }
    }

    /** The report as JSON-ready maps: {@code passed} and every check with its findings. */
    public Map<String, Object> json() {
        List<Object> checks = new ArrayList<>();
        for (VerifyCheck r : results) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("suite", r.suite());
            m.put("name", r.name());
            m.put("status", r.status().name());
            m.put("message", r.message());
            m.put("details", r.details());
            m.put("findings", r.findings().stream().map(FindingFormats::json).toList());
            m.put("ms", r.millis());
            checks.add(m);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("passed", passed());
        root.put("checks", checks);
        return root;
    }

    /** JUnit XML: a test suite per kind of check, a test case per check or migration. */
    public String junit() {
        Map<String, List<VerifyCheck>> suites = bySuite();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<testsuites name=\"sluice verify\" tests=\"").append(results.size()).append("\" failures=\"")
                .append(count(results, VerifyCheck.Status.FAILED)).append("\">\n");
        for (Map.Entry<String, List<VerifyCheck>> suite : suites.entrySet()) {
            List<VerifyCheck> cases = suite.getValue();
            xml.append("  <testsuite name=\"").append(attr(suite.getKey())).append("\" tests=\"").append(cases.size())
                    .append("\" failures=\"").append(count(cases, VerifyCheck.Status.FAILED))
                    .append("\" skipped=\"").append(count(cases, VerifyCheck.Status.SKIPPED))
                    .append("\" time=\"").append(seconds(cases.stream().mapToLong(VerifyCheck::millis).sum())).append("\">\n");
            for (VerifyCheck r : cases) {
                xml.append("    <testcase classname=\"sluice.").append(attr(r.suite())).append("\" name=\"").append(attr(r.name()))
                        .append("\" time=\"").append(seconds(r.millis())).append("\"");
                switch (r.status()) {
                    case FAILED -> xml.append(">\n      <failure message=\"").append(attr(r.message())).append("\">")
                            .append(text(r.details())).append("</failure>\n    </testcase>\n");
                    case SKIPPED -> xml.append(">\n      <skipped message=\"").append(attr(r.message())).append("\"/>\n    </testcase>\n");
                    case WARNING -> xml.append(">\n      <system-out>").append(text("warning: " + r.message() + "\n" + r.details()))
                            .append("</system-out>\n    </testcase>\n");
                    default -> xml.append("/>\n");
                }
            }
            xml.append("  </testsuite>\n");
        }
        return xml.append("</testsuites>\n").toString();
    }

    /** GitHub Actions workflow commands: one per finding, one per failed or warned check without findings. */
    public void github(PrintWriter out) {
        for (VerifyCheck r : results) {
            for (Finding f : r.findings()) {
                out.println(FindingFormats.github(f));
            }
            if (r.findings().isEmpty() && (r.status() == VerifyCheck.Status.FAILED || r.status() == VerifyCheck.Status.WARNING)) {
                out.println(FindingFormats.github(r.status() == VerifyCheck.Status.FAILED ? "error" : "warning",
                        r.suite() + ": " + r.name(), r.message() + (r.details().isEmpty() ? "" : "\n" + r.details())));
            }
        }
    }

    private static long count(List<VerifyCheck> results, VerifyCheck.Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    private static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.3f", millis / 1000.0);
    }

    private static String attr(String s) {
        return text(s).replace("\"", "&quot;").replace("\n", "&#10;");
    }

    private static String text(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        sb.append('?');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
