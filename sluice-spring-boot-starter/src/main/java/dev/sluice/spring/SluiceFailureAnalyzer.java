package dev.sluice.spring;

import dev.sluice.adopt.ManagedByAnotherToolException;
import dev.sluice.lint.LintFailedException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Turns a start-up that Sluice stopped into Spring Boot's short "APPLICATION FAILED TO START" report: Sluice's
 * own message (which names the file, line and rule) as the description, and the way forward as the action,
 * instead of a bean-creation stack trace a screen long.
 */
public class SluiceFailureAnalyzer implements FailureAnalyzer {

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (!t.getClass().getName().startsWith("dev.sluice.")) {
                continue;
            }
            String description = "Sluice did not migrate the database at start-up: " + t.getMessage();
            if (t instanceof LintFailedException) {
                return new FailureAnalysis(description, "Make the migration safe (docs/lint.md names the safe form for each"
                        + " rule), or add '-- sluice:ignore <rule-id> <reason>' above the statement, or set"
                        + " spring.sluice.lint.fail-on-error=false to log lint errors and migrate anyway.", t);
            }
            if (t instanceof ManagedByAnotherToolException) {
                return new FailureAnalysis(description, "Take the other tool's history over once with 'sluice adopt', or set"
                        + " spring.sluice.enabled=false to leave the migrations to it.", t);
            }
            return new FailureAnalysis(description, "Do what the description says; the database is as the last committed"
                    + " migration left it. spring.sluice.enabled=false starts the application without migrating.", t);
        }
        return null;
    }
}
