-- sluice:ignore drop-table nothing here drops a table
alter table orders add column note text;
