'use strict';
// Vigil dashboard: the alert queue (filters, pages, bulk steps, CSV) and one alert.

const ALERT_FILTERS = ['status', 'severity', 'type', 'device', 'assignee'];

async function alerts(params) {
  nav('alerts');
  const q = new URLSearchParams(params);
  if (!q.has('status')) q.set('status', 'active');
  const limit = Number(q.get('limit') || 50), offset = Number(q.get('offset') || 0);
  const query = new URLSearchParams(q); query.set('limit', limit); query.set('offset', offset);
  const [r, facets] = await Promise.all([api('GET', '/api/alerts?' + query.toString()), api('GET', '/api/alerts/facets')]);
  const sels = {
    status: select('f-status', null, facets.statuses.map(x => [x, x === 'active' ? 'not resolved' : x]), q.get('status')),
    severity: select('f-severity', 'any', facets.severities.map(x => [x, x]), q.get('severity')),
    type: select('f-type', 'any', facets.types.map(x => [x.value, x.value + ' (' + x.alerts + ')']), q.get('type')),
    device: select('f-device', 'any', facets.devices.map(x => [x.id, (x.ip || x.id) + ' (' + x.alerts + ')']), q.get('device')),
    assignee: select('f-assignee', 'anyone', facets.assignees.map(x => [x, x]), q.get('assignee')),
  };
  const filtered = () => { const n = new URLSearchParams(); for (const k of ALERT_FILTERS) if (sels[k].value) n.set(k, sels[k].value); return n; };
  const go = (off = 0) => { const n = filtered(); if (limit !== 50) n.set('limit', limit); if (off) n.set('offset', off); location.hash = '#/alerts?' + n.toString(); };
  Object.values(sels).forEach(s => s.addEventListener('change', () => go()));
  const checks = r.items.map(a => h('input', { type: 'checkbox', class: 'pick', 'data-id': a.id, 'aria-label': 'select ' + a.title, disabled: !canEdit() }));
  const all = h('input', { type: 'checkbox', id: 'pick-all', 'aria-label': 'select every alert on this page', disabled: !canEdit() });
  all.addEventListener('change', () => checks.forEach(c => { c.checked = all.checked; }));
  const picked = () => checks.filter(c => c.checked).map(c => c.dataset.id);
  const to = select('bulk-assignee', null, facets.assignees.map(x => [x, x]), state.me.user ? state.me.user.username : '');
  const bulk = (action, label, extra = {}) => h('button', { id: 'bulk-' + action, class: 'secondary', disabled: !canEdit(), onclick: async () => {
    const ids = picked();
    if (!ids.length) { toast('Select alerts first'); return; }
    try {
      const res = await api('POST', '/api/alerts/bulk', { ids, action, ...extra() });
      toast(label + ': ' + res.done.length + ' done' + (res.skipped.length ? ', ' + res.skipped.length + ' skipped (' + res.skipped[0].reason + ')' : ''));
      route();
    } catch (e) { toast(e.message); }
  } }, label);
  const body = r.items.map((a, i) => h('tr', { class: 'alert', 'data-id': a.id },
    h('td', {}, checks[i]), h('td', {}, sev(a.severity)),
    h('td', { class: 'click', onclick: () => { location.hash = '#/alert/' + encodeURIComponent(a.id); } }, h('a', { href: '#/alert/' + encodeURIComponent(a.id) }, a.title), h('div', { class: 'muted mono' }, a.type)),
    h('td', { class: 'mono' }, h('a', { href: '#/device/' + encodeURIComponent(a.device_id) }, a.device_id)),
    h('td', { class: 'status' }, a.status), h('td', {}, a.assignee || '–'), h('td', {}, fmt.time(a.detected_at))));
  const anyFilter = ALERT_FILTERS.some(k => k !== 'status' && q.get(k));
  view(h('h1', {}, 'Alert queue'),
    h('div', { class: 'filters' }, field('Status', sels.status), field('Severity', sels.severity), field('Type', sels.type), field('Device', sels.device),
      field('Assignee', sels.assignee), h('span', { class: 'muted', id: 'alert-count' }, r.total + ' alerts'),
      h('a', { id: 'alerts-csv', href: '/api/alerts.csv?' + filtered().toString(), download: 'vigil-alerts.csv' }, 'Export CSV')),
    r.items.length ? [
      h('div', { class: 'actions', id: 'bulk' }, h('span', { class: 'muted' }, 'Selected:'), bulk('ack', 'Acknowledge', () => ({})), bulk('resolve', 'Resolve', () => ({})),
        field('Assign to', to), bulk('assign', 'Assign', () => ({ assignee: to.value }))),
      h('table', { id: 'alerts' }, h('thead', {}, h('tr', {}, h('th', {}, all), ['Severity', 'Alert', 'Device', 'Status', 'Assignee', 'Detected'].map(x => h('th', {}, x)))),
        h('tbody', {}, body)),
      pager(r, limit, offset, go)]
      : empty('alerts-empty', anyFilter || q.get('status') !== 'active' ? 'No alert matches these filters.'
        : 'No open alerts: nothing detected needs a person now.'));
}

