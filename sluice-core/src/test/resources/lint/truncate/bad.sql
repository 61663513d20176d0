truncate table audit_log cascade;
