ALTER TABLE authors ADD COLUMN full_name text GENERATED ALWAYS AS (first_name || ' ' || last_name) STORED;
CREATE INDEX authors_last_name_idx ON authors (last_name);
