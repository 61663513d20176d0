-- The down of V2 that forgets its index: the rehearsal must catch it.
select 1;
