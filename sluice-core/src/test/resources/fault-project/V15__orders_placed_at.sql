alter table orders add column placed_at timestamptz;
update orders set placed_at = '2026-02-01' where placed_at is null;
