create table orders (id bigint primary key);
create tabel customers (id bigint primary key);
