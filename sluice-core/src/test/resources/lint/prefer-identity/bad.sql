create table tags (id bigserial primary key, name text);
