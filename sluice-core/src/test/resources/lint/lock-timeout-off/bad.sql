-- sluice:lock-timeout off
alter table orders add column note text;
