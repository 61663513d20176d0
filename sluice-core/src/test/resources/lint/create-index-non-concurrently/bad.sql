-- orders already exists and takes writes: a plain build blocks them until it finishes.
create index orders_placed_at_idx on orders (placed_at);
