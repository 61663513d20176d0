create table tags (id bigint generated always as identity primary key, name text);
