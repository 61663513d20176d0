-- Created outside the partition tree, then attached: the parent only takes SHARE UPDATE EXCLUSIVE.
create table events_2025 (like events including all);
alter table events_2025 add constraint events_2025_bounds
    check (at >= date '2025-01-01' and at < date '2026-01-01');
alter table events attach partition events_2025 for values from ('2025-01-01') to ('2026-01-01');
