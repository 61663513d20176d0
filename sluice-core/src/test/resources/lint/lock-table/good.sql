create table staging (id bigint);
lock table staging;
