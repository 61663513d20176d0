drop table from_classpath;
