-- sluice:expect SET
set lock_timeout = '2s';
set local statement_timeout to 0;
set session search_path to app, public;
set search_path = "$user", public;
set time zone 'UTC';
set time zone local;
set my.custom_setting = 'x';
set role app;
set session authorization default;
set constraints all deferred;
set transaction isolation level serializable;
set local work_mem = '64MB';
SET client_min_messages TO warning;
-- sluice:expect RESET
reset all;
reset lock_timeout;
-- sluice:expect BEGIN
begin;
begin transaction;
begin work isolation level repeatable read;
start transaction read only;
BEGIN ISOLATION LEVEL SERIALIZABLE, READ WRITE, DEFERRABLE;
-- sluice:expect COMMIT
commit;
commit work;
commit and chain;
end;
end transaction;
-- sluice:expect ROLLBACK
rollback;
rollback work;
abort;
rollback and no chain;
-- sluice:expect SAVEPOINT
savepoint s1;
release savepoint s1;
release s1;
rollback to savepoint s1;
rollback to s1;
