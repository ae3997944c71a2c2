'use strict';
// Vigil dashboard: sign-in, the overview, ingestion, one's account, administration, routing. The
// shared helpers are in core.js; the inventory, alerts, map, vulnerabilities and segmentation have files of their own.

// ---- sign in (the navigation bar stays hidden until a session is complete)
function login() {
  $('#top').hidden = true;
  const err = h('div', { class: 'error', id: 'login-error', role: 'alert' });
  const form = h('form', { class: 'login', id: 'login-form' },
    h('h1', {}, 'Sign in to Vigil'),
    h('label', { for: 'username' }, 'User name'), h('input', { id: 'username', autocomplete: 'username', required: true }),
    h('label', { for: 'password' }, 'Password'), h('input', { id: 'password', type: 'password', autocomplete: 'current-password', required: true }),
    h('label', { for: 'code' }, 'One-time code (once you set up two-factor)'), h('input', { id: 'code', inputmode: 'numeric', autocomplete: 'one-time-code' }),
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

/** An authenticator enrolment: the QR code to scan, the key to type, the code field. */
function enrolment(t, codeId, onConfirm) {
  const code = h('input', { id: codeId, inputmode: 'numeric', autocomplete: 'one-time-code', pattern: '[0-9]{6}' });
  return h('div', { class: 'enrol' },
    h('img', { id: 'totp-qr', src: t.qr, alt: 'QR code of the authenticator key', width: 200, height: 200 }),
    h('p', {}, 'Scan the code with an authenticator app, or type this key:'),
    h('p', { class: 'mono', id: 'totp-secret' }, t.secret),
    h('label', { for: codeId }, 'Six-digit code from the app'), code,
    h('button', { id: codeId === 'totp-code' ? 'totp-confirm' : 'totp-new-confirm', type: 'button', onclick: () => onConfirm(code.value) }, 'Confirm'));
}

function setup(r, current) {
  $('#top').hidden = true;
  const err = h('div', { class: 'error', role: 'alert' });
  const steps = h('div', { class: 'login', id: 'setup' }, h('h1', {}, 'Finish setting up your account'), err);
  if (r.password_change_required) {
    const pw = h('input', { id: 'new-password', type: 'password', autocomplete: 'new-password' });
    steps.append(h('p', {}, 'Choose your own password (at least 12 characters; not the one-time one).'),
      h('label', { for: 'new-password' }, 'New password'), pw,
      h('button', { id: 'set-password', onclick: async () => {
        try { await api('POST', '/api/me/password', { current, next: pw.value }); r.password_change_required = false; toast('Password changed'); setup(r, pw.value); }
        catch (e) { err.textContent = e.message; }
      } }, 'Set password'));
  } else if (r.totp_setup_required) {
    const box = h('div', {});
    steps.append(h('p', {}, 'Admins need two-factor authentication.'), box);
    api('POST', '/api/me/totp').then(t => box.append(enrolment(t, 'totp-code', async code => {
      try { await api('POST', '/api/me/totp/confirm', { code }); toast('Two-factor enabled'); await start(); }
      catch (e) { err.textContent = e.message; }
    }))).catch(e => { err.textContent = e.message; });
  } else { return start(); }
  view(steps);
}

// ---- overview
async function overview() {
  nav('overview');
  const [m, hist, risk] = await Promise.all([api('GET', '/api/metrics'), api('GET', '/api/metrics/history?limit=5000'), api('GET', '/api/risk')]);
  const p = m.programme || {}, comp = (p.compliance || {}).overall_percent, fw = (p.firmware || {}).percent;
  const det = p.detection || {};
  const card = (n, l, id, href) => h(href ? 'a' : 'div', { class: 'card', id, href }, h('div', { class: 'n' }, n), h('div', { class: 'l' }, l));
  const tiers = m.tiers || {}, levels = m.risk_levels || {};
  view(h('h1', {}, 'Overview'),
    h('div', { class: 'cards' },
      card(fmt.num(m.devices), 'devices', 'c-devices', '#/devices'),
      card(fmt.num(m.alerts.open + m.alerts.acknowledged), 'open alerts', 'c-alerts', '#/alerts'),
      card(fmt.num((levels.high || 0) + (levels.critical || 0)), 'high-risk devices', 'c-risk', '#/devices?sort=risk'),
      card(fmt.num((tiers.restricted || 0) + (tiers.quarantined || 0)), 'restricted or quarantined', 'c-tiers'),
      card(comp === null || comp === undefined ? '–' : comp + ' %', 'baseline compliance', 'c-compliance'),
      card(fw === null || fw === undefined ? '–' : fw + ' %', 'on latest firmware', 'c-firmware'),
      card(fmt.dur(det.mean_time_to_detect_seconds), 'mean time to detect', 'c-mttd'),
      card(fmt.dur(m.alerts.mean_time_to_respond_seconds), 'mean time to respond', 'c-mttr')),
    h('div', { class: 'grid2' },
      h('section', {}, h('h2', {}, 'Trust tiers'), meters('tier-meters', ['trusted', 'restricted', 'quarantined'].map(t => ({ label: t, value: tiers[t] || 0, cls: t })))),
      h('section', {}, h('h2', {}, 'Risk levels'), meters('risk-meters', ['critical', 'high', 'medium', 'low'].map(t => ({ label: t, value: levels[t] || 0, cls: t }))))),
    h('h2', {}, 'Over time'),
    timeChart('trend', hist.items, [{ name: 'devices', get: x => x.devices }, { name: 'open alerts', get: x => x.open_alerts },
      { name: 'findings', get: x => x.findings }], { yLabel: 'count' }),
    h('h2', {}, 'What to fix first'),
    planTable(risk.plan || []),
    h('p', {}, h('a', { href: '/api/report.html', target: '_blank', rel: 'noopener', id: 'report-link' }, 'Open the full report'),
      ' (every device with its evidence, every finding, the plan and the metrics, in one page to save or print)'));
}
function planTable(plan) {
  if (!plan.length) return empty('plan-empty', 'Nothing to fix: no finding calls for an action.');
  return h('table', { id: 'plan' }, h('thead', {}, h('tr', {}, h('th', {}, '#'), h('th', {}, 'Device'), h('th', {}, 'Action'), h('th', {}, 'Risk cut'))),
    h('tbody', {}, plan.slice(0, 15).map((a, i) => h('tr', { class: 'click', onclick: () => { location.hash = '#/device/' + encodeURIComponent(a.device); } },
      h('td', {}, i + 1), h('td', {}, a.name || a.device), h('td', {}, a.action || ''), h('td', {}, (Math.round((a.risk_before - a.risk_after) * 10) / 10) + ' (' + a.risk_before + ' → ' + a.risk_after + ')')))));
}

async function ingest() {
  nav('ingest');
  const r = await api('GET', '/api/ingest');
  view(h('h1', {}, 'Ingestion'), !r.sources.length ? empty('sources-empty', 'No input: start vigil serve with a capture, an interface, --netflow or --zeek.') : h('table', { id: 'sources' }, h('thead', {}, h('tr', {}, ['Source', 'State', 'Packets', 'Flows', 'Dropped', 'Malformed', 'Windows', 'Queue', 'Position', 'Detection learning since'].map(x => h('th', {}, x)))),
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
  const msg = h('div', { id: 'account-msg', role: 'status' });
  const cur = h('input', { id: 'cur-password', type: 'password', autocomplete: 'current-password' });
  const next = h('input', { id: 'next-password', type: 'password', autocomplete: 'new-password' });
  const box = h('div', {});
  const u = state.me.user;
  view(h('h1', {}, 'Your account'), msg,
    h('dl', { class: 'kv' }, h('dt', {}, 'User'), h('dd', {}, u ? u.username : state.me.token), h('dt', {}, 'Role'), h('dd', {}, state.me.role),
      h('dt', {}, 'Two-factor'), h('dd', { id: 'totp-state' }, u && u.totp ? 'on' : 'off')),
    h('h2', {}, 'Change your password'),
    h('div', { class: 'filters' }, field('Current password', cur), field('New password (12 or more characters)', next), h('button', { id: 'change-password', onclick: async () => {
      try { await api('POST', '/api/me/password', { current: cur.value, next: next.value }); msg.textContent = 'Password changed; your other sessions were signed out.'; }
      catch (e) { msg.textContent = e.message; } } }, 'Change')),
    h('h2', {}, 'Two-factor authentication'),
    h('p', { class: 'muted' }, 'A new authenticator key replaces the old one once you confirm a code from it.'),
    h('button', { id: 'totp-start', class: 'secondary', onclick: async () => {
      try {
        const t = await api('POST', '/api/me/totp');
        box.replaceChildren(enrolment(t, 'totp-new-code', async code => {
          try { await api('POST', '/api/me/totp/confirm', { code }); msg.textContent = 'Two-factor authentication is on.'; }
          catch (e) { msg.textContent = e.message; } }));
      } catch (e) { msg.textContent = e.message; } } }, 'Set up an authenticator'), box);
}

// ---- administration: people, machine tokens, the audit log
async function admin() {
  nav('admin');
  const [users, tokens, audit] = await Promise.all([api('GET', '/api/users'), api('GET', '/api/tokens'), api('GET', '/api/audit?limit=100')]);
  const msg = h('div', { id: 'admin-msg', class: 'mono' });
  const uname = h('input', { id: 'new-user' });
  const urole = h('select', { id: 'new-user-role' }, ['viewer', 'analyst', 'admin'].map(r => h('option', { value: r }, r)));
  const tname = h('input', { id: 'new-token', placeholder: 'e.g. siem' });
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
    h('div', { class: 'filters' }, field('User name', uname), field('Role', urole), h('button', { id: 'create-user', onclick: async () => {
      try { const r = await api('POST', '/api/users', { username: uname.value, role: urole.value });
        msg.textContent = 'Created ' + r.username + ' (' + r.role + '). One-time password, shown once: ' + r.one_time_password; }
      catch (e) { msg.textContent = e.message; } } }, 'Create user')),
    h('h2', {}, 'API tokens'),
    h('table', { id: 'tokens' }, h('thead', {}, h('tr', {}, ['Name', 'Role', 'Created', 'Last used', 'Revoked', ''].map(x => h('th', {}, x)))),
      h('tbody', {}, tokens.items.map(t => h('tr', {}, h('td', {}, t.name), h('td', {}, t.role), h('td', {}, fmt.ms(t.created)), h('td', {}, fmt.ms(t.last_used)),
        h('td', {}, t.revoked ? 'yes' : 'no'), h('td', {}, t.revoked ? '' : h('button', { class: 'secondary', onclick: async () => {
          try { await api('DELETE', '/api/tokens/' + encodeURIComponent(t.name)); toast('Revoked'); route(); } catch (e) { msg.textContent = e.message; } } }, 'Revoke')))))),
    h('div', { class: 'filters' }, field('Token name', tname), field('Role', trole), h('button', { id: 'create-token', onclick: async () => {
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
    else if (path === '/map') await map(query || '');
    else if (path === '/vulnerabilities') await vulnerabilities(query || '');
    else if (path === '/policy') await policy();
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
  const busy = (document.activeElement && ['INPUT', 'TEXTAREA', 'SELECT'].includes(document.activeElement.tagName))
    || document.querySelector('input.pick:checked');
  if (state.me && !busy && !document.hidden && ['#/', '#/alerts', '#/ingest'].includes(p)) route();
}, 30000);
route();
