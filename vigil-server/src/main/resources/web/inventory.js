'use strict';
// Vigil dashboard: the inventory and a device's page.

const DEVICE_FILTERS = [['type', 'Type', 'types'], ['vendor', 'Vendor', 'vendors'], ['owner', 'Owner', 'owners'],
  ['location', 'Location', 'locations'], ['zone', 'Zone', 'zones'], ['tag', 'Tag', 'tags'], ['tier', 'Tier', 'tiers'],
  ['risk_level', 'Risk', 'risk_levels']];

async function devices(params) {
  nav('devices');
  const q = new URLSearchParams(params);
  const limit = Number(q.get('limit') || 50), offset = Number(q.get('offset') || 0);
  q.set('limit', limit);
  const [r, facets] = await Promise.all([api('GET', '/api/devices?' + q.toString()), api('GET', '/api/devices/facets')]);
  const inp = h('input', { id: 'q', type: 'search', placeholder: 'name, address, vendor, owner, tag, evidence…', value: q.get('q') || '' });
  // every filter offers the values the data has (types: every type the classifier gives), with counts
  const filters = DEVICE_FILTERS.map(([key, label, facet]) => {
    const values = (facets[facet] || []).map(v => typeof v === 'string' ? [v, fmt.label(v)]
      : [v.value, fmt.label(v.value) + ' (' + v.devices + ')']);
    return [key, select('f-' + key, 'any', values, q.get(key))];
  });
  const sort = q.get('sort') || 'risk';
  const go = (off = 0, by = sort) => {
    const n = new URLSearchParams();
    if (by !== 'risk') n.set('sort', by);
    if (inp.value) n.set('q', inp.value);
    for (const [key, sel] of filters) if (sel.value) n.set(key, sel.value);
    if (off) n.set('offset', off);
    location.hash = '#/devices?' + n.toString();
  };
  inp.addEventListener('change', () => go());
  filters.forEach(([, sel]) => sel.addEventListener('change', () => go()));
  const rows = r.items.map(d => h('tr', { class: 'click dev', 'data-id': d.id, onclick: () => { location.hash = '#/device/' + encodeURIComponent(d.id); } },
    h('td', {}, d.name || d.id), h('td', { class: 'mono' }, d.ip || ''), h('td', {}, d.vendor || ''), h('td', {}, fmt.label(d.type)),
    h('td', {}, d.model || ''), h('td', {}, d.owner || ''), h('td', {}, d.zone || ''), h('td', {}, (d.tags || []).join(', ')),
    h('td', {}, d.trust === null ? '–' : d.trust), h('td', {}, tier(d.tier)),
    h('td', {}, d.risk_level ? sev(d.risk_level) : '–'), h('td', {}, fmt.time(d.last_seen))));
  const head = [['Name', 'id'], ['Address', null], ['Vendor', 'vendor'], ['Type', 'type'], ['Model', null], ['Owner', null], ['Zone', null],
    ['Tags', null], ['Trust', 'trust'], ['Tier', null], ['Risk', 'risk'], ['Last seen', 'last_seen']];
  view(h('h1', {}, 'Inventory'),
    h('div', { class: 'filters' }, field('Search', inp), filters.map(([key, sel]) => field(DEVICE_FILTERS.find(f => f[0] === key)[1], sel)),
      h('span', { id: 'count', class: 'muted' }, r.total + ' devices'),
      h('a', { href: '/api/devices.csv', download: 'vigil-devices.csv' }, 'Export CSV')),
    r.items.length ? h('table', { id: 'devices' }, h('thead', {}, h('tr', {}, head.map(([x, by]) => h('th', by ? { class: 'click', title: 'sort by ' + x.toLowerCase(),
      onclick: () => go(0, by) } : {}, x, by === sort ? ' ▾' : '')))), h('tbody', {}, rows))
      : empty('devices-empty', r.total === 0 && [...q.keys()].some(k => k !== 'limit') ? 'No device matches these filters.' : 'No devices yet: nothing has been analysed.'),
    pager(r, limit, offset, go));
}

