CREATE INDEX books_author_idx ON books (author_id);
CREATE UNIQUE INDEX books_isbn_key ON books (isbn);
CREATE INDEX orders_customer_idx ON orders (customer_id);
CREATE INDEX order_lines_book_idx ON order_lines (book_id);
