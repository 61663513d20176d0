create table orders (
    id bigint generated always as identity primary key,
    customer text not null,
    total numeric(12, 2) not null
);
