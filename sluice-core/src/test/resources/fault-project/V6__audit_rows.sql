insert into audit values (1, '2026-01-02', 'accounts created');
insert into audit values (2, '2026-01-03', 'orders created');
