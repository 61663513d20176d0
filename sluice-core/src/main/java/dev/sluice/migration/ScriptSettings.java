package dev.sluice.migration;

import java.time.Duration;
import java.util.Optional;

/**
 * What a script's header directives ask for; empty values mean "use the run's setting".
 *
 * @param transactionOff   {@code -- sluice:transaction off}: run statement by statement in autocommit
 * @param lockTimeout      {@code -- sluice:lock-timeout 2s}
 * @param statementTimeout {@code -- sluice:statement-timeout 15min}
 */
public record ScriptSettings(boolean transactionOff, Optional<Duration> lockTimeout,
                             Optional<Duration> statementTimeout) {

    /** No directives: every setting comes from the run. */
    public static final ScriptSettings DEFAULTS = new ScriptSettings(false, Optional.empty(), Optional.empty());
}
