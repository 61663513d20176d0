-- sluice:lock-timeout 5s
alter table orders add column note text;
