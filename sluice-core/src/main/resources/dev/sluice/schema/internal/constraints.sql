-- Table and domain constraints. Copies that PostgreSQL makes on partitions (conparentid) are left out:
-- they follow from the parent's. NOT NULL is a column or domain attribute, not a constraint here.
select quote_ident(n.nspname) || '.' || quote_ident(coalesce(c.relname, t.typname)) || '.' || quote_ident(k.conname) as name,
       case k.contype when 'p' then 'primary key' when 'u' then 'unique' when 'f' then 'foreign key'
                      when 'c' then 'check' when 'x' then 'exclusion' when 't' then 'constraint trigger'
                      else k.contype::text end as type,
       pg_catalog.pg_get_constraintdef(k.oid) as definition,
       k.condeferrable as deferrable,
       k.condeferred as "initially deferred",
       k.convalidated as validated,
       case when k.contype = 'f' then
           case k.confdeltype when 'a' then 'no action' when 'r' then 'restrict' when 'c' then 'cascade'
                              when 'n' then 'set null' when 'd' then 'set default' end end as "on delete",
       case when k.contype = 'f' then
           case k.confupdtype when 'a' then 'no action' when 'r' then 'restrict' when 'c' then 'cascade'
                              when 'n' then 'set null' when 'd' then 'set default' end end as "on update",
       ds.description as comment
from pg_catalog.pg_constraint k
join pg_catalog.pg_namespace n on n.oid = k.connamespace
left join pg_catalog.pg_class c on c.oid = k.conrelid and k.conrelid <> 0
left join pg_catalog.pg_type t on t.oid = k.contypid and k.contypid <> 0
left join pg_catalog.pg_description ds
       on ds.objoid = k.oid and ds.classoid = 'pg_catalog.pg_constraint'::regclass and ds.objsubid = 0
where k.contype <> 'n'
  and k.conparentid = 0
  and (c.oid is not null or t.oid is not null)
  and n.nspname not in ('pg_catalog', 'information_schema')
  and n.nspname not like 'pg\_toast%' and n.nspname not like 'pg\_temp%'
  -- Sluice's own copies of tables taken before destructive migrations are not part of the schema.
  and n.nspname <> 'sluice_backup'
  and not exists (select 1 from pg_catalog.pg_depend d
                  where d.deptype = 'e'
                    and ((d.classid = 'pg_catalog.pg_class'::regclass and d.objid = k.conrelid)
                      or (d.classid = 'pg_catalog.pg_type'::regclass and d.objid = k.contypid)))
