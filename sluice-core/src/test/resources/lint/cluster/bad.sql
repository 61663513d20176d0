cluster orders using orders_placed_at_idx;
