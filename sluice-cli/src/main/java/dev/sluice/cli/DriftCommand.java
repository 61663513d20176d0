package dev.sluice.cli;

import dev.sluice.json.Json;

import dev.sluice.DriftReport;
import dev.sluice.Sluice;
import dev.sluice.migration.Version;
import dev.sluice.postgres.ScratchDatabases;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code sluice drift}: is the live schema what the applied migrations produce? By default the
 * migrations are rebuilt on a throwaway PostgreSQL of the target's major (or {@code --pg-version} /
 * {@code --dev-url}) and every difference is listed; with
 * {@code --against-history} only the fingerprint stored at the last migration is compared.
 */
@Command(name = "drift", description = "Find schema changes made outside migrations; exit 7 when there are some.")
final class DriftCommand extends ProjectCommand {

    @Option(names = "--against-history",
            description = "Compare with the fingerprint stored at the last migration instead of rebuilding (says only whether it differs).")
    boolean againstHistory;

    @Option(names = "--ignore-column-order", description = "Do not report columns that only come in another order.")
    boolean ignoreColumnOrder;

    @Option(names = "--privileges", description = "Compare owners and grants too (rebuild mode only).")
    boolean privileges;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Mixin
    ScratchServerOptions scratchServer = new ScratchServerOptions();

    @Override
    int run(Project project) throws Exception {
        Sluice sluice = project.sluice(project.settings());
        String target = project.describeTarget();
        DriftReport report;
        String rebuiltOn = null;
        if (againstHistory) {
            report = sluice.driftAgainstHistory();
        } else {
            try (ScratchDatabases scratch = sluice.scratchDatabases(scratchServer.settings(project))) {
                rebuiltOn = scratch.describe();
                report = sluice.driftAgainstRebuild(privileges, ignoreColumnOrder, scratch.newDatabase("rebuild").connections());
            }
        }
        String version = report.version().map(Version::toString).orElse("none");
        if (json) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("database", target);
            root.put("mode", report.mode().name().toLowerCase(java.util.Locale.ROOT));
            root.put("version", report.version().map(Version::toString).orElse(null));
            root.put("drifted", report.drifted());
            root.put("targetMajor", report.targetMajor());
            if (report.mode() == DriftReport.Mode.REBUILD) {
                root.put("rebuiltOn", rebuiltOn);
                root.put("scratchMajor", report.scratchMajor());
                root.put("normalised", report.normalised());
            }
            root.put("expectedFingerprint", report.expectedFingerprint().orElse(null));
            root.put("actualFingerprint", report.actualFingerprint());
            report.diff().ifPresent(d -> root.putAll(DiffReport.toJson(d)));
            out().println(Json.write(root));
        } else {
            out().println("database: " + target + " (PostgreSQL " + report.targetMajor() + ")");
            if (report.mode() == DriftReport.Mode.REBUILD) {
                out().println("rebuilt on " + rebuiltOn);
                if (report.crossMajor()) {
                    out().println("note: PostgreSQL " + report.scratchMajor() + " and " + report.targetMajor() + " may print some"
                            + " definitions differently; view definitions were compared after the scratch server parsed both ("
                            + report.normalised().size() + " matched only so), other definitions as text, which may show"
                            + " as drift. Give --pg-version " + report.targetMajor() + " or --dev-url to rebuild on the same major.");
                }
            }
            if (report.mode() == DriftReport.Mode.HISTORY) {
                printHistory(report, version);
            } else if (report.drifted()) {
                var diff = report.diff().orElseThrow();
                out().println("drift: " + diff.lines().size() + " differences from what the migrations up to version "
                        + version + " produce:");
                DiffReport.printLines(out(), diff);
                out().println("'added' is in the database but not in the migrations; 'removed' is in the migrations but not in the database.");
            } else {
                out().println("no drift: the schema is what the migrations up to version " + version + " produce"
                        + (ignoreColumnOrder ? " (column order ignored)" : "") + "; fingerprint " + report.actualFingerprint());
            }
        }
        if (report.mode() == DriftReport.Mode.HISTORY && report.expectedFingerprint().isEmpty()) {
            return ExitCodes.INVALID;
        }
        return report.drifted() ? ExitCodes.DRIFT : ExitCodes.OK;
    }

    private void printHistory(DriftReport report, String version) {
        if (report.expectedFingerprint().isEmpty()) {
            out().println("cannot tell: the history holds no schema fingerprint (no migration ran yet, or they ran before"
                    + " fingerprints were stored). Run 'sluice drift' without --against-history to rebuild and compare.");
        } else if (report.drifted()) {
            out().println("drift: the schema differs from the one recorded after the last migration (version " + version
                    + "): fingerprint " + report.expectedFingerprint().get() + " then, " + report.actualFingerprint() + " now.");
            out().println("Run 'sluice drift' without --against-history to rebuild the migrations on a scratch database"
                    + " and list each difference.");
        } else {
            out().println("no drift: the schema is the one recorded after the last migration (version " + version
                    + "); fingerprint " + report.actualFingerprint());
        }
    }
}