async function alert(id) {
  nav('alerts');
  const enc = encodeURIComponent(id);
  const [d, facets] = await Promise.all([api('GET', '/api/alerts/' + enc), api('GET', '/api/alerts/facets')]);
  const a = d.alert, f = d.finding ? d.finding.finding : {};
  const comment = h('textarea', { id: 'comment', rows: 2, cols: 60, placeholder: 'what you found, what you did', disabled: !canEdit() });
  const act = (name, label, cond, extra = () => ({})) => h('button', { id: 'a-' + name, disabled: !canEdit() || !cond, onclick: async () => {
    try { await api('POST', '/api/alerts/' + enc + '/' + name, name === 'comment' ? { text: comment.value } : { comment: comment.value || null, ...extra() }); toast(label + ': done'); route(); }
    catch (e) { toast(e.message); } } }, label);
  const assignee = select('assignee', null, facets.assignees.map(x => [x, x]), a.assignee || (state.me.user ? state.me.user.username : ''));
  assignee.disabled = !canEdit();
  const ev = h('dl', { class: 'kv', id: 'evidence' });
  for (const [k, v] of Object.entries(f.evidence || {})) ev.append(h('dt', {}, fmt.label(k)), h('dd', { class: 'mono' }, typeof v === 'object' ? JSON.stringify(v) : String(v)));
  const p = d.packets;
  const packets = p ? h('p', {}, h('a', { id: 'packets', href: '/api/alerts/' + enc + '/packets.pcap', download: 'vigil-' + id + '.pcap' }, 'Download the packets (pcap)'),
    ' — the last ' + p.packets + ' packets of ' + p.flows + ' flows the detection names, ' + fmt.bytes(p.bytes) + '; open it in Wireshark')
    : h('p', { class: 'muted', id: 'no-packets' }, 'No packets were kept for this alert (it names no flow, or the flows were gone from the packet ring when it was found).');
  view(h('h1', {}, sev(a.severity), ' ', a.title),
    h('dl', { class: 'kv' }, h('dt', {}, 'Status'), h('dd', { id: 'alert-status' }, a.status), h('dt', {}, 'Device'),
      h('dd', {}, h('a', { href: '#/device/' + encodeURIComponent(a.device_id) }, a.device_id)), h('dt', {}, 'Type'), h('dd', { class: 'mono' }, a.type),
      h('dt', {}, 'First evidence'), h('dd', {}, fmt.time(a.first_evidence)), h('dt', {}, 'Detected'), h('dd', {}, fmt.time(a.detected_at)),
      h('dt', {}, 'Raised'), h('dd', {}, fmt.ms(a.created)), h('dt', {}, 'Assignee'), h('dd', { id: 'alert-assignee' }, a.assignee || '–'),
      h('dt', {}, 'Resolved'), h('dd', {}, fmt.ms(a.resolved))),
    h('h2', {}, 'Why'), h('p', {}, (f.evidence && f.evidence.explanation) || f.title || ''), ev,
    h('h2', {}, 'The packets'), packets,
    h('h2', {}, 'What to do'), h('p', {}, f.remediation || '–'),
    h('h2', {}, 'Work on it'), field('Comment', comment),
    h('div', { class: 'actions' }, field('Assign to', assignee), act('assign', 'Assign', true, () => ({ assignee: assignee.value }))),
    h('div', { class: 'actions' }, act('ack', 'Acknowledge', a.status === 'open'), act('comment', 'Comment', true),
      act('resolve', 'Resolve', a.status !== 'resolved'), act('reopen', 'Reopen', a.status === 'resolved')),
    h('h2', {}, 'History'), d.comments.length ? h('ul', { class: 'comments', id: 'comments' }, d.comments.map(c => h('li', {}, h('strong', {}, c.author), ' ', h('span', { class: 'muted' }, fmt.ms(c.created)), ': ', c.text)))
      : h('ul', { class: 'comments', id: 'comments' }, h('li', { class: 'muted' }, 'No comments yet.')));
}
