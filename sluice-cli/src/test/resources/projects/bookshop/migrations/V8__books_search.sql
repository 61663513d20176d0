ALTER TABLE books ADD COLUMN search tsvector
    GENERATED ALWAYS AS (to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(isbn, ''))) STORED;
CREATE INDEX books_search_idx ON books USING gin (search);
