create table account_tags (account_id bigint references accounts (id), tag_id int references tags (id), primary key (account_id, tag_id));
insert into account_tags values (1, 1), (2, 2);
