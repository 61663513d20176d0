-- sluice:ignore drop-table
drop table orders_archive;
