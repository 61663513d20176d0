create index concurrently if not exists orders_placed_at_idx on orders (placed_at);
