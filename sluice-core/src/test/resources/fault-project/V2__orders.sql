create table orders (id bigint primary key, account_id bigint not null references accounts (id), total numeric(12, 2) not null);
insert into orders values (10, 1, 12.50), (11, 1, 3.00), (12, 2, 99.99);
