package dev.sluice.it.javamigrations;

import dev.sluice.migration.MigrationContext;
import dev.sluice.migration.SafeMigration;

/** A well-behaved Java migration used by the tests. */
public class V1__Create_accounts extends SafeMigration {

    @Override
    protected void performUp(MigrationContext context) throws Exception {
        context.execute("create table accounts (id bigint primary key, balance bigint not null default 0)");
        context.execute("insert into accounts (id) values (1), (2)");
    }

    @Override
    protected void performDown(MigrationContext context) throws Exception {
        context.execute("drop table accounts");
    }

    @Override
    protected void validateUp(MigrationContext context) throws Exception {
        context.check(context.queryForLong("select count(*) from accounts") == 2, "expected two accounts");
    }

    @Override
    protected void validateDown(MigrationContext context) throws Exception {
        context.check(!context.queryForBoolean("select to_regclass('accounts') is not null"), "accounts still exists");
    }
}
