-- An earlier migration: tells the lint what the columns' current types are.
create table accounts (id bigint primary key, name varchar(50), balance integer);
