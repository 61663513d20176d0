alter table orders add column note text, add column source text;
