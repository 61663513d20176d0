package dev.sluice.lint.rules;

import dev.sluice.lint.Rule;
import dev.sluice.lint.Severity;

/** Holds a rule's id, default severity and summary, so each rule class is only its check. */
abstract class BaseRule implements Rule {

    private final String id;
    private final Severity severity;
    private final String summary;

    BaseRule(String id, Severity severity, String summary) {
        this.id = id;
        this.severity = severity;
        this.summary = summary;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final Severity defaultSeverity() {
        return severity;
    }

    @Override
    public final String summary() {
        return summary;
    }

    @Override
    public String toString() {
        return id;
    }
}
