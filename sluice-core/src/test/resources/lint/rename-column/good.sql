alter table customers add column full_name text;
