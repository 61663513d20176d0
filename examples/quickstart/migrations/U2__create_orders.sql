drop table orders;
delete from customers where email in ('ada@example.com', 'alan@example.com');

-- sluice:validate
select to_regclass('orders') is null;
