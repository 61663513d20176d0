create or replace function normalized_email(e text) returns text language sql immutable as $$ select lower(trim(e)) $$;
update accounts set email = normalized_email(email);
