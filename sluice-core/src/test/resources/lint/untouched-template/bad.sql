-- Up: add customers email
-- Statements run in one transaction with lock_timeout 2s, unless one of them cannot
-- (CREATE INDEX CONCURRENTLY...), in which case they run one by one.

-- sluice:validate
-- Each assertion returns one row whose first column must be true.
select true;
