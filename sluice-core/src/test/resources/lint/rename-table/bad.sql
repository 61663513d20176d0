alter table customers rename to clients;
