package dev.sluice.doctor;

import dev.sluice.execution.MigrationPlan;
import dev.sluice.execution.ProjectStatus;
import dev.sluice.execution.StateProblem;
import dev.sluice.migration.MigrationCatalog;
import dev.sluice.migration.MigrationProblem;

import java.util.List;
import java.util.Optional;

/**
 * {@code migrations}: the files resolve (no duplicate versions, no bad names) and agree with the history
 * (checksums, order, interrupted runs): the problems {@code status} lists, each of which would stop
 * {@code migrate}. When they agree, it also plans the coming migrate, which the pending and locks checks
 * read.
 *
 * <p>Hazard: with the database unreachable only the files can be checked, and the check says so rather
 * than pass on half the evidence.
 */
final class MigrationsCheck implements DoctorCheck {

    /**
     * What the migrations look like: resolver warnings, whether the history was read, the problems
     * between files and history, the plan when there are none, or the error that stopped the survey.
     */
    record Survey(List<String> warnings, boolean historyRead, List<String> problems, Optional<MigrationPlan> plan,
                  Optional<String> error) {
    }

    @Override
    public String id() {
        return "migrations";
    }

    @Override
    public String title() {
        return "the migration files agree with the history";
    }

    @Override
    public CheckOutcome run(DoctorContext context) {
        Survey s = context.migrations();
        if (s.error().isPresent()) {
            return CheckOutcome.fail("invalid: " + s.error().get());
        }
        CheckStatus filesOnly = s.warnings().isEmpty() ? CheckStatus.PASS : CheckStatus.WARN;
        if (!s.historyRead()) {
            return new CheckOutcome(filesOnly, "files resolve; history not checked (database unreachable)", s.warnings());
        }
        if (!s.problems().isEmpty()) {
            return new CheckOutcome(CheckStatus.FAIL, s.problems().size() + " problem"
                    + (s.problems().size() == 1 ? "" : "s") + " between files and history", s.problems());
        }
        return new CheckOutcome(filesOnly, "files and history agree (checksums, order, no duplicates)", s.warnings());
    }

    static Survey survey(DoctorContext context) {
        List<String> warnings = List.of();
        try {
            MigrationCatalog catalog = context.project().catalog();
            warnings = catalog.warnings().stream().map(MigrationProblem::toString).toList();
            if (!context.reachable()) {
                return new Survey(warnings, false, List.of(), Optional.empty(), Optional.empty());
            }
            ProjectStatus status = context.project().status();
            List<String> problems = status.problems().stream().map(StateProblem::toString).toList();
            if (!problems.isEmpty()) {
                return new Survey(warnings, true, problems, Optional.empty(), Optional.empty());
            }
            MigrationPlan plan = context.project().planMigrate(context.request().target());
            return new Survey(warnings, true, List.of(), Optional.of(plan), Optional.empty());
        } catch (Exception e) {
            return new Survey(warnings, true, List.of(), Optional.empty(), Optional.of(String.valueOf(e.getMessage())));
        }
    }
}
