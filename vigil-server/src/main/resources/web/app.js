'use strict';
// Vigil dashboard: a small single-page app over the REST API. Every value from the API is put in the
// page as text (never as HTML); the session cookie is HttpOnly; changes carry the CSRF token.
const state = { csrf: null, me: null };
const $ = (sel, root = document) => root.querySelector(sel);
const SVG = 'http://www.w3.org/2000/svg';

function h(tag, attrs = {}, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'class') e.className = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const k of kids.flat()) if (k !== null && k !== undefined) e.append(k instanceof Node ? k : String(k));
  return e;
}
function s(tag, attrs = {}, ...kids) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const k of kids.flat()) if (k !== null && k !== undefined) e.append(k instanceof Node ? k : document.createTextNode(String(k)));
  return e;
}

async function api(method, path, body, again) {
  const opts = { method, headers: {}, credentials: 'same-origin' };
  if (body !== undefined) { opts.headers['Content-Type'] = 'application/json'; opts.body = JSON.stringify(body); }
  if (method !== 'GET' && state.csrf) opts.headers['X-CSRF-Token'] = state.csrf;
  const r = await fetch(path, opts);
  const text = await r.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (e) { data = { error: text }; }
  if (r.status === 401 && path !== '/api/login') { state.me = null; location.hash = '#/login'; throw new Error('signed out'); }
  if (r.status === 403 && data && data.code === 'reauth_required' && !again && state.me && state.me.user) { await reauth(); return api(method, path, body, true); }
  if (!r.ok) throw new Error((data && data.error) || ('HTTP ' + r.status));
  return data;
}
// step-up: changes to keys, tokens, people and second factors ask for the password (and code) again
function reauth() {
  return new Promise((resolve, reject) => {
    const pw = h('input', { id: 'reauth-password', type: 'password', autocomplete: 'current-password', placeholder: 'password' });
    const code = h('input', { id: 'reauth-code', inputmode: 'numeric', autocomplete: 'one-time-code', placeholder: 'one-time code' });
    const err = h('div', { class: 'error' });
    const d = h('dialog', { id: 'reauth' }, h('form', { method: 'dialog', class: 'login' }, h('h1', {}, 'Confirm it is you'), pw, code, err,
      h('button', { id: 'reauth-button', value: 'ok' }, 'Confirm'), h('button', { class: 'secondary', value: 'cancel' }, 'Cancel')));
    d.addEventListener('close', async () => {
      if (d.returnValue !== 'ok') { d.remove(); return reject(new Error('cancelled')); }
      try { await api('POST', '/api/me/reauth', { password: pw.value, code: code.value || null }, true); d.remove(); resolve(); }
      catch (e) { err.textContent = e.message; d.showModal(); }
    });
    document.body.append(d);
    d.showModal();
  });
}
function toast(msg) { const t = $('#toast'); t.textContent = msg; t.hidden = false; clearTimeout(toast.t); toast.t = setTimeout(() => t.hidden = true, 3000); }
const fmt = {
  num: n => n === null || n === undefined ? '–' : Number(n).toLocaleString('en'),
  time: t => t ? String(t).replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '–',
  ms: t => t ? new Date(t).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '–',
  dur: s => s === null || s === undefined ? '–' : s < 120 ? s.toFixed(1) + ' s' : s < 7200 ? (s / 60).toFixed(1) + ' min' : (s / 3600).toFixed(1) + ' h',
};
const sev = v => h('span', { class: 'sev ' + v }, v);
const tier = v => h('span', { class: 'tier ' + (v || '') }, v || '–');
const canEdit = () => state.me && state.me.role !== 'viewer';

function view(...kids) { const v = $('#view'); v.replaceChildren(...kids); }
function nav(name) { document.querySelectorAll('[data-nav]').forEach(a => a.classList.toggle('on', a.dataset.nav === name)); }

// ---- charts (SVG, no library)
function bars(data, opts = {}) {
  const w = opts.width || 420, bh = 22, pad = 110, max = Math.max(1, ...data.map(d => d.value));
  const g = s('svg', { width: w, height: data.length * bh + 8, role: 'img', 'aria-label': opts.label || 'chart', class: 'chart' });
  data.forEach((d, i) => {
    const y = i * bh + 4, len = (w - pad - 50) * d.value / max;
    g.append(s('text', { x: 0, y: y + 14 }, d.label));
    g.append(s('rect', { x: pad, y, width: Math.max(1, len), height: bh - 6, class: 'bar ' + (d.cls || '') }));
    g.append(s('text', { x: pad + len + 6, y: y + 14 }, fmt.num(d.value)));
  });
  return g;
}
function lines(points, series, opts = {}) {
  const w = opts.width || 560, ht = 160, l = 40, b = 20;
  const g = s('svg', { width: w, height: ht + b, role: 'img', 'aria-label': opts.label || 'trend', class: 'chart' });
  if (points.length === 0) { g.append(s('text', { x: 10, y: 20 }, 'no history yet')); return g; }
  const max = Math.max(1, ...points.flatMap(p => series.map(sr => sr.get(p) || 0)));
  const x = i => l + (points.length === 1 ? 0 : i * (w - l - 10) / (points.length - 1));
  const y = v => 8 + (ht - 16) * (1 - v / max);
  g.append(s('line', { x1: l, y1: ht - 8, x2: w - 10, y2: ht - 8, class: 'axis' }));
  g.append(s('text', { x: 0, y: 14 }, fmt.num(max)));
  g.append(s('text', { x: 0, y: ht - 8 }, '0'));
  series.forEach((sr, k) => {
    g.append(s('polyline', { points: points.map((p, i) => x(i) + ',' + y(sr.get(p) || 0)).join(' '), class: k ? 'line2' : 'line' }));
    if (points.length < 40) points.forEach((p, i) => g.append(s('circle', { cx: x(i), cy: y(sr.get(p) || 0), r: 3, class: k ? 'dot2' : 'dot' }, s('title', {}, sr.name + ' ' + fmt.num(sr.get(p)) + ' at ' + fmt.time(p.at)))));
    g.append(s('text', { x: l + 6 + k * 130, y: ht + 14 }, (k ? '▬ ' : '▬ ') + sr.name));
  });
  g.append(s('text', { x: w - 170, y: ht + 14 }, fmt.time(points[points.length - 1].at)));
  return g;
}

