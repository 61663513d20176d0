create index concurrently orders_customer_idx on orders (customer);
