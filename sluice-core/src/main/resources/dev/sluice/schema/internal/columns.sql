-- Columns of tables. "position" counts live columns only, so a dropped column leaves no gap that two
-- otherwise equal tables would disagree on.
select quote_ident(n.nspname) || '.' || quote_ident(c.relname) || '.' || quote_ident(a.attname) as name,
       (row_number() over (partition by a.attrelid order by a.attnum))::text as position,
       pg_catalog.format_type(a.atttypid, a.atttypmod) as type,
       not a.attnotnull as nullable,
       case when a.attgenerated = '' then pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) end as "default",
       case when a.attgenerated <> '' then pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) end as generated,
       case a.attidentity when 'a' then 'always' when 'd' then 'by default' end as identity,
       case when a.attidentity <> '' then
           (select 'start ' || s.seqstart || ', increment ' || s.seqincrement || ', minimum ' || s.seqmin
                   || ', maximum ' || s.seqmax || ', cache ' || s.seqcache || case when s.seqcycle then ', cycle' else '' end
            from pg_catalog.pg_depend d
            join pg_catalog.pg_sequence s on s.seqrelid = d.objid
            where d.refclassid = 'pg_catalog.pg_class'::regclass and d.refobjid = a.attrelid
              and d.refobjsubid = a.attnum and d.classid = 'pg_catalog.pg_class'::regclass and d.deptype = 'i')
           end as "identity options",
       case when a.attcollation <> t.typcollation then quote_ident(co.collname) end as collation,
       ds.description as comment
from pg_catalog.pg_attribute a
join pg_catalog.pg_class c on c.oid = a.attrelid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
join pg_catalog.pg_type t on t.oid = a.atttypid
left join pg_catalog.pg_attrdef ad on ad.adrelid = a.attrelid and ad.adnum = a.attnum
left join pg_catalog.pg_collation co on co.oid = a.attcollation
left join pg_catalog.pg_description ds
       on ds.objoid = c.oid and ds.classoid = 'pg_catalog.pg_class'::regclass and ds.objsubid = a.attnum
where a.attnum > 0 and not a.attisdropped
  and c.relkind in ('r', 'p')
  and n.nspname not in ('pg_catalog', 'information_schema')
  and n.nspname not like 'pg\_toast%' and n.nspname not like 'pg\_temp%'
  -- Sluice's own copies of tables taken before destructive migrations are not part of the schema.
  and n.nspname <> 'sluice_backup'
  and not exists (select 1 from pg_catalog.pg_depend d
                  where d.classid = 'pg_catalog.pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