// ---- sign in
function login() {
  $('#top').hidden = true;
  const err = h('div', { class: 'error', id: 'login-error' });
  const form = h('form', { class: 'login', id: 'login-form' },
    h('h1', {}, 'Sign in to Vigil'),
    h('label', { for: 'username' }, 'User name'), h('input', { id: 'username', autocomplete: 'username', required: true }),
    h('label', { for: 'password' }, 'Password'), h('input', { id: 'password', type: 'password', autocomplete: 'current-password', required: true }),
    h('label', { for: 'code' }, 'One-time code (if you set up two-factor)'), h('input', { id: 'code', inputmode: 'numeric', autocomplete: 'one-time-code' }),
    err, h('button', { type: 'submit', id: 'login-button' }, 'Sign in'));
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    try {
      const r = await api('POST', '/api/login', { username: $('#username').value, password: $('#password').value, code: $('#code').value || null });
      state.csrf = r.csrf;
      if (r.password_change_required || r.totp_setup_required) return setup(r, $('#password').value);
      await start();
    } catch (e) { err.textContent = e.message; }
  });
  view(form);
}
function setup(r, current) {
  const err = h('div', { class: 'error' });
  const steps = h('div', { class: 'login', id: 'setup' }, h('h1', {}, 'Finish setting up your account'), err);
  if (r.password_change_required) {
    const pw = h('input', { id: 'new-password', type: 'password', autocomplete: 'new-password' });
    steps.append(h('p', {}, 'Choose your own password (at least 12 characters; not the one-time one).'), pw,
      h('button', { id: 'set-password', onclick: async () => {
        try { await api('POST', '/api/me/password', { current, next: pw.value }); r.password_change_required = false; toast('Password changed'); setup(r, pw.value); }
        catch (e) { err.textContent = e.message; }
      } }, 'Set password'));
  } else if (r.totp_setup_required) {
    const box = h('div', {});
    steps.append(h('p', {}, 'Admins need two-factor authentication. Add this key to an authenticator app, then enter a code.'), box);
    api('POST', '/api/me/totp').then(t => {
      const code = h('input', { id: 'totp-code', inputmode: 'numeric' });
      box.append(h('p', { class: 'mono', id: 'totp-secret' }, t.secret), h('p', { class: 'mono muted' }, t.uri), code,
        h('button', { id: 'totp-confirm', onclick: async () => {
          try { await api('POST', '/api/me/totp/confirm', { code: code.value }); toast('Two-factor enabled'); await start(); }
          catch (e) { err.textContent = e.message; }
        } }, 'Confirm'));
    }).catch(e => err.textContent = e.message);
  } else { return start(); }
  view(steps);
}

