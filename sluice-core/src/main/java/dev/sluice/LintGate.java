package dev.sluice;

import dev.sluice.execution.MigrationPlan;
import dev.sluice.execution.PlanStep;
import dev.sluice.lint.GateReport;
import dev.sluice.lint.LintFailedException;
import dev.sluice.lint.LintInput;
import dev.sluice.lint.LintReport;
import dev.sluice.lint.LintSettings;
import dev.sluice.lint.Linter;
import dev.sluice.lint.MigrationRole;
import dev.sluice.lint.TableSizes;
import dev.sluice.migration.Migration;
import dev.sluice.migration.MigrationBody;
import dev.sluice.migration.MigrationCatalog;
import dev.sluice.migration.SqlMigrationBody;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Lints the SQL of the steps a plan is about to run and refuses the plan on an error-level finding, so
 * no migration statement executes. Every versioned up in the project is read, in order, so each file is
 * judged against the tables the migrations before it created; only the plan's own files are reported.
 * Unlike {@code sluice lint}, the gate knows the database it runs on: a table an earlier migration of the
 * run creates is new, and a hazard whose cost grows with the table passes on a table the database shows
 * to be small ({@link dev.sluice.lint.Linter#lintAgainst}). Java migrations are not linted.
 */
final class LintGate {

    private LintGate() {
    }

    /**
     * Refuses the plan when the gate blocks it; does nothing when the gate is off or the plan empty. Only
     * the reading against the database can block, so the files are linted once here; {@link #judge} lints
     * them a second time without the database to explain what passes because a table is new in the run.
     */
    static void check(LintSettings settings, MigrationCatalog catalog, MigrationPlan plan, Connection connection) {
        if (!settings.beforeMigrate() || plan.isEmpty()) {
            return;
        }
        GateReport report = GateReport.of(new LintReport(List.of(), 0, 0),
                new Linter(settings).lintAgainst(inputs(catalog, plan), new DatabaseTableSizes(connection)), settings);
        if (report.blocks()) {
            throw new LintFailedException(report.blocking());
        }
    }

    /** What the gate decides about the plan, and why, without refusing anything. */
    static GateReport judge(LintSettings settings, MigrationCatalog catalog, MigrationPlan plan, TableSizes database) {
        List<LintInput> inputs = inputs(catalog, plan);
        Linter linter = new Linter(settings);
        return GateReport.of(linter.lint(inputs), linter.lintAgainst(inputs, database), settings);
    }

    /** Every versioned up in order, the plan's downs and the repeatables; only the plan's files are reported. */
    private static List<LintInput> inputs(MigrationCatalog catalog, MigrationPlan plan) {
        Set<String> toRun = new HashSet<>();
        for (PlanStep step : plan.steps()) {
            toRun.add(step.scriptName());
        }
        List<LintInput> inputs = new ArrayList<>();
        for (Migration m : catalog.versioned()) {
            add(inputs, m.up(), MigrationRole.UP, toRun, m.version());
            m.down().ifPresent(d -> add(inputs, d, MigrationRole.DOWN, toRun, m.version()));
        }
        for (Migration m : catalog.repeatable()) {
            add(inputs, m.up(), MigrationRole.REPEATABLE, toRun, Optional.empty());
        }
        return inputs;
    }

    private static void add(List<LintInput> inputs, MigrationBody body, MigrationRole role, Set<String> toRun,
                            Optional<dev.sluice.migration.Version> version) {
        if (body instanceof SqlMigrationBody sql) {
            boolean report = toRun.contains(sql.name());
            if (role == MigrationRole.DOWN && !report) {
                return;
            }
            inputs.add(LintInput.ofScript(sql.script(), role, report, version));
        }
    }
}
