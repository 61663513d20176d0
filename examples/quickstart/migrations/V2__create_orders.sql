create table orders (
    id          bigint generated always as identity primary key,
    customer_id bigint      not null references customers (id),
    total_cents bigint      not null check (total_cents >= 0),
    placed_at   timestamptz not null default now()
);

-- Some example data. Orders find their customers by email, not by id: ids come from a sequence,
-- and a rehearsal (up, down, up again) must give the same result the second time.
insert into customers (email, name) values ('ada@example.com', 'Ada'), ('alan@example.com', 'Alan');

insert into orders (customer_id, total_cents)
select c.id, v.total_cents
from (values ('ada@example.com', 1250), ('ada@example.com', 830), ('alan@example.com', 4999)) as v (email, total_cents)
join customers c using (email);

-- sluice:validate
select count(*) = 3 from orders;
