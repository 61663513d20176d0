alter table orders add column status text;
create index concurrently orders_status_idx on orders (status);
update orders set status = 'new';
insert into audit values (3, '2026-01-04', 'order status');
