ALTER TABLE order_lines ADD COLUMN total_cents integer GENERATED ALWAYS AS (quantity * price_cents) STORED;
