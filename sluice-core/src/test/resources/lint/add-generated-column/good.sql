alter table orders add column total_eur numeric;
