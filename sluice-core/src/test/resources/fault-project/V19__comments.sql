comment on table accounts is 'customers';
comment on column orders.status is 'new, paid or shipped';
