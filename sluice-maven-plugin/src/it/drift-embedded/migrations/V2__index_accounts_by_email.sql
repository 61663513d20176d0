create index concurrently if not exists accounts_email_idx on accounts (email);
