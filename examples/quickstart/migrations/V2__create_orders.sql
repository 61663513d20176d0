create table orders (
    id          bigint generated always as identity primary key,
    customer_id bigint      not null references customers (id),
    total_cents bigint      not null check (total_cents >= 0),
    placed_at   timestamptz not null default now()
);

-- Some seed data, loaded the way pg_dump writes it.
insert into customers (email, name) values ('ada@example.com', 'Ada'), ('alan@example.com', 'Alan');

copy orders (customer_id, total_cents) from stdin;
1	1250
1	830
2	4999
\.

-- sluice:validate
select count(*) = 3 from orders;
