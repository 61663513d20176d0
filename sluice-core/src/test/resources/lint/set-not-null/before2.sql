alter table orders validate constraint orders_placed_at_not_null;
