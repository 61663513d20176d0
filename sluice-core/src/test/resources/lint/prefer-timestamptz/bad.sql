create table visits (id bigint primary key, seen_at timestamp without time zone);
