-- Indexes of tables and materialized views. Those behind primary key, unique and exclusion
-- constraints are left out: the constraint stands for them, and dropping one drops the other.
select quote_ident(n.nspname) || '.' || quote_ident(ic.relname) as name,
       quote_ident(tn.nspname) || '.' || quote_ident(tc.relname) as "table",
       pg_catalog.pg_get_indexdef(i.indexrelid) as definition,
       i.indisunique as "unique",
       i.indpred is not null as partial,
       i.indexprs is not null as expression,
       i.indisvalid as valid,
       ds.description as comment
from pg_catalog.pg_index i
join pg_catalog.pg_class ic on ic.oid = i.indexrelid
join pg_catalog.pg_namespace n on n.oid = ic.relnamespace
join pg_catalog.pg_class tc on tc.oid = i.indrelid
join pg_catalog.pg_namespace tn on tn.oid = tc.relnamespace
left join pg_catalog.pg_description ds
       on ds.objoid = ic.oid and ds.classoid = 'pg_catalog.pg_class'::regclass and ds.objsubid = 0
where tc.relkind in ('r', 'p', 'm')
  and not exists (select 1 from pg_catalog.pg_constraint k
                  where k.conindid = i.indexrelid and k.conrelid = i.indrelid and k.contype in ('p', 'u', 'x'))
  and tn.nspname not in ('pg_catalog', 'information_schema')
  and tn.nspname not like 'pg\_toast%' and tn.nspname not like 'pg\_temp%'
  -- Sluice's own copies of tables taken before destructive migrations are not part of the schema.
  and tn.nspname <> 'sluice_backup'
  and not exists (select 1 from pg_catalog.pg_depend d
                  where d.classid = 'pg_catalog.pg_class'::regclass and d.objid = tc.oid and d.deptype = 'e')
