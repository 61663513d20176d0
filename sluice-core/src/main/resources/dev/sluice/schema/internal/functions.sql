-- Functions, procedures and aggregates, named by their identity signature. The body is kept as a
-- SHA-256 only: enough to see that it changed, without copying source into every snapshot.
select quote_ident(n.nspname) || '.' || quote_ident(p.proname)
           || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')' as name,
       case p.prokind when 'p' then 'procedure' when 'a' then 'aggregate' else 'function' end as kind,
       pg_catalog.pg_get_function_arguments(p.oid) as arguments,
       pg_catalog.pg_get_function_result(p.oid) as returns,
       l.lanname as language,
       case when p.prokind in ('f', 'w') then
           case p.provolatile when 'i' then 'immutable' when 's' then 'stable' else 'volatile' end end as volatility,
       case when p.prokind in ('f', 'w') then p.proisstrict end as strict,
       p.prosecdef as "security definer",
       case when p.prokind in ('f', 'w') then
           case p.proparallel when 's' then 'safe' when 'r' then 'restricted' else 'unsafe' end end as parallel,
       case when p.prokind = 'w' then true end as "window",
       nullif(array_to_string(p.proconfig, ', '), '') as settings,
       case when p.prokind <> 'a' then
           encode(sha256(convert_to(coalesce(pg_catalog.pg_get_function_sqlbody(p.oid), p.prosrc), 'UTF8')), 'hex')
           end as "body sha256",
       ds.description as comment,
       pg_catalog.pg_get_userbyid(p.proowner) as owner,
       nullif(array_to_string(array(select x::text from unnest(p.proacl) x order by 1), ', '), '') as grants
from pg_catalog.pg_proc p
join pg_catalog.pg_namespace n on n.oid = p.pronamespace
join pg_catalog.pg_language l on l.oid = p.prolang
left join pg_catalog.pg_description ds
       on ds.objoid = p.oid and ds.classoid = 'pg_catalog.pg_proc'::regclass and ds.objsubid = 0
where n.nspname not in ('pg_catalog', 'information_schema')
  and n.nspname not like 'pg\_toast%' and n.nspname not like 'pg\_temp%'
  -- Sluice's own copies of tables taken before destructive migrations are not part of the schema.
  and n.nspname <> 'sluice_backup'
  and not exists (select 1 from pg_catalog.pg_depend d
                  where d.classid = 'pg_catalog.pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
