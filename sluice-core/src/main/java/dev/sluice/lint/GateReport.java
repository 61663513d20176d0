package dev.sluice.lint;

import dev.sluice.migration.ByteSizeText;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the migrate gate decided about the migrations of one run, and why: each finding the files alone
 * would give, with whether it blocks the run, passes (its table is new in this run, or small in the real
 * database), or is only reported. {@code migrate --dry-run} prints it; {@code migrate} refuses to start
 * when anything blocks.
 *
 * @param decisions one per finding, in file and line order
 * @param files     how many files of the run were judged
 * @param notJudged how many files of the run lie at or before {@code lint.start-after}
 * @param settings  the lint settings the gate ran with
 */
public record GateReport(List<Decision> decisions, int files, int notJudged, LintSettings settings) {

    /** What the gate did with one finding. */
    public enum Outcome { BLOCKS, PASSES, REPORTED }

    /**
     * @param finding the finding as the gate sees it (for a pass on size, at info with the measured size)
     * @param outcome what it means for the run
     * @param reason  for a pass, why it passes; empty otherwise
     */
    public record Decision(Finding finding, Outcome outcome, String reason) {
    }

    public GateReport {
        decisions = List.copyOf(decisions);
    }

    /**
     * Puts the files-only reading beside the reading against the database: a finding the first has and
     * the second lacks passed because its table is created earlier in the run.
     */
    public static GateReport of(LintReport filesOnly, LintReport againstDatabase, LintSettings settings) {
        Map<String, Finding> live = new HashMap<>();
        for (Finding f : againstDatabase.findings()) {
            live.put(key(f), f);
        }
        List<Decision> decisions = new ArrayList<>();
        for (Finding f : filesOnly.findings()) {
            Finding g = live.remove(key(f));
            if (g == null) {
                decisions.add(new Decision(f, Outcome.PASSES, "its table is created by an earlier migration of this run"));
            } else {
                decisions.add(decide(g));
            }
        }
        live.values().forEach(g -> decisions.add(decide(g)));
        decisions.sort(java.util.Comparator.comparing((Decision d) -> d.finding().file())
                .thenComparingInt(d -> d.finding().line()).thenComparingInt(d -> d.finding().column())
                .thenComparing(d -> d.finding().rule()));
        return new GateReport(decisions, againstDatabase.files(), againstDatabase.notJudged(), settings);
    }

    private static Decision decide(Finding f) {
        if (f.severity() == Severity.ERROR) {
            return new Decision(f, Outcome.BLOCKS, "");
        }
        int at = f.message().indexOf(TableSizeVerdict.PASSES);
        if (at >= 0) {
            return new Decision(f, Outcome.PASSES, f.message().substring(at + TableSizeVerdict.PASSES.length()));
        }
        return new Decision(f, Outcome.REPORTED, "");
    }

    private static String key(Finding f) {
        return f.file() + ":" + f.line() + ":" + f.column() + ":" + f.rule();
    }

    /** Whether the run must not start. */
    public boolean blocks() {
        return decisions.stream().anyMatch(d -> d.outcome() == Outcome.BLOCKS);
    }

    /** The findings that stop the run. */
    public List<Finding> blocking() {
        return decisions.stream().filter(d -> d.outcome() == Outcome.BLOCKS).map(Decision::finding).toList();
    }

    /** Printable lines for a dry run. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("lint gate: " + files + " file" + (files == 1 ? "" : "s") + " judged against the database"
                + " (lint.gate.small-table " + ByteSizeText.format(settings.smallTableBytes()) + ")"
                + (notJudged == 0 ? "" : "; " + notJudged + " at or before lint.start-after "
                + settings.startAfter().map(Object::toString).orElse("") + " not judged"));
        for (Decision d : decisions) {
            Finding f = d.finding();
            String where = f.file() + ":" + f.line() + ":" + f.column() + " [" + f.rule() + "] ";
            switch (d.outcome()) {
                case BLOCKS -> lines.add("  blocks   " + where + f.message());
                case PASSES -> lines.add("  passes   " + where + d.reason());
                default -> lines.add("  " + String.format("%-8s", f.severity().label()) + " " + where + f.message());
            }
        }
        long blocking = blocking().size();
        lines.add(blocking == 0 ? "lint gate: nothing blocks"
                : "lint gate: " + blocking + " error" + (blocking == 1 ? "" : "s") + " block the run; migrate would stop with exit code 5");
        return lines;
    }
}
