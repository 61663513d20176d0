package dev.sluice.cli;

import dev.sluice.lint.Finding;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders {@code sluice verify}'s results as text, JSON, JUnit XML or GitHub annotations. */
final class VerifyReport {

    private final List<CheckResult> results;

    VerifyReport(List<CheckResult> results) {
        this.results = List.copyOf(results);
    }

    boolean passed() {
        return results.stream().noneMatch(r -> r.status() == CheckResult.Status.FAILED);
    }

    void text(PrintWriter out) {
        for (Map.Entry<String, List<CheckResult>> suite : bySuite().entrySet()) {
            out.println(suite.getKey() + ":");
            for (CheckResult r : suite.getValue()) {
                line(out, r);
            }
        }
        long failed = results.stream().filter(r -> r.status() == CheckResult.Status.FAILED).count();
        out.println(passed() ? "verify passed" : "verify failed: " + failed + " of " + results.size() + " checks failed");
    }

    private Map<String, List<CheckResult>> bySuite() {
        Map<String, List<CheckResult>> suites = new LinkedHashMap<>();
        for (CheckResult r : results) {
            suites.computeIfAbsent(r.suite(), k -> new ArrayList<>()).add(r);
        }
        return suites;
    }

    private static void line(PrintWriter out, CheckResult r) {
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

    Map<String, Object> json() {
        List<Object> checks = new ArrayList<>();
        for (CheckResult r : results) {
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
    String junit() {
        Map<String, List<CheckResult>> suites = bySuite();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<testsuites name=\"sluice verify\" tests=\"").append(results.size()).append("\" failures=\"")
                .append(count(results, CheckResult.Status.FAILED)).append("\">\n");
        for (Map.Entry<String, List<CheckResult>> suite : suites.entrySet()) {
            List<CheckResult> cases = suite.getValue();
            xml.append("  <testsuite name=\"").append(attr(suite.getKey())).append("\" tests=\"").append(cases.size())
                    .append("\" failures=\"").append(count(cases, CheckResult.Status.FAILED))
                    .append("\" skipped=\"").append(count(cases, CheckResult.Status.SKIPPED))
                    .append("\" time=\"").append(seconds(cases.stream().mapToLong(CheckResult::millis).sum())).append("\">\n");
            for (CheckResult r : cases) {
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

    void github(PrintWriter out) {
        for (CheckResult r : results) {
            for (Finding f : r.findings()) {
                out.println(FindingFormats.github(f));
            }
            if (r.findings().isEmpty() && (r.status() == CheckResult.Status.FAILED || r.status() == CheckResult.Status.WARNING)) {
                out.println(FindingFormats.github(r.status() == CheckResult.Status.FAILED ? "error" : "warning",
                        r.suite() + ": " + r.name(), r.message() + (r.details().isEmpty() ? "" : "\n" + r.details())));
            }
        }
    }

    private static long count(List<CheckResult> results, CheckResult.Status status) {
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
