alter table customers add constraint customers_email_key unique (email);
