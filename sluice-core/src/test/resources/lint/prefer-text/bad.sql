create table tags (id bigint primary key, name varchar(40));
