-- Odd but valid quoting and layout.
-- sluice:expect CREATE_TABLE
create table "a;b" ("c--d" text default '/* not a comment */', "e" text default $q$'$q$);
/* leading block comment /* nested */ still comment */ create table nested_comment (x int);
create
  table
    spread_out
      (
        x int
      );
CREATE TABLE U&"d\0061t" (x int);
create table "select" ("from" int, "where" int);
-- sluice:expect ALTER_TABLE
alter table "a;b" add column "it's" text default 'it''s';
ALTER/* c */TABLE a ADD COLUMN b int;
alter table a add column b text default e'tab\there; and quote \' ok';
alter table a alter column b set default $$;$$;
-- sluice:expect INSERT
insert into "a;b" values ('x', $_$y$_$);
insert into a values ('line one
line two; still a string');
-- sluice:expect SELECT
select '--not a comment', '/*nor this*/';
select 1 -- a comment; with a semicolon
;
select a.b::text[] from a where c @> '{1}'::int[] and d ->> 'k' = 'v';
select 1.5e-3, .5, 1_000_000, 0x1F;
select "x" from a;
select $abc$ multi
line $abc$;
