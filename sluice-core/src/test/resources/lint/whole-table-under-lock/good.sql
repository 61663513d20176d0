-- A table created in the same migration has no rows and no traffic yet.
create unlogged table staging_events (id bigint primary key, payload jsonb);
alter table staging_events set logged;
