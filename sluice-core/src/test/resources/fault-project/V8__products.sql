create table products (sku text primary key, title text not null, price numeric(10, 2));
insert into products values ('A-1', 'Anvil', 10.00), ('B-2', 'Bucket', 2.50);
create view product_titles as select sku, title from products;
