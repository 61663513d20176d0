-- Customers. A new table can take any lock it likes: nobody uses it yet.
create table customers (
    id         bigint generated always as identity primary key,
    email      text        not null,
    name       text        not null,
    created_at timestamptz not null default now(),
    constraint customers_email_key unique (email)
);

comment on table customers is 'People who buy things';

-- sluice:validate
select count(*) = 0 from customers;
select exists (select 1 from pg_indexes where tablename = 'customers' and indexname = 'customers_email_key');
