-- Up: archive old orders
create table orders_archive (id bigint primary key, placed_at timestamptz not null);
