-- The index was built concurrently in the previous migration; adopting it is instant.
alter table customers add constraint customers_email_key unique using index customers_email_key;
