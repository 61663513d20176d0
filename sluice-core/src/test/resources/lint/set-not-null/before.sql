-- Earlier migrations: the check was added NOT VALID, then validated in a later transaction.
alter table orders add constraint orders_placed_at_not_null check (placed_at is not null) not valid;
