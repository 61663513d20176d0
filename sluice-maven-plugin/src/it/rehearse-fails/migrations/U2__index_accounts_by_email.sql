-- The down drops an index of another name, so the one the up built is left behind.
drop index concurrently if exists accounts_mail_idx;
