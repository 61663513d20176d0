-- Built concurrently, so writes to orders go on while it builds. Sluice sees that this statement
-- cannot run inside a transaction and runs this file in autocommit; IF NOT EXISTS makes it safe to
-- run again after an interruption.
create index concurrently if not exists orders_customer_id_idx on orders (customer_id);

-- sluice:validate
select indisvalid from pg_index where indexrelid = 'orders_customer_id_idx'::regclass;
