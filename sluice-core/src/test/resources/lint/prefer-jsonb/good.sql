create table events (id bigint generated always as identity primary key, payload jsonb);
