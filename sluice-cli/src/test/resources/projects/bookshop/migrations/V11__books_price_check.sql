ALTER TABLE books ADD CONSTRAINT books_price_positive CHECK (price_cents > 0);
ALTER TABLE books ALTER COLUMN isbn SET NOT NULL;
