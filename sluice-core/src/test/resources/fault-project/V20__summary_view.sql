create view account_totals as select a.id, a.email, coalesce(sum(o.total), 0) as total
from accounts a left join orders o on o.account_id = a.id group by a.id, a.email;
