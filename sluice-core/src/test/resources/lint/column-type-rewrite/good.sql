-- varchar(n) to text is binary-coercible: no rewrite, no scan.
alter table accounts alter column name type text;
