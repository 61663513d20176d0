create table orders_archive (like orders including all);
insert into orders_archive select * from orders where total < 5;
