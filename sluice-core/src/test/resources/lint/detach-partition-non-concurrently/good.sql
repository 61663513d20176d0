alter table events detach partition events_2023 concurrently;
