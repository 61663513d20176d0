-- A table created in the same file is new: dropping it loses nothing.
create table scratch (id bigint);
drop table scratch;
