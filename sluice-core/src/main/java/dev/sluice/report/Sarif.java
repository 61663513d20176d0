package dev.sluice.report;

import dev.sluice.lint.Finding;
import dev.sluice.lint.Rule;
import dev.sluice.lint.rules.Rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Lint findings as a SARIF 2.1.0 log, the format code-scanning services import. */
public final class Sarif {

    private Sarif() {
    }

    public static Map<String, Object> of(List<Finding> findings) {
        List<Map<String, Object>> rules = Rules.all().stream().map(Sarif::rule).toList();
        List<Map<String, Object>> results = findings.stream().map(Sarif::result).toList();
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", "sluice");
        driver.put("rules", rules);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", Map.of("driver", driver));
        run.put("results", results);
        Map<String, Object> log = new LinkedHashMap<>();
        log.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        log.put("version", "2.1.0");
        log.put("runs", List.of(run));
        return log;
    }

    private static Map<String, Object> rule(Rule r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("shortDescription", Map.of("text", r.summary()));
        m.put("help", Map.of("text", "See docs/rules/" + r.id() + ".md in the Sluice distribution."));
        m.put("defaultConfiguration", Map.of("level", level(r.defaultSeverity())));
        return m;
    }

    private static Map<String, Object> result(Finding f) {
        Map<String, Object> region = new LinkedHashMap<>();
        region.put("startLine", f.line());
        region.put("startColumn", f.column());
        Map<String, Object> physical = new LinkedHashMap<>();
        physical.put("artifactLocation", Map.of("uri", f.file()));
        physical.put("region", region);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ruleId", f.rule());
        m.put("level", level(f.severity()));
        m.put("message", Map.of("text", f.message() + (f.alternative().isEmpty() ? "" : "\nInstead: " + f.alternative())));
        m.put("locations", List.of(Map.of("physicalLocation", physical)));
        return m;
    }

    private static String level(dev.sluice.lint.Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }
}
