drop table customers;

-- sluice:validate
select to_regclass('customers') is null;
