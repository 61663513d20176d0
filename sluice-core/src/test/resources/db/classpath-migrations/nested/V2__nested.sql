alter table from_classpath add column n int;
