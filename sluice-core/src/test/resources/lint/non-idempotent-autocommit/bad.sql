-- sluice:transaction off
create table audit (id bigint);
