// The dashboard of `sluice serve`. It fetches the JSON endpoints and redraws each view in place; every
// text goes through textContent, never innerHTML, since it comes from migration files and the database.
'use strict';

const VIEWS = ['overview', 'health', 'pending', 'runs', 'history', 'drift', 'backup', 'online'];
let refreshSeconds = 5;

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === 'class') e.className = v; else if (k === 'text') e.textContent = v; else e.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

async function getJson(url, options) {
  const r = await fetch(url, Object.assign({ cache: 'no-store', credentials: 'same-origin' }, options || {}));
  if (!r.ok) throw new Error(url + ' answered ' + r.status);
  return r.json();
}

function ago(iso) {
  if (!iso) return 'never';
  return duration((Date.now() - Date.parse(iso)) / 1000) + ' ago';
}

function duration(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  seconds = Math.max(0, seconds);
  if (seconds < 60) return Math.round(seconds) + ' s';
  if (seconds < 3600) return Math.round(seconds / 60) + ' min';
  if (seconds < 172800) return (seconds / 3600).toFixed(1) + ' h';
  return Math.round(seconds / 86400) + ' d';
}

function ms(value) {
  if (value === null || value === undefined) return '–';
  return value < 1000 ? value + ' ms' : (value / 1000).toFixed(1) + ' s';
}

function label(row) {
  return (row.version ? 'V' + row.version : 'R') + ' ' + row.description;
}

function badge(text, cls) {
  return el('span', { class: 'badge ' + (cls || text), text: text });
}

function figure(name, value, field) {
  return el('div', { class: 'figure' }, el('div', { class: 'label', text: name }),
    el('div', { class: 'value', 'data-field': field, text: value }));
}

const render = {
  overview(o) {
    const parts = [el('div', { class: 'figures' },
      figure('current version', o.current || 'none', 'current'),
      figure('pending', String(o.pending), 'pending-count'),
      figure('last success', ago(o.lastSuccessAt), 'last-success'),
      figure('last duration', ms(o.lastDurationMs), 'last-duration'),
      figure('failed', String(o.failed), 'failed-count'),
      figure('refresh cost', o.queries + ' queries, ' + o.readTimeMs + ' ms', 'cost'))];
    if (o.error) parts.push(el('p', { class: 'reasons', 'data-field': 'error' }, el('span', { text: o.error })));
    for (const p of o.fileProblems) parts.push(el('p', { class: 'finding', text: p }));
    return parts;
  },
  health(h) {
    const list = el('ul', { class: 'items reasons' });
    for (const r of h.reasons) {
      list.append(el('li', { class: r.down ? 'down' : 'report', 'data-kind': r.kind }, el('strong', { text: r.kind + ': ' }), r.message));
    }
    return [el('p', {}, badge(h.status), el('span', { class: 'muted', text: h.reasons.length ? '' : '  nothing to report' })), list];
  },
  pending(items) {
    if (!items.length) return [el('p', { class: 'muted', 'data-field': 'no-pending', text: 'nothing pending' })];
    const list = el('ul', { class: 'items' });
    for (const p of items) {
      const li = el('li', { class: 'pending-item', 'data-version': p.version || '' },
        badge(p.verdict, p.verdict.replace(' ', '-')), ' ', el('strong', { text: label(p) }), ' ',
        el('span', { class: 'muted mono', text: p.script }));
      for (const f of p.findings) {
        li.append(el('div', { class: 'finding' }, badge(f.severity), ' ', el('code', { text: f.rule }),
          ' line ' + f.line + ': ' + f.message));
      }
      list.append(li);
    }
    return [list];
  },
  runs(r) {
    const parts = [];
    if (r.running) {
      parts.push(el('div', { class: 'running', 'data-field': 'running' }, badge('RUNNING'),
        ' since ' + new Date(r.running.since).toLocaleString() + ' (' + ms(r.running.runningMs) + ', session ' + r.running.pid + ')',
        r.running.statement ? el('pre', { class: 'mono', text: r.running.statement }) : null));
    }
    const list = el('ul', { class: 'items' });
    for (const f of r.failed) {
      list.append(el('li', { class: 'failed-item', 'data-version': f.version || '' }, badge('FAILED'), ' ',
        el('strong', { text: label(f) }), ' ', el('span', { class: 'muted', text: 'at ' + new Date(f.finishedAt || f.startedAt).toLocaleString() + ', ' + f.script })));
    }
    for (const f of r.interrupted) {
      list.append(el('li', { class: 'failed-item interrupted', 'data-version': f.version || '' }, badge('INTERRUPTED', 'FAILED'), ' ',
        el('strong', { text: label(f) }), ' ', el('span', { class: 'muted', text: 'started ' + new Date(f.startedAt).toLocaleString() })));
    }
    for (const p of r.problems) list.append(el('li', { class: 'problem' }, el('strong', { text: p.subject + ': ' }), p.message));
    if (!r.running && !list.children.length) parts.push(el('p', { class: 'muted', 'data-field': 'no-runs', text: 'no failed or running migration' }));
    parts.push(list);
    return parts;
  },
  history(rows) {
    if (!rows.length) return [el('p', { class: 'muted', text: 'no history yet' })];
    const longest = Math.max(1, ...rows.map(r => r.executionMs || 0));
    const list = el('ul', { class: 'items timeline' });
    for (const r of rows.slice().reverse().slice(0, 100)) {
      const bar = el('div', { class: 'bar' });
      bar.style.width = (100 * (r.executionMs || 0) / longest) + '%';
      list.append(el('li', { class: 'timeline-item ' + r.state, 'data-rank': String(r.rank), 'data-state': r.state },
        el('div', {}, el('strong', { text: label(r) }), el('div', { class: 'when', text: new Date(r.startedAt).toLocaleString() + ' · ' + r.installedBy })),
        el('div', {}, el('div', { class: 'bar-track' }, bar), el('span', { class: 'muted', text: r.type + ' · ' }), badge(r.state)),
        el('div', { class: 'ms', text: ms(r.executionMs) })));
    }
    return [list];
  },
  drift(d, name) {
    const button = el('button', { type: 'button', 'data-action': 'check-drift' }, 'Check drift now');
    button.addEventListener('click', async () => {
      button.disabled = true;
      button.textContent = 'checking…';
      try {
        await getJson('/api/databases/' + encodeURIComponent(name) + '/drift', { method: 'POST', headers: { 'X-Sluice-Request': '1' } });
        await refreshDatabase(name);
      } catch (e) {
        showProblem(e.message);
      } finally {
        button.disabled = false;
        button.textContent = 'Check drift now';
      }
    });
    const parts = [el('p', {}, badge(d.state), ' ', el('span', { 'data-field': 'drift-message', text: d.message })),
      el('p', { class: 'muted', text: d.checkedAt ? 'checked ' + ago(d.checkedAt) + (d.mode ? ' (' + d.mode + ')' : '') : '' }), button];
    if (d.diff.length) {
      const list = el('ul', { class: 'items diff' });
      for (const line of d.diff) list.append(el('li', { class: line.split(' ')[0], text: line }));
      parts.push(list);
    }
    return parts;
  },
  backup(b) {
    if (!b) return [el('p', { class: 'muted', 'data-field': 'backup', text: 'no full backup in the backup folder' })];
    return [el('p', { 'data-field': 'backup' }, el('strong', { text: b.id }), ' · ' + duration(b.ageSeconds) + ' old'),
      el('p', { class: 'muted', text: new Date(b.createdAt).toLocaleString() + ' · ' + b.reason })];
  },
  online(o) {
    if (!o) return [el('p', { class: 'muted', 'data-field': 'online', text: 'no online change in progress' })];
    const parts = [el('p', { 'data-field': 'online' }, badge(o.phase, 'RUNNING'), ' ', el('strong', { text: 'V' + o.version + ' ' + o.description }),
      el('span', { class: 'muted', text: ' since ' + new Date(o.startedAt).toLocaleString() + ' · schemas ' + o.oldSchema + ' → ' + o.newSchema }))];
    for (const b of o.backfills) {
      const pct = b.rowsTotal > 0 ? Math.min(100, 100 * b.rowsDone / b.rowsTotal) : (b.done ? 100 : 0);
      const fill = el('div');
      fill.style.width = pct + '%';
      parts.push(el('div', { class: 'backfill', 'data-table': b.table },
        el('div', { text: b.table + ': ' + b.rowsDone + ' / ' + b.rowsTotal + ' rows' + (b.done ? ' (done)' : ', ' + b.rowsPerSecond + ' rows/s' + (b.etaSeconds !== null ? ', ' + duration(b.etaSeconds) + ' left' : '')) }),
        el('div', { class: 'progress' }, fill)));
    }
    return parts;
  }
};

