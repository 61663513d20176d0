-- bigint is stored differently from integer: every row is rewritten.
alter table accounts alter column balance type bigint;
