-- Repeatable: re-applied whenever this file changes, after the versioned migrations. It depends on no
-- table, so rolling back versioned migrations never trips over it.
create or replace function normalize_email(raw text) returns text
language sql immutable strict
as $$
    select lower(btrim(raw));
$$;