/** Previous / next over a paged answer {items, total, limit, offset}. */
function pager(r, limit, offset, go) {
  return h('div', { class: 'pager' }, h('button', { class: 'secondary', id: 'prev', disabled: offset === 0, onclick: () => go(Math.max(0, offset - limit)) }, '‹ Previous'),
    h('span', { id: 'page' }, r.total ? (offset + 1) + '–' + Math.min(offset + limit, r.total) + ' of ' + r.total : 'none'),
    h('button', { class: 'secondary', id: 'next', disabled: offset + limit >= r.total, onclick: () => go(offset + limit) }, 'Next ›'));
}

function identity(d, dev) {
  const attrs = dev.attributes || {};
  const ident = h('dl', { class: 'kv', id: 'identity' });
  const others = (dev.ips || []).map(x => x.ip).filter(ip => ip !== d.ip);
  for (const [k, v, attr] of [['Address', d.ip], ['Other addresses', others.join(', ')], ['MAC', dev.mac], ['Vendor', dev.vendor, 'vendor'],
    ['Type', fmt.label(dev.type), 'type'], ['Model', dev.model, 'model'], ['Firmware', dev.firmware, 'firmware'], ['OS', dev.os, 'os'],
    ['Names', (dev.hostnames || []).join(', ')], ['VLANs', (dev.vlans || []).join(', ')], ['First seen', fmt.time(dev.first_seen)], ['Last seen', fmt.time(dev.last_seen)]]) {
    const at = attr && attrs[attr];
    ident.append(h('dt', {}, k), h('dd', {}, v || '–', at && v ? h('span', { class: 'muted' }, '  (confidence ' + Math.round(at.confidence * 100) + ' %)') : null));
  }
  return ident;
}

function annotations(id, d) {
  const edit = h('form', { id: 'annotate', class: 'filters' });
  for (const [f, label] of [['owner', 'Owner'], ['contact', 'Contact'], ['location', 'Location'], ['zone', 'Zone'], ['purpose', 'Purpose']]) {
    edit.append(field(label, h('input', { id: 'edit-' + f, name: f, value: d[f] || '', disabled: !canEdit() })));
  }
  const crit = select('edit-criticality', 'unset', ['low', 'medium', 'high', 'critical'].map(c => [c, c]), d.criticality);
  crit.name = 'criticality'; crit.disabled = !canEdit();
  edit.append(field('Criticality', crit), field('Tags (comma-separated)', h('input', { id: 'edit-tags', name: 'tags', value: (d.tags || []).join(', '), disabled: !canEdit() })),
    h('button', { type: 'submit', id: 'save-device', disabled: !canEdit() }, 'Save'));
  edit.addEventListener('submit', async ev => {
    ev.preventDefault();
    const body = {}; for (const el of edit.elements) if (el.name) body[el.name] = el.value;
    try { await api('PATCH', '/api/devices/' + encodeURIComponent(id), body); toast('Saved'); route(); } catch (e) { toast(e.message); }
  });
  return edit;
}

function trafficTables(tr) {
  const svc = tr.services || [], un = tr.unanswered_ports || {}, dyn = tr.dynamic_ports || {};
  const services = svc.length ? h('table', { id: 'offered' }, h('thead', {}, h('tr', {}, ['Service', 'Port', 'Connections', 'Answered', 'Clients'].map(x => h('th', {}, x)))),
    h('tbody', {}, svc.map(o => h('tr', {}, h('td', {}, o.service || 'not recognised'), h('td', { class: 'mono' }, o.transport + '/' + o.port), h('td', {}, fmt.num(o.flows)),
      h('td', {}, fmt.num(o.answered)), h('td', {}, fmt.num(o.clients)))))) : empty('offered-empty', 'It answered on no port.');
  const summary = [un.ports ? un.ports + ' ports it never answered (' + fmt.num(un.flows) + ' connection attempts: probes of closed ports)' : null,
    dyn.ports ? dyn.ports + ' unrecognised ports of the dynamic range (' + fmt.num(dyn.flows) + ' connections: the far end of its own connections)' : null].filter(Boolean);
  const peers = (tr.peers || []).slice(0, 100);
  const peerTable = peers.length ? h('table', { id: 'peers' }, h('thead', {}, h('tr', {}, ['Peer', 'Names it used', 'Services', 'Connections', 'Bytes', 'Last seen'].map(x => h('th', {}, x)))),
    h('tbody', {}, peers.map(p => h('tr', {}, h('td', { class: 'mono' }, p.device ? h('a', { href: '#/device/' + encodeURIComponent(p.device) }, p.ip) : p.ip),
      h('td', { class: 'names' }, (p.names || []).join(', ') || '–'), h('td', {}, (p.services || []).join(', ')), h('td', {}, fmt.num(p.flows)),
      h('td', {}, fmt.bytes(p.bytes)), h('td', {}, fmt.ms(p.last_seen)))))) : empty('peers-empty', 'No conversations stored.');
  return [h('h3', {}, 'Services it offers'), services, summary.length ? h('p', { class: 'muted', id: 'ports-summary' }, 'Not listed: ' + summary.join('; ') + '.') : null,
    h('h3', {}, 'Services it uses'), h('p', { id: 'used' }, (tr.services_used || []).map(u => u.service + ' × ' + fmt.num(u.flows)).join(', ') || '–'),
    h('h3', {}, 'Peers'), peerTable];
}

