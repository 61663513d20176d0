-- sluice:transaction off
create table tags (id int primary key, label text not null);
insert into tags values (1, 'vip');
create index concurrently tags_label_idx on tags (label);
insert into tags values (2, 'new');
