alter table orders add column total_eur numeric generated always as (total_cents / 100.0) stored;