// ---- overview
async function overview() {
  nav('overview');
  const [m, hist, risk] = await Promise.all([api('GET', '/api/metrics'), api('GET', '/api/metrics/history?limit=500'), api('GET', '/api/risk')]);
  const p = m.programme || {}, comp = (p.compliance || {}).overall_percent, fw = (p.firmware || {}).percent;
  const det = p.detection || {};
  const card = (n, l, id) => h('div', { class: 'card', id }, h('div', { class: 'n' }, n), h('div', { class: 'l' }, l));
  const tiers = m.tiers || {}, levels = m.risk_levels || {};
  view(h('h1', {}, 'Overview'),
    h('div', { class: 'cards' },
      card(fmt.num(m.devices), 'devices', 'c-devices'),
      card(fmt.num(m.alerts.open + m.alerts.acknowledged), 'open alerts', 'c-alerts'),
      card(fmt.num((levels.high || 0) + (levels.critical || 0)), 'high-risk devices', 'c-risk'),
      card(fmt.num((tiers.restricted || 0) + (tiers.quarantined || 0)), 'restricted or quarantined', 'c-tiers'),
      card(comp === null || comp === undefined ? '–' : comp + ' %', 'baseline compliance', 'c-compliance'),
      card(fw === null || fw === undefined ? '–' : fw + ' %', 'on latest firmware', 'c-firmware'),
      card(fmt.dur(det.mean_time_to_detect_seconds), 'mean time to detect', 'c-mttd'),
      card(fmt.dur(m.alerts.mean_time_to_respond_seconds), 'mean time to respond', 'c-mttr')),
    h('div', { class: 'grid2' },
      h('section', {}, h('h2', {}, 'Trust tiers'), bars(['trusted', 'restricted', 'quarantined'].map(t => ({ label: t, value: tiers[t] || 0, cls: t })), { label: 'devices per trust tier' })),
      h('section', {}, h('h2', {}, 'Risk levels'), bars(['critical', 'high', 'medium', 'low'].map(t => ({ label: t, value: levels[t] || 0, cls: t })), { label: 'devices per risk level' }))),
    h('h2', {}, 'Over time'),
    h('div', { id: 'trend' }, lines(hist.items, [{ name: 'devices', get: x => x.devices }, { name: 'open alerts', get: x => x.open_alerts }], { label: 'devices and open alerts over time' })),
    h('h2', {}, 'What to fix first'),
    planTable(risk.plan || []),
    h('p', {}, h('a', { href: '/api/report.html', target: '_blank', rel: 'noopener', id: 'report-link' }, 'Open the full report'),
      ' (every device with its evidence, every finding, the plan and the metrics, in one page to save or print)'));
}
function planTable(plan) {
  if (!plan.length) return h('p', { class: 'muted' }, 'Nothing to fix.');
  return h('table', { id: 'plan' }, h('thead', {}, h('tr', {}, h('th', {}, '#'), h('th', {}, 'Device'), h('th', {}, 'Action'), h('th', {}, 'Risk cut'))),
    h('tbody', {}, plan.slice(0, 15).map((a, i) => h('tr', { class: 'click', onclick: () => location.hash = '#/device/' + encodeURIComponent(a.device) },
      h('td', {}, i + 1), h('td', { class: 'mono' }, a.device), h('td', {}, a.action || ''), h('td', {}, (Math.round((a.risk_before - a.risk_after) * 10) / 10) + ' (' + a.risk_before + ' → ' + a.risk_after + ')')))));
}

// ---- inventory
async function devices(params) {
  nav('devices');
  const q = new URLSearchParams(params);
  const limit = 50, offset = Number(q.get('offset') || 0);
  q.set('limit', limit);
  const r = await api('GET', '/api/devices?' + q.toString());
  const inp = h('input', { id: 'q', type: 'search', placeholder: 'search name, IP, vendor…', value: q.get('q') || '' });
  const sel = (id, opts) => { const e = h('select', { id }, h('option', { value: '' }, id.replace('f-', '') + ': any'), opts.map(o => h('option', { value: o }, o))); e.value = q.get(id.slice(2)) || ''; return e; };
  const fType = sel('f-type', ['camera', 'printer', 'smart speaker', 'thermostat', 'lock', 'hub', 'tv', 'phone', 'computer', 'router', 'industrial controller', 'medical device', 'sensor', 'unknown']);
  const fTier = sel('f-tier', ['trusted', 'restricted', 'quarantined']);
  const fRisk = sel('f-risk_level', ['critical', 'high', 'medium', 'low']);
  const sort = q.get('sort') || 'risk';
  const go = (off = 0, by = sort) => {
    const n = new URLSearchParams();
    if (by !== 'risk') n.set('sort', by);
    if (inp.value) n.set('q', inp.value);
    if (fType.value) n.set('type', fType.value);
    if (fTier.value) n.set('tier', fTier.value);
    if (fRisk.value) n.set('risk_level', fRisk.value);
    if (off) n.set('offset', off);
    location.hash = '#/devices?' + n.toString();
  };
  inp.addEventListener('change', () => go()); [fType, fTier, fRisk].forEach(e => e.addEventListener('change', () => go()));
  const rows = r.items.map(d => h('tr', { class: 'click dev', 'data-id': d.id, onclick: () => location.hash = '#/device/' + encodeURIComponent(d.id) },
    h('td', {}, d.name || d.id), h('td', { class: 'mono' }, d.ip || ''), h('td', {}, d.vendor || ''), h('td', {}, d.type || ''),
    h('td', {}, d.model || ''), h('td', {}, d.trust === null ? '–' : d.trust), h('td', {}, tier(d.tier)),
    h('td', {}, d.risk_level ? sev(d.risk_level === 'critical' ? 'critical' : d.risk_level) : '–'), h('td', {}, fmt.time(d.last_seen))));
  view(h('h1', {}, 'Inventory'),
    h('div', { class: 'filters' }, inp, fType, fTier, fRisk, h('span', { id: 'count', class: 'muted' }, r.total + ' devices'),
      h('a', { href: '/api/devices.csv', download: 'vigil-devices.csv' }, 'Export CSV')),
    h('table', { id: 'devices' }, h('thead', {}, h('tr', {}, [['Name', 'id'], ['IP', null], ['Vendor', 'vendor'], ['Type', 'type'], ['Model', null],
      ['Trust', 'trust'], ['Tier', null], ['Risk', 'risk'], ['Last seen', 'last_seen']].map(([x, by]) => h('th', by ? { class: 'click', title: 'sort by ' + x.toLowerCase(),
        onclick: () => go(0, by) } : {}, x, by === sort ? ' ▾' : '')))), h('tbody', {}, rows)),
    h('div', { class: 'pager' }, h('button', { class: 'secondary', disabled: offset === 0, onclick: () => go(Math.max(0, offset - limit)) }, '‹ Previous'),
      h('span', {}, r.total ? (offset + 1) + '–' + Math.min(offset + limit, r.total) + ' of ' + r.total : 'none'),
      h('button', { class: 'secondary', disabled: offset + limit >= r.total, onclick: () => go(offset + limit) }, 'Next ›')));
}

