-- sluice:ignore drop-column the column was unused since release 4.2 and is backed up in archive.customers_legacy
alter table customers drop column legacy_code;
