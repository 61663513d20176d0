drop index concurrently if exists accounts_email_idx;
