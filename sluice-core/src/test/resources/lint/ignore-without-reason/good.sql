-- sluice:ignore drop-table the archive table was copied to cold storage in V40
drop table orders_archive;
