create table order_lines (order_id bigint not null references orders (id), sku text not null references products (sku), qty int not null);
insert into order_lines values (10, 'A-1', 1), (11, 'B-2', 2), (12, 'A-1', 3);
