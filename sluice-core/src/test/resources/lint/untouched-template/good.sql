-- Up: add customers email
alter table customers add column email text;

-- sluice:validate
select count(*) = 1 from information_schema.columns where table_name = 'customers' and column_name = 'email';
