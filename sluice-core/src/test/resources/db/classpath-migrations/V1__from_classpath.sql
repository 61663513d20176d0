create table from_classpath (id int);
