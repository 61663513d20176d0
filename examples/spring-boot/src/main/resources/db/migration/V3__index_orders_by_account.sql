create index concurrently orders_account_id_idx on orders (account_id);
