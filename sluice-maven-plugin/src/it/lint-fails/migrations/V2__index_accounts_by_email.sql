-- Blocks every write to accounts while the index builds.
create index accounts_email_idx on accounts (email);