// what changed in the device, its findings, alerts and what people did, tier changes and edits: newest first
function timeline(tl) {
  const items = (tl && tl.items) || [];
  if (!items.length) return empty('timeline-empty', 'Nothing on this device\'s timeline yet.');
  return h('table', { id: 'timeline' }, h('thead', {}, h('tr', {}, ['When', 'What', ''].map(x => h('th', {}, x)))),
    h('tbody', {}, items.map(e => h('tr', { class: 'tl-' + e.kind, 'data-kind': e.kind }, h('td', {}, fmt.time(e.at)),
      h('td', {}, e.kind === 'tier' ? h('span', { class: 'tier ' + (e.ref || '') }, e.what) : e.what),
      h('td', { class: 'muted' }, e.detail || '')))),
    tl.more ? h('caption', { class: 'muted' }, 'the 100 newest entries; /api/devices/…/timeline?limit=1000 gives more') : null);
}

async function device(id) {
  nav('devices');
  const enc = encodeURIComponent(id);
  const [d, t, tr, g, tl] = await Promise.all([api('GET', '/api/devices/' + enc), api('GET', '/api/devices/' + enc + '/trust'), api('GET', '/api/devices/' + enc + '/traffic'),
    api('GET', '/api/findings?group=weakness&limit=200&device=' + enc), api('GET', '/api/devices/' + enc + '/timeline?limit=100')]);
  const dev = d.device || {}, a = d.assessment || {}, trust = a.trust || {}, risk = a.risk || {};
  const evidence = h('ul', { class: 'muted' }, (dev.evidence || []).slice(0, 12).map(e => h('li', {}, (e.attribute || '') + ' = ' + (e.value || '') + ' — ' + (e.source || '') + ': ' + (e.observed || ''))));
  const factors = h('div', { id: 'factors' }, (trust.factors || []).map(f => h('div', { class: 'factor' }, h('span', {}, f.name),
    h('meter', { min: 0, max: Math.abs(f.cap || 1) || 1, value: Math.abs(f.points || 0), class: f.points > 0 ? 'gain' : 'loss' }),
    h('span', {}, f.points > 0 ? '+' + Math.round(f.points * 10) / 10 : f.points < 0 ? '−' + Math.abs(Math.round(f.points * 10) / 10) : '0'))));
  const hist = t.history || [];
  // one row per weakness (issue 11: the same TLS weakness in two types was two rows), its peers and counts inside
  const groups = (g && g.items) || [];
  const peerText = p => p.ip ? (p.ip.includes(':') && p.port ? '[' + p.ip + ']' : p.ip) + (p.port ? ':' + p.port : '') + (p.host ? ' ' + p.host : '') : '';
  const findings = groups.length ? h('table', { id: 'findings' }, h('thead', {}, h('tr', {}, ['Severity', 'Finding', 'Peers', 'Last seen', 'Count'].map(x => h('th', {}, x)))),
    h('tbody', {}, groups.map(x => h('tr', { class: 'group', 'data-weakness': x.weakness }, h('td', {}, sev(x.severity)),
      h('td', {}, x.title, h('div', { class: 'muted mono' }, (x.types || []).join(', ')), h('div', { class: 'muted' }, x.remediation || '')),
      h('td', { class: 'mono peers' }, (x.peers || []).slice(0, 3).map(peerText).join(', ') + (x.peer_count > 3 ? ' and ' + (x.peer_count - 3) + ' more' : '') || '–'),
      h('td', {}, fmt.time(x.last_seen)), h('td', {}, fmt.num(x.count) + (x.findings > 1 ? ' in ' + x.findings + ' findings' : ''))))))
    : empty('findings-empty', 'No findings about this device.');
  const tf = tr.traffic || {};
  const title = (dev.hostnames && dev.hostnames[0]) || [dev.vendor, dev.model || (dev.type !== 'unknown' ? fmt.label(dev.type) : null)].filter(Boolean).join(' ') || d.ip || id;
  view(h('h1', {}, title, ' ', h('span', { class: 'muted mono' }, d.ip || id)),
    h('div', { class: 'cards' },
      h('div', { class: 'card', id: 'd-trust' }, h('div', { class: 'n' }, trust.score === undefined ? '–' : trust.score), h('div', { class: 'l' }, 'trust — ', tier(d.tier))),
      h('div', { class: 'card', id: 'd-risk' }, h('div', { class: 'n' }, risk.score === undefined ? '–' : risk.score), h('div', { class: 'l' }, 'risk — ' + (risk.level || '–'))),
      h('div', { class: 'card' }, h('div', { class: 'n' }, (d.findings || []).length), h('div', { class: 'l' }, 'findings')),
      h('div', { class: 'card' }, h('div', { class: 'n' }, (d.alerts || []).filter(x => x.status !== 'resolved').length), h('div', { class: 'l' }, 'open alerts'))),
    h('div', { class: 'grid2' },
      h('section', {}, h('h2', {}, 'Identity and evidence'), identity(d, dev), evidence),
      h('section', {}, h('h2', {}, 'Trust history'),
        timeChart('trust-chart', hist.map(x => ({ at: x.ts, score: x.score })), [{ name: 'trust', get: x => x.score }], { width: 560, height: 180, yLabel: 'trust' }),
        h('table', { id: 'trust-history' }, h('thead', {}, h('tr', {}, ['When', 'Trust', 'Tier', 'What it lost or gained'].map(x => h('th', {}, x)))),
          h('tbody', {}, hist.slice(-12).reverse().map(p => h('tr', {}, h('td', {}, fmt.time(p.ts)), h('td', {}, p.score), h('td', {}, tier(p.tier)),
            h('td', { class: 'muted' }, (p.factors || []).filter(f => f.points).map(f => f.name + ' ' + (f.points > 0 ? '+' : '−')
              + Math.abs(Math.round(f.points * 10) / 10)).join(', ') || 'nothing'))))),
        (t.tier_events || []).length ? h('ul', { id: 'tier-events' }, t.tier_events.map(e => h('li', {}, fmt.time(e.time) + ': ' + e.from + ' → ',
          h('span', { class: 'tier ' + e.to }, e.to), ' (trust ' + e.score + (e.causes && e.causes.length ? '; ' + e.causes.join(', ') : '') + ')'))) : null,
        h('h2', {}, 'What lowers trust'), factors, (risk.reasons || []).length ? h('p', { class: 'muted' }, 'Risk: ' + risk.reasons.join('; ')) : null)),
    h('h2', {}, 'Owner, location, zone, criticality'), annotations(id, d),
    h('h2', {}, 'Findings'), findings,
    h('h2', {}, 'Timeline'), timeline(tl),
    h('h2', {}, 'Traffic'),
    h('p', { class: 'muted' }, 'sent ' + fmt.bytes(tf.bytes_out) + ' in ' + fmt.num(tf.packets_out) + ' packets; received ' + fmt.bytes(tf.bytes_in) + ' in ' + fmt.num(tf.packets_in) + ' packets'),
    trafficTables(tr));
}
