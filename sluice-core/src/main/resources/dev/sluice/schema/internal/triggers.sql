-- User triggers; internal ones (behind foreign keys) and the copies on partitions are left out.
select quote_ident(n.nspname) || '.' || quote_ident(c.relname) || '.' || quote_ident(t.tgname) as name,
       pg_catalog.pg_get_triggerdef(t.oid) as definition,
       case t.tgenabled when 'O' then 'yes' when 'D' then 'no' when 'R' then 'replica only' when 'A' then 'always'
                        end as enabled,
       ds.description as comment
from pg_catalog.pg_trigger t
join pg_catalog.pg_class c on c.oid = t.tgrelid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
left join pg_catalog.pg_description ds
       on ds.objoid = t.oid and ds.classoid = 'pg_catalog.pg_trigger'::regclass and ds.objsubid = 0
where not t.tgisinternal
  and t.tgparentid = 0
  and n.nspname not in ('pg_catalog', 'information_schema')
  and n.nspname not like 'pg\_toast%' and n.nspname not like 'pg\_temp%'
  -- Sluice's own copies of tables taken before destructive migrations are not part of the schema.
  and n.nspname <> 'sluice_backup'
  and not exists (select 1 from pg_catalog.pg_depend d
                  where d.classid = 'pg_catalog.pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
