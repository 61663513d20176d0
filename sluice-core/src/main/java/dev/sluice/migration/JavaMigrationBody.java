package dev.sluice.migration;

import java.util.Objects;

/** One direction of a {@link SafeMigration}: its perform method, then its validate method. */
public record JavaMigrationBody(SafeMigration migration, Direction direction) implements MigrationBody {

    public JavaMigrationBody {
        Objects.requireNonNull(migration, "migration");
        Objects.requireNonNull(direction, "direction");
    }

    @Override
    public String name() {
        return migration.getClass().getName() + (direction == Direction.DOWN ? " (down)" : "");
    }

    @Override
    public boolean transactional() {
        return migration.transactional();
    }

    @Override
    public ScriptSettings settings() {
        return ScriptSettings.DEFAULTS;
    }

    /** Runs {@code performUp} or {@code performDown}. */
    public void perform(MigrationContext context) throws Exception {
        if (direction == Direction.UP) {
            migration.up(context);
        } else {
            migration.down(context);
        }
    }

    /** Runs {@code validateUp} or {@code validateDown}. */
    public void validate(MigrationContext context) throws Exception {
        if (direction == Direction.UP) {
            migration.checkUp(context);
        } else {
            migration.checkDown(context);
        }
    }
}
