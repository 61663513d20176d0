drop index concurrently if exists orders_placed_at_idx;