// ---- device page
async function device(id) {
  nav('devices');
  const [d, t, tr] = await Promise.all([api('GET', '/api/devices/' + encodeURIComponent(id)), api('GET', '/api/devices/' + encodeURIComponent(id) + '/trust'),
    api('GET', '/api/devices/' + encodeURIComponent(id) + '/traffic')]);
  const dev = d.device || {}, a = d.assessment || {}, trust = a.trust || {}, risk = a.risk || {};
  const attrs = dev.attributes || {};
  const ident = h('dl', { class: 'kv', id: 'identity' });
  for (const [k, v] of [['Vendor', dev.vendor], ['Type', dev.type], ['Model', dev.model], ['Firmware', dev.firmware], ['OS', dev.os], ['MAC', dev.mac],
    ['Addresses', (dev.ips || []).map(x => x.ip).join(', ')], ['Names', (dev.hostnames || []).join(', ')], ['First seen', fmt.time(dev.first_seen)], ['Last seen', fmt.time(dev.last_seen)]]) {
    const at = attrs[k.toLowerCase()];
    ident.append(h('dt', {}, k), h('dd', {}, v || '–', at && v ? h('span', { class: 'muted' }, '  (confidence ' + Math.round(at.confidence * 100) + ' %)') : null));
  }
  const evidence = h('ul', { class: 'muted' }, (dev.evidence || []).slice(0, 12).map(e => h('li', {}, (e.attribute || '') + ' = ' + (e.value || '') + ' — ' + (e.source || '') + ': ' + (e.observed || ''))));
  const factors = h('div', { id: 'factors' }, (trust.factors || []).map(f => h('div', { class: 'factor' }, h('span', {}, f.name),
    h('span', { class: 'track' }, (() => { const g = s('svg', { width: '100%', height: 10, viewBox: '0 0 100 10', preserveAspectRatio: 'none' });
      g.append(s('rect', { x: 0, y: 0, width: Math.max(0, Math.min(100, f.cap ? 100 * Math.abs(f.points) / Math.abs(f.cap) : 0)), height: 10, class: 'bar ' + (f.points > 0 ? 'low' : 'high') })); return g; })()),
    h('span', {}, f.points > 0 ? '+' + Math.round(f.points * 10) / 10 : f.points < 0 ? '−' + Math.abs(Math.round(f.points * 10) / 10) : '0'))));
  const hist = t.history || [];
  const findings = h('table', { id: 'findings' }, h('thead', {}, h('tr', {}, ['Severity', 'Finding', 'Last seen', 'Count'].map(x => h('th', {}, x)))),
    h('tbody', {}, (d.findings || []).map(f => h('tr', {}, h('td', {}, sev(f.finding.severity)), h('td', {}, f.finding.title, h('div', { class: 'muted' }, f.finding.remediation || '')),
      h('td', {}, fmt.time(f.finding.last_seen)), h('td', {}, f.finding.count)))));
  const conv = h('table', { id: 'conversations' }, h('thead', {}, h('tr', {}, ['From', 'To', 'Service', 'Flows', 'Bytes'].map(x => h('th', {}, x)))),
    h('tbody', {}, (tr.conversations || []).slice(0, 40).map(c => h('tr', {}, h('td', { class: 'mono' }, c.src), h('td', { class: 'mono' }, c.dst), h('td', {}, c.service), h('td', {}, fmt.num(c.flows)), h('td', {}, fmt.num(c.bytes))))));
  const tf = tr.traffic || {};
  const edit = h('form', { id: 'annotate', class: 'filters' });
  for (const f of ['owner', 'contact', 'location', 'purpose']) edit.append(h('input', { name: f, placeholder: f, value: d[f] || '', disabled: !canEdit() }));
  const crit = h('select', { name: 'criticality', disabled: !canEdit() }, ['', 'low', 'medium', 'high', 'critical'].map(c => h('option', { value: c }, c || 'criticality: unset')));
  crit.value = d.criticality || '';
  edit.append(crit, h('input', { name: 'tags', placeholder: 'tags (comma-separated)', value: (d.tags || []).join(', '), disabled: !canEdit() }),
    h('button', { type: 'submit', disabled: !canEdit() }, 'Save'));
  edit.addEventListener('submit', async ev => {
    ev.preventDefault();
    const body = {}; for (const el of edit.elements) if (el.name) body[el.name] = el.value;
    try { await api('PATCH', '/api/devices/' + encodeURIComponent(id), body); toast('Saved'); route(); } catch (e) { toast(e.message); }
  });
  const title = (dev.hostnames && dev.hostnames[0]) || [dev.vendor, dev.model || (dev.type !== 'unknown' ? dev.type : null)].filter(Boolean).join(' ') || (dev.ips || []).map(x => x.ip)[0] || id;
  view(h('h1', {}, title, ' ', h('span', { class: 'muted mono' }, id)),
    h('div', { class: 'cards' },
      h('div', { class: 'card', id: 'd-trust' }, h('div', { class: 'n' }, trust.score === undefined ? '–' : trust.score), h('div', { class: 'l' }, 'trust — ', tier(d.tier))),
      h('div', { class: 'card', id: 'd-risk' }, h('div', { class: 'n' }, risk.score === undefined ? '–' : risk.score), h('div', { class: 'l' }, 'risk — ' + (risk.level || '–'))),
      h('div', { class: 'card' }, h('div', { class: 'n' }, (d.findings || []).length), h('div', { class: 'l' }, 'findings')),
      h('div', { class: 'card' }, h('div', { class: 'n' }, (d.alerts || []).filter(x => x.status !== 'resolved').length), h('div', { class: 'l' }, 'open alerts'))),
    h('div', { class: 'grid2' },
      h('section', {}, h('h2', {}, 'Identity and evidence'), ident, evidence),
      h('section', {}, h('h2', {}, 'Trust history'), lines(hist.map(x => ({ at: x.ts, score: x.score })), [{ name: 'trust', get: x => x.score }], { width: 520, label: 'trust over time' }),
        h('table', { id: 'trust-history' }, h('thead', {}, h('tr', {}, ['When', 'Trust', 'Tier', 'What it lost or gained'].map(x => h('th', {}, x)))),
          h('tbody', {}, hist.slice(-12).reverse().map(p => h('tr', {}, h('td', {}, fmt.time(p.ts)), h('td', {}, p.score), h('td', {}, tier(p.tier)),
            h('td', { class: 'muted' }, (p.factors || []).filter(f => f.points).map(f => f.name + ' ' + (f.points > 0 ? '+' : '−')
              + Math.abs(Math.round(f.points * 10) / 10)).join(', ') || 'nothing'))))),
        (t.tier_events || []).length ? h('ul', { id: 'tier-events' }, t.tier_events.map(e => h('li', {}, fmt.time(e.time) + ': ' + e.from + ' → ',
          h('span', { class: 'tier ' + e.to }, e.to), ' (trust ' + e.score + (e.causes && e.causes.length ? '; ' + e.causes.join(', ') : '') + ')'))) : null,
        h('h2', {}, 'What lowers trust'), factors, (risk.reasons || []).length ? h('p', { class: 'muted' }, 'Risk: ' + risk.reasons.join('; ')) : null)),
    h('h2', {}, 'Owner, location, criticality'), edit,
    h('h2', {}, 'Findings'), findings,
    h('h2', {}, 'Traffic'),
    h('div', { class: 'grid2' },
      h('section', {}, h('h3', {}, 'Services it offers'), h('table', { id: 'offered' }, h('thead', {}, h('tr', {}, ['Service', 'Port', 'Flows', 'Answered', 'Clients'].map(x => h('th', {}, x)))),
        h('tbody', {}, (tr.services_offered || []).map(o => h('tr', {}, h('td', {}, o.service || '–'), h('td', {}, o.transport + '/' + o.port), h('td', {}, fmt.num(o.flows)),
          h('td', {}, fmt.num(o.answered)), h('td', {}, fmt.num(o.clients))))))),
      h('section', {}, h('h3', {}, 'Services it uses'), h('table', { id: 'used' }, h('thead', {}, h('tr', {}, ['Service', 'Flows'].map(x => h('th', {}, x)))),
        h('tbody', {}, (tr.services_used || []).map(u => h('tr', {}, h('td', {}, u.service), h('td', {}, fmt.num(u.flows)))))))),
    h('p', { class: 'muted' }, 'out ' + fmt.num(tf.bytes_out) + ' B in ' + fmt.num(tf.packets_out) + ' packets; in ' + fmt.num(tf.bytes_in) + ' B in ' + fmt.num(tf.packets_in) + ' packets'), conv);
}

