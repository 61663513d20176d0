drop index concurrently orders_customer_idx;
