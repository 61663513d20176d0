reindex index orders_placed_at_idx;