const TITLES = { overview: 'Overview', health: 'Health', pending: 'Pending migrations', runs: 'Failed and running',
  history: 'History', drift: 'Drift', backup: 'Newest backup', online: 'Online change' };

function section(db) {
  let s = document.querySelector('section.database[data-name="' + CSS.escape(db.name) + '"]');
  if (s) return s;
  const grid = el('div', { class: 'grid' });
  for (const view of VIEWS) {
    grid.append(el('div', { class: 'panel' + (view === 'history' || view === 'overview' ? ' wide' : ''), 'data-view': view },
      el('h3', { text: TITLES[view] }), el('div', { class: 'body' })));
  }
  s = el('section', { class: 'database', 'data-name': db.name },
    el('h2', {}, el('span', { text: db.name }), el('span', { class: 'url', text: db.database }), el('span', { class: 'health', 'data-field': 'health' })), grid);
  document.getElementById('databases').append(s);
  return s;
}

async function refreshDatabase(name) {
  const s = document.querySelector('section.database[data-name="' + CSS.escape(name) + '"]');
  const results = await Promise.all(VIEWS.map(v => getJson('/api/databases/' + encodeURIComponent(name) + '/' + v)));
  VIEWS.forEach((view, i) => {
    s.querySelector('[data-view="' + view + '"] .body').replaceChildren(...render[view](results[i], name));
  });
  s.querySelector('h2 .health').replaceChildren(badge(results[VIEWS.indexOf('health')].status));
}

function showProblem(text) {
  const p = document.getElementById('problem');
  p.textContent = text;
  p.hidden = !text;
}

async function tick() {
  try {
    const list = await getJson('/api/databases');
    refreshSeconds = list.refreshSeconds || 5;
    for (const db of list.databases) {
      section(db);
      await refreshDatabase(db.name);
    }
    document.getElementById('updated').textContent = 'updated ' + new Date().toLocaleTimeString();
    document.body.dataset.refreshed = String(Number(document.body.dataset.refreshed || 0) + 1);
    showProblem('');
  } catch (e) {
    showProblem('cannot refresh: ' + e.message);
  }
  setTimeout(tick, refreshSeconds * 1000);
}

tick();
