alter table orders add column note text;
update customers set name = btrim(name) where id < 1000;
