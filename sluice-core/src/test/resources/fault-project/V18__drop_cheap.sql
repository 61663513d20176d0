-- sluice:ignore unbatched-dml the table holds a handful of rows
delete from order_lines where order_id in (select id from orders where total < 5);
