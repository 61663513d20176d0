CREATE INDEX orders_placed_idx ON orders (placed_at);
ALTER TABLE customers ALTER COLUMN full_name TYPE varchar(200);
