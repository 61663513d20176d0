create table tags (id integer primary key, name text);
