package dev.sluice.doctor;

import dev.sluice.execution.MigrationPlan;
import dev.sluice.execution.PlanStep;
import dev.sluice.lint.Finding;
import dev.sluice.lint.Linter;
import dev.sluice.lint.Severity;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code pending}: the migrations the coming migrate would run, each with how it runs (one transaction or
 * autocommit) and its lint verdict. A lint error fails the check, since migrate would stop there anyway;
 * better to learn it before a maintenance window opens.
 *
 * <p>Hazard: the lint here reads the whole folder, without the table sizes the migrate's gate reads, so a
 * finding the gate would wave through for a small table still shows; the gate has the last word.
 */
final class PendingCheck implements DoctorCheck {

    @Override
    public String id() {
        return "pending";
    }

    @Override
    public String title() {
        return "the pending migrations and their lint verdicts";
    }

    @Override
    public CheckOutcome run(DoctorContext context) {
        Optional<MigrationPlan> plan = context.plan();
        if (plan.isEmpty()) {
            return CheckOutcome.warn(context.reachable() ? "not listed: the migrations are not valid"
                    : "not listed: database unreachable");
        }
        Map<String, List<Finding>> byFile = new LinkedHashMap<>();
        Path migrations = context.request().migrationsDir().toAbsolutePath().normalize();
        for (Finding f : new Linter(context.lint()).lint(Linter.folderInputs(migrations, p -> true)).findings()) {
            String relative = migrations.relativize(Path.of(f.file()).toAbsolutePath().normalize()).toString().replace('\\', '/');
            byFile.computeIfAbsent(relative, k -> new ArrayList<>()).add(f);
        }
        List<String> lines = new ArrayList<>();
        CheckStatus status = CheckStatus.PASS;
        for (PlanStep step : plan.get().steps()) {
            List<Finding> findings = byFile.getOrDefault(step.scriptName(), List.of());
            long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
            long warnings = findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
            String verdict = errors + warnings == 0 ? "lint ok" : "lint: " + errors + " error(s), " + warnings + " warning(s): "
                    + findings.stream().map(f -> "line " + f.line() + " [" + f.rule() + "]").collect(Collectors.joining(", "));
            if (errors > 0) {
                status = CheckStatus.FAIL;
            } else if (warnings > 0 && status == CheckStatus.PASS) {
                status = CheckStatus.WARN;
            }
            lines.add(step.migration().label() + "  [" + step.scriptName() + "]  "
                    + (step.transactional() ? "in one transaction" : "in autocommit") + "; " + verdict);
        }
        String summary = lines.isEmpty() ? "no pending migration"
                : lines.size() + " pending migration" + (lines.size() == 1 ? "" : "s")
                + (status == CheckStatus.FAIL ? "; the lint would stop migrate (see sluice lint)" : "");
        return new CheckOutcome(status, summary, lines);
    }
}
