alter table accounts add column nickname text;
