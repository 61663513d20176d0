-- A validated CHECK (placed_at IS NOT NULL) exists (see before.sql): PostgreSQL skips the scan.
alter table orders alter column placed_at set not null;
alter table orders drop constraint orders_placed_at_not_null;
