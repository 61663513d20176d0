-- sluice:expect CREATE_TYPE
create type mood as enum ('sad', 'ok', 'happy');
create type pair as (a int, b text);
create type floatrange as range (subtype = float8, subtype_diff = float8mi);
create type shell_type;
-- sluice:expect ALTER_TYPE
alter type mood add value 'ecstatic';
alter type mood add value if not exists 'meh' before 'ok';
alter type mood add value 'joyful' after 'happy';
alter type mood rename value 'sad' to 'blue';
alter type mood rename to feeling;
alter type mood owner to app;
alter type mood set schema archive;
alter type pair add attribute c int;
alter type pair alter attribute a type bigint cascade;
alter type "Mood" add value E'it\'s';
-- sluice:expect CREATE_DOMAIN
create domain email as text check (value ~ '@');
create domain posint as integer not null check (value > 0);
create domain us_postal as text constraint five check (value ~ '^\d{5}$');
-- sluice:expect ALTER_DOMAIN
alter domain email add constraint has_dot check (value like '%.%');
alter domain email add constraint has_dot check (value like '%.%') not valid;
alter domain email validate constraint has_dot;
alter domain email set not null;
alter domain email drop not null;
alter domain email set default 'x@y';
alter domain email drop constraint has_dot;
alter domain email rename to mail;
-- sluice:expect DROP_TYPE
drop type mood;
drop type if exists mood, pair cascade;
drop domain email;
