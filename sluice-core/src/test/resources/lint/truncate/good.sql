delete from audit_log where created_at < now() - interval '90 days';
