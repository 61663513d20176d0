-- sluice:expect TRUNCATE
truncate a;
truncate table a;
truncate only a, b restart identity cascade;
truncate table a continue identity restrict;
truncate "Mixed Case" *;
-- sluice:expect LOCK
lock a;
lock table a in access exclusive mode;
lock table a, b in share row exclusive mode nowait;
lock only a in row exclusive mode;
lock table a in share update exclusive mode;
-- sluice:expect VACUUM
vacuum;
vacuum a;
vacuum full a;
vacuum full verbose analyze a;
vacuum (full, analyze) a (b, c);
vacuum (full false) a;
vacuum (verbose, skip_locked, index_cleanup off, buffer_usage_limit '256MB') a, b;
vacuum (analyze, process_toast false, only_database_stats) ;
vacuum freeze a;
-- sluice:expect ANALYZE
analyze;
analyze a (b);
analyse verbose a;
-- sluice:expect CLUSTER
cluster;
cluster a;
cluster a using a_idx;
cluster verbose a;
cluster (verbose) a using a_idx;
