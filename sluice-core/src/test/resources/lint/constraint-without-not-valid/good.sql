alter table orders add constraint orders_customer_fk foreign key (customer_id) references customers (id) not valid;
