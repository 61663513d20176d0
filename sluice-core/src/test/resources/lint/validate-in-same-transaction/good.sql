-- The VALIDATE goes in the next migration; here it validates one added by an earlier one.
alter table orders validate constraint orders_total_positive;
