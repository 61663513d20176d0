CREATE TABLE orders (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers (id),
    placed_at   timestamptz NOT NULL DEFAULT now(),
    status      text NOT NULL DEFAULT 'new'
);

CREATE TABLE order_lines (
    order_id    bigint NOT NULL REFERENCES orders (id),
    book_id     bigint NOT NULL REFERENCES books (id),
    quantity    integer NOT NULL,
    price_cents integer NOT NULL,
    PRIMARY KEY (order_id, book_id)
);
