insert into audit values (4, '2026-03-02', 'done');
analyze accounts;
