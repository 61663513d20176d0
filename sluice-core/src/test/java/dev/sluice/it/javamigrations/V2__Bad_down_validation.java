package dev.sluice.it.javamigrations;

import dev.sluice.migration.MigrationContext;
import dev.sluice.migration.SafeMigration;

/** Its down forgets to restore what the up removed, and its down validation notices. */
public class V2__Bad_down_validation extends SafeMigration {

    @Override
    protected void performUp(MigrationContext context) throws Exception {
        context.execute("alter table accounts drop column balance");
    }

    @Override
    protected void performDown(MigrationContext context) throws Exception {
        // Forgets to add balance back.
    }

    @Override
    protected void validateUp(MigrationContext context) throws Exception {
    }

    @Override
    protected void validateDown(MigrationContext context) throws Exception {
        context.check(context.queryForBoolean(
                "select exists (select 1 from information_schema.columns where table_name = 'accounts' and column_name = 'balance')"),
                "balance must be back");
    }
}
