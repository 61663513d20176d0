-- Sequences, except the ones behind identity columns (those are part of the column). The current value
-- is data, not schema, and is left out.
select quote_ident(n.nspname) || '.' || quote_ident(c.relname) as name,
       pg_catalog.format_type(s.seqtypid, null) as type,
       s.seqstart::text as start,
       s.seqincrement::text as increment,
       s.seqmin::text as minimum,
       s.seqmax::text as maximum,
       s.seqcache::text as cache,
       s.seqcycle as cycle,
       (select quote_ident(tn.nspname) || '.' || quote_ident(tc.relname) || '.' || quote_ident(a.attname)
        from pg_catalog.pg_depend d
        join pg_catalog.pg_class tc on tc.oid = d.refobjid
        join pg_catalog.pg_namespace tn on tn.oid = tc.relnamespace
        join pg_catalog.pg_attribute a on a.attrelid = d.refobjid and a.attnum = d.refobjsubid
        where d.classid = 'pg_catalog.pg_class'::regclass and d.objid = c.oid
          and d.refclassid = 'pg_catalog.pg_class'::regclass and d.deptype = 'a') as "owned by",
       ds.description as comment,
       pg_catalog.pg_get_userbyid(c.relowner) as owner,
       nullif(array_to_string(array(select x::text from unnest(c.relacl) x order by 1), ', '), '') as grants
from pg_catalog.pg_sequence s
join pg_catalog.pg_class c on c.oid = s.seqrelid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
left join pg_catalog.pg_description ds
       on ds.objoid = c.oid and ds.classoid = 'pg_catalog.pg_class'::regclass and ds.objsubid = 0
where n.nspname not in ('pg_catalog', 'information_schema')
  and n.nspname not like 'pg\_toast%' and n.nspname not like 'pg\_temp%'
  -- Sluice's own copies of tables taken before destructive migrations are not part of the schema.
  and n.nspname <> 'sluice_backup'
  and not exists (select 1 from pg_catalog.pg_depend d
                  where d.classid = 'pg_catalog.pg_class'::regclass and d.objid = c.oid and d.deptype in ('e', 'i'))
