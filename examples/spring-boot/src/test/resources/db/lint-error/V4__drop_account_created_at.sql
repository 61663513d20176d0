alter table accounts drop column created_at;
