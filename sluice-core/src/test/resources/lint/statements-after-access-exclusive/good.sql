update customers set name = btrim(name) where id < 1000;
alter table orders add column note text;