// ---- alerts
async function alerts(params) {
  nav('alerts');
  const q = new URLSearchParams(params);
  if (!q.has('status')) q.set('status', 'active');
  const r = await api('GET', '/api/alerts?limit=200&' + q.toString());
  const st = h('select', { id: 'f-status' }, ['active', 'open', 'acknowledged', 'resolved'].map(x => h('option', { value: x }, x)));
  st.value = q.get('status');
  const sv = h('select', { id: 'f-severity' }, h('option', { value: '' }, 'severity: any'), ['critical', 'high', 'medium', 'low', 'info'].map(x => h('option', { value: x }, x)));
  sv.value = q.get('severity') || '';
  const go = () => location.hash = '#/alerts?status=' + st.value + (sv.value ? '&severity=' + sv.value : '');
  st.addEventListener('change', go);
  sv.addEventListener('change', go);
  view(h('h1', {}, 'Alert queue'), h('div', { class: 'filters' }, st, sv, h('span', { class: 'muted', id: 'alert-count' }, r.total + ' alerts')),
    h('table', { id: 'alerts' }, h('thead', {}, h('tr', {}, ['Severity', 'Alert', 'Device', 'Status', 'Assignee', 'Detected'].map(x => h('th', {}, x)))),
      h('tbody', {}, r.items.map(a => h('tr', { class: 'click alert', 'data-id': a.id, onclick: () => location.hash = '#/alert/' + encodeURIComponent(a.id) },
        h('td', {}, sev(a.severity)), h('td', {}, a.title, h('div', { class: 'muted mono' }, a.type)), h('td', { class: 'mono' }, a.device_id),
        h('td', { class: 'status' }, a.status), h('td', {}, a.assignee || '–'), h('td', {}, fmt.time(a.detected_at)))))));
}
async function alert(id) {
  nav('alerts');
  const d = await api('GET', '/api/alerts/' + encodeURIComponent(id));
  const a = d.alert, f = d.finding ? d.finding.finding : {};
  const comment = h('textarea', { id: 'comment', rows: 2, cols: 60, placeholder: 'comment (what you found, what you did)', disabled: !canEdit() });
  const act = (name, label, cond) => h('button', { id: 'a-' + name, disabled: !canEdit() || !cond, onclick: async () => {
    try { await api('POST', '/api/alerts/' + encodeURIComponent(id) + '/' + name, name === 'comment' ? { text: comment.value } : { comment: comment.value || null }); toast(label + ': done'); route(); }
    catch (e) { toast(e.message); } } }, label);
  const ev = h('dl', { class: 'kv', id: 'evidence' });
  for (const [k, v] of Object.entries(f.evidence || {})) ev.append(h('dt', {}, k), h('dd', { class: 'mono' }, typeof v === 'object' ? JSON.stringify(v) : String(v)));
  view(h('h1', {}, sev(a.severity), ' ', a.title),
    h('dl', { class: 'kv' }, h('dt', {}, 'Status'), h('dd', { id: 'alert-status' }, a.status), h('dt', {}, 'Device'),
      h('dd', {}, h('a', { href: '#/device/' + encodeURIComponent(a.device_id) }, a.device_id)), h('dt', {}, 'Type'), h('dd', { class: 'mono' }, a.type),
      h('dt', {}, 'First evidence'), h('dd', {}, fmt.time(a.first_evidence)), h('dt', {}, 'Detected'), h('dd', {}, fmt.time(a.detected_at)),
      h('dt', {}, 'Raised'), h('dd', {}, fmt.ms(a.created)), h('dt', {}, 'Assignee'), h('dd', {}, a.assignee || '–'),
      h('dt', {}, 'Resolved'), h('dd', {}, fmt.ms(a.resolved))),
    h('h2', {}, 'Why'), h('p', {}, (f.evidence && f.evidence.explanation) || f.title || ''), ev,
    h('h2', {}, 'What to do'), h('p', {}, f.remediation || '–'),
    h('h2', {}, 'Work on it'), comment,
    h('div', { class: 'actions' }, act('ack', 'Acknowledge', a.status === 'open'), act('comment', 'Comment', true),
      act('resolve', 'Resolve', a.status !== 'resolved'), act('reopen', 'Reopen', a.status === 'resolved')),
    h('h2', {}, 'History'), h('ul', { class: 'comments', id: 'comments' }, d.comments.map(c => h('li', {}, h('strong', {}, c.author), ' ', h('span', { class: 'muted' }, fmt.ms(c.created)), ': ', c.text))));
}

