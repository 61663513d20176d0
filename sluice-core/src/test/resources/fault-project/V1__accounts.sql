create table accounts (id bigint primary key, email text not null, created_at timestamptz not null default '2026-01-01');
insert into accounts (id, email) values (1, 'ada@example.com'), (2, 'bob@example.com'), (3, 'cy@example.com');
