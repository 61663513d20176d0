-- sluice:transaction off
create table if not exists audit (id bigint);
