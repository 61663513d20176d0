package dev.sluice.migration;

import java.util.Optional;

/**
 * A Java migration that carries its own way back and its own proof. Name the class
 * {@code V<version>__<Description>} (for example {@code V3__Backfill_user_emails}); Sluice takes the
 * version and description from the name, as for SQL files.
 *
 * <p>Sluice runs {@link #performUp} and then {@link #validateUp} in one transaction with the history
 * row; if the validation fails, everything the up did is rolled back. {@link #performDown} and
 * {@link #validateDown} work the same way on rollback.
 *
 * <p>Hazards: keep the methods free of commits and of side effects outside the database (an email sent
 * from an up cannot be rolled back). A migration that must run outside a transaction (for example one
 * that builds an index concurrently) overrides {@link #transactional()}; it then has no rollback on
 * failure, so its statements should be idempotent.
 */
public abstract class SafeMigration {

    /** Applies the change. */
    protected abstract void performUp(MigrationContext context) throws Exception;

    /** Reverses {@link #performUp}. */
    protected abstract void performDown(MigrationContext context) throws Exception;

    /** Proves that the up did what it should; use {@link MigrationContext#check}. */
    protected abstract void validateUp(MigrationContext context) throws Exception;

    /** Proves that the down restored what it should; use {@link MigrationContext#check}. */
    protected abstract void validateDown(MigrationContext context) throws Exception;

    /** Whether Sluice wraps this migration in a transaction; {@code true} unless overridden. */
    public boolean transactional() {
        return true;
    }

    /**
     * A checksum recorded in the history so that a later change to the class can be detected; none by
     * default, since compiled code has no stable text. Return a string that changes when the logic does.
     */
    public Optional<String> checksum() {
        return Optional.empty();
    }

    final void up(MigrationContext context) throws Exception {
        performUp(context);
    }

    final void down(MigrationContext context) throws Exception {
        performDown(context);
    }

    final void checkUp(MigrationContext context) throws Exception {
        validateUp(context);
    }

    final void checkDown(MigrationContext context) throws Exception {
        validateDown(context);
    }
}
