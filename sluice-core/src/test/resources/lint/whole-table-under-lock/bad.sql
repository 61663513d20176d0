alter table events set logged;
