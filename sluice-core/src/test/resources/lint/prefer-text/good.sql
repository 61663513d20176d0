create table tags (id bigint primary key, name text check (char_length(name) <= 40));
