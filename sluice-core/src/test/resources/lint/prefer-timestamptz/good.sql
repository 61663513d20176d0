create table visits (id bigint primary key, seen_at timestamptz);
