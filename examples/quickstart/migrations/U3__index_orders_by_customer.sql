drop index concurrently if exists orders_customer_id_idx;

-- sluice:validate
select to_regclass('orders_customer_id_idx') is null;