// ---- talk map: devices on an inner ring, outside addresses on an outer ring
async function map() {
  nav('map');
  const g = await api('GET', '/api/graph?limit=300');
  const w = 900, ht = 640, cx = w / 2, cy = ht / 2;
  const inner = g.nodes.filter(n => !n.external), outer = g.nodes.filter(n => n.external);
  const pos = {};
  const ring = (list, r) => list.forEach((n, i) => { const a = 2 * Math.PI * i / Math.max(1, list.length); pos[n.key] = [cx + r * Math.cos(a), cy + r * Math.sin(a)]; });
  ring(inner, 170); ring(outer, 290);
  const svg = s('svg', { width: w, height: ht, id: 'talkmap', role: 'img', 'aria-label': 'who talks to whom' });
  const maxB = Math.max(1, ...g.edges.map(e => e.bytes));
  for (const e of g.edges) {
    const a = pos[e.src], b = pos[e.dst]; if (!a || !b) continue;
    svg.append(s('line', { x1: a[0], y1: a[1], x2: b[0], y2: b[1], class: 'edge', 'stroke-width': 0.5 + 3 * Math.sqrt(e.bytes / maxB) }, s('title', {}, e.src + ' → ' + e.dst + ' ' + e.service + ': ' + fmt.num(e.bytes) + ' B')));
  }
  for (const n of g.nodes) {
    const p = pos[n.key];
    const c = s('circle', { cx: p[0], cy: p[1], r: n.external ? 4 : 8, class: 'node ' + (n.external ? 'ext' : (n.tier || 'dev')) },
      s('title', {}, (n.vendor ? n.vendor + ' ' : '') + (n.type || '') + ' ' + n.ip));
    if (!n.external) c.addEventListener('click', () => location.hash = '#/device/' + encodeURIComponent(n.id));
    svg.append(c);
    if (!n.external) svg.append(s('text', { x: p[0] + 10, y: p[1] + 4 }, n.ip || n.id));
  }
  view(h('h1', {}, 'Who talks to whom'), h('p', { class: 'muted' }, inner.length + ' devices (inner ring, coloured by trust tier), ' + outer.length +
    ' other addresses (outer ring); line width grows with bytes. Click a device to open it.'), svg);
}

