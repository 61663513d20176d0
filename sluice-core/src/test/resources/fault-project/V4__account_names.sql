alter table accounts add column name text;
update accounts set name = split_part(email, '@', 1);
-- sluice:validate
select count(*) = 0 from accounts where name is null;
