-- sluice:transaction off
create table settings (key text primary key, value text not null);
insert into settings values ('currency', 'EUR');
alter table settings add column updated_at timestamptz;
create index concurrently settings_value_idx on settings (value);
update settings set updated_at = '2026-03-01';