async function ingest() {
  nav('ingest');
  const r = await api('GET', '/api/ingest');
  view(h('h1', {}, 'Ingestion'), h('table', { id: 'sources' }, h('thead', {}, h('tr', {}, ['Source', 'State', 'Packets', 'Flows', 'Dropped', 'Malformed', 'Windows', 'Queue', 'Position', 'Detection learning since'].map(x => h('th', {}, x)))),
    h('tbody', {}, r.sources.map(x => h('tr', {}, h('td', { class: 'mono' }, x.name), h('td', {}, x.state + (x.message ? ' — ' + x.message : '')), h('td', {}, fmt.num(x.packets)),
      h('td', {}, fmt.num(x.flows)), h('td', {}, fmt.num(x.dropped)), h('td', {}, fmt.num(x.malformed)), h('td', {}, fmt.num(x.windows)),
      h('td', {}, x.queue_capacity ? x.queued + ' / ' + x.queue_capacity : '–'), h('td', { class: 'mono' }, x.position || '–'),
      h('td', { class: 'mono', title: 'packet time the behavioural detection of this source started learning; restarts after the horizon (24 h) or under heap pressure' },
        fmt.time(x.detection_since) + (x.detection_restarts ? ' (restarted ' + x.detection_restarts + '×)' : '')))))),
    h('h2', {}, 'Alert outputs'), h('p', { class: 'muted' }, 'dropped (queue full): ' + r.outputs_dropped),
    h('ul', {}, r.outputs.map(o => h('li', { class: 'mono' }, o.name + ': sent ' + o.sent + ', failed ' + o.failed))));
}

// ---- your own account: password and second factor
function account() {
  nav('account');
  const msg = h('div', { id: 'account-msg' });
  const cur = h('input', { id: 'cur-password', type: 'password', autocomplete: 'current-password', placeholder: 'current password' });
  const next = h('input', { id: 'next-password', type: 'password', autocomplete: 'new-password', placeholder: 'new password (12+ characters)' });
  const box = h('div', {});
  const u = state.me.user;
  view(h('h1', {}, 'Your account'), msg,
    h('dl', { class: 'kv' }, h('dt', {}, 'User'), h('dd', {}, u ? u.username : state.me.token), h('dt', {}, 'Role'), h('dd', {}, state.me.role),
      h('dt', {}, 'Two-factor'), h('dd', { id: 'totp-state' }, u && u.totp ? 'on' : 'off')),
    h('h2', {}, 'Change your password'),
    h('div', { class: 'filters' }, cur, next, h('button', { id: 'change-password', onclick: async () => {
      try { await api('POST', '/api/me/password', { current: cur.value, next: next.value }); msg.textContent = 'Password changed; your other sessions were signed out.'; }
      catch (e) { msg.textContent = e.message; } } }, 'Change')),
    h('h2', {}, 'Two-factor authentication'),
    h('p', { class: 'muted' }, 'A new authenticator key replaces the old one once you confirm a code from it.'),
    h('button', { id: 'totp-start', class: 'secondary', onclick: async () => {
      try {
        const t = await api('POST', '/api/me/totp');
        const code = h('input', { id: 'totp-new-code', inputmode: 'numeric', placeholder: '6-digit code' });
        box.replaceChildren(h('p', { class: 'mono' }, t.secret), h('p', { class: 'mono muted' }, t.uri), code,
          h('button', { onclick: async () => {
            try { await api('POST', '/api/me/totp/confirm', { code: code.value }); msg.textContent = 'Two-factor authentication is on.'; }
            catch (e) { msg.textContent = e.message; } } }, 'Confirm'));
      } catch (e) { msg.textContent = e.message; } } }, 'Set up an authenticator'), box);
}

