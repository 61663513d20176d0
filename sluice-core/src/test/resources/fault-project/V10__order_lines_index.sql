-- sluice:transaction off
create index concurrently order_lines_order_idx on order_lines (order_id);
create index concurrently if not exists order_lines_sku_idx on order_lines (sku);
