alter table orders add column note text;
alter table orders add column source text;