// ---- administration: people, machine tokens, the audit log
async function admin() {
  nav('admin');
  const [users, tokens, audit] = await Promise.all([api('GET', '/api/users'), api('GET', '/api/tokens'), api('GET', '/api/audit?limit=100')]);
  const msg = h('div', { id: 'admin-msg', class: 'mono' });
  const uname = h('input', { id: 'new-user', placeholder: 'user name' });
  const urole = h('select', { id: 'new-user-role' }, ['viewer', 'analyst', 'admin'].map(r => h('option', { value: r }, r)));
  const tname = h('input', { id: 'new-token', placeholder: 'token name (e.g. siem)' });
  const trole = h('select', { id: 'new-token-role' }, ['viewer', 'analyst', 'admin'].map(r => h('option', { value: r }, r)));
  const verify = h('span', { id: 'audit-verify', class: 'muted' });
  view(h('h1', {}, 'Administration'), msg,
    h('h2', {}, 'People'),
    h('table', { id: 'users' }, h('thead', {}, h('tr', {}, ['User', 'Role', 'Two-factor', 'Must change password', ''].map(x => h('th', {}, x)))),
      h('tbody', {}, users.items.map(u => h('tr', {}, h('td', {}, u.username), h('td', {}, u.role), h('td', {}, u.totp ? 'yes' : 'no'), h('td', {}, u.must_change ? 'yes' : 'no'),
        h('td', {}, state.me.user && state.me.user.username === u.username ? '' : h('span', { class: 'actions' },
          h('button', { class: 'secondary', onclick: async () => {
            try { const r = await api('POST', '/api/users/' + encodeURIComponent(u.username) + '/reset');
              msg.textContent = 'Reset ' + r.username + '. One-time password, shown once: ' + r.one_time_password; } catch (e) { msg.textContent = e.message; } } }, 'Reset'),
          h('button', { class: 'secondary', onclick: async () => {
            if (!confirm('Delete ' + u.username + '?')) return;
            try { await api('DELETE', '/api/users/' + encodeURIComponent(u.username)); toast('Deleted'); route(); } catch (e) { msg.textContent = e.message; } } }, 'Delete'))))))),
    h('div', { class: 'filters' }, uname, urole, h('button', { id: 'create-user', onclick: async () => {
      try { const r = await api('POST', '/api/users', { username: uname.value, role: urole.value });
        msg.textContent = 'Created ' + r.username + ' (' + r.role + '). One-time password, shown once: ' + r.one_time_password; }
      catch (e) { msg.textContent = e.message; } } }, 'Create user')),
    h('h2', {}, 'API tokens'),
    h('table', { id: 'tokens' }, h('thead', {}, h('tr', {}, ['Name', 'Role', 'Created', 'Last used', 'Revoked', ''].map(x => h('th', {}, x)))),
      h('tbody', {}, tokens.items.map(t => h('tr', {}, h('td', {}, t.name), h('td', {}, t.role), h('td', {}, fmt.ms(t.created)), h('td', {}, fmt.ms(t.last_used)),
        h('td', {}, t.revoked ? 'yes' : 'no'), h('td', {}, t.revoked ? '' : h('button', { class: 'secondary', onclick: async () => {
          try { await api('DELETE', '/api/tokens/' + encodeURIComponent(t.name)); toast('Revoked'); route(); } catch (e) { msg.textContent = e.message; } } }, 'Revoke')))))),
    h('div', { class: 'filters' }, tname, trole, h('button', { id: 'create-token', onclick: async () => {
      try { const r = await api('POST', '/api/tokens', { name: tname.value, role: trole.value });
        msg.textContent = 'Token ' + r.name + ' (' + r.role + '), shown once: ' + r.token; }
      catch (e) { msg.textContent = e.message; } } }, 'Create token')),
    h('h2', {}, 'Audit log'),
    h('div', { class: 'filters' }, h('button', { id: 'verify-audit', class: 'secondary', onclick: async () => {
      const v = await api('GET', '/api/audit/verify');
      verify.textContent = v.ok ? 'intact: ' + v.entries + ' entries, hash chain verified' : 'TAMPERED at entry ' + v.broken_at + ': ' + v.reason; } }, 'Verify the hash chain'), verify),
    h('table', { id: 'audit' }, h('thead', {}, h('tr', {}, ['#', 'When', 'Who', 'What', 'Target', 'Detail'].map(x => h('th', {}, x)))),
      h('tbody', {}, audit.items.map(e => h('tr', {}, h('td', {}, e.seq), h('td', {}, fmt.ms(e.ts)), h('td', {}, e.actor), h('td', { class: 'mono' }, e.action),
        h('td', { class: 'mono' }, e.target || ''), h('td', {}, e.detail || ''))))));
}

// ---- routing
async function route() {
  const hash = location.hash || '#/';
  const [path, query] = hash.slice(1).split('?');
  if (path === '/login') return login();
  if (!state.me) { try { await start(true); } catch (e) { return; } }
  try {
    if (path === '/' || path === '') await overview();
    else if (path === '/devices') await devices(query || '');
    else if (path.startsWith('/device/')) await device(decodeURIComponent(path.slice(8)));
    else if (path === '/alerts') await alerts(query || '');
    else if (path.startsWith('/alert/')) await alert(decodeURIComponent(path.slice(7)));
    else if (path === '/map') await map();
    else if (path === '/ingest') await ingest();
    else if (path === '/admin') await admin();
    else if (path === '/account') account();
    else view(h('p', {}, 'No such page.'));
  } catch (e) { if (e.message !== 'signed out') view(h('p', { class: 'error' }, e.message)); }
}
async function start(quiet) {
  const me = await api('GET', '/api/me');
  if (!me.complete) { state.me = null; location.hash = '#/login'; return; }
  state.me = me; state.csrf = me.csrf;
  $('#top').hidden = false;
  $('#who').textContent = (me.user ? me.user.username : me.token) + ' (' + me.role + ')';
  $('#nav-admin').hidden = me.role !== 'admin';
  if (!quiet) { if (location.hash === '#/login' || !location.hash) location.hash = '#/'; else route(); }
}
$('#logout').addEventListener('click', async () => { try { await api('POST', '/api/logout'); } catch (e) { /* gone anyway */ } state.me = null; state.csrf = null; location.hash = '#/login'; });
window.addEventListener('hashchange', route);
// the overview, the alert queue and the ingestion page follow the store by themselves, unless someone is typing
setInterval(() => {
  const p = (location.hash || '#/').split('?')[0];
  const busy = document.activeElement && ['INPUT', 'TEXTAREA', 'SELECT'].includes(document.activeElement.tagName);
  if (state.me && !busy && !document.hidden && ['#/', '#/alerts', '#/ingest'].includes(p)) route();
}, 30000);
route();
