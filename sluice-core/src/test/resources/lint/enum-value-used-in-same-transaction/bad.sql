alter type order_state add value 'refunded';
update orders set state = 'refunded' where id = 42;
