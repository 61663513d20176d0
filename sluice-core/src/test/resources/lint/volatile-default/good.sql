-- now() is stable: the default is stored once and no row is rewritten.
alter table orders add column updated_at timestamptz default now();
