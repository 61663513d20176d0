alter domain email add constraint email_has_at check (value like '%@%') not valid;
