-- No validated CHECK (note IS NOT NULL) exists: PostgreSQL scans the whole table under ACCESS EXCLUSIVE.
alter table orders alter column note set not null;
