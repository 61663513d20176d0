drop index concurrently orders_account_id_idx;
