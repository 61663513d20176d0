-- sluice:transaction off
create table if not exists audit (id bigint primary key, at timestamptz not null, what text not null);
create index concurrently if not exists audit_at_idx on audit (at);
