-- events is a partitioned table that serves traffic.
create table events_2025 partition of events for values from ('2025-01-01') to ('2026-01-01');
