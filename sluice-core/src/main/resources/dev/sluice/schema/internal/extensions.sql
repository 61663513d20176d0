-- Extensions with their versions; their member objects are left out of every other query.
select quote_ident(e.extname) as name,
       e.extversion as version,
       quote_ident(n.nspname) as schema,
       ds.description as comment
from pg_catalog.pg_extension e
join pg_catalog.pg_namespace n on n.oid = e.extnamespace
left join pg_catalog.pg_description ds
       on ds.objoid = e.oid and ds.classoid = 'pg_catalog.pg_extension'::regclass and ds.objsubid = 0
