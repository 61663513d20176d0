create index concurrently orders_account_idx on orders (account_id);
