package dev.sluice.it.javamigrations;

import dev.sluice.migration.MigrationContext;
import dev.sluice.migration.SafeMigration;

/** Its up works but its validation fails, so the up must be rolled back. */
public class V2__Broken_validation extends SafeMigration {

    @Override
    protected void performUp(MigrationContext context) throws Exception {
        context.execute("alter table accounts add column frozen boolean");
    }

    @Override
    protected void performDown(MigrationContext context) throws Exception {
        context.execute("alter table accounts drop column frozen");
    }

    @Override
    protected void validateUp(MigrationContext context) throws Exception {
        context.check(context.queryForLong("select count(*) from accounts where frozen") == 2, "both accounts must be frozen");
    }

    @Override
    protected void validateDown(MigrationContext context) throws Exception {
    }
}
