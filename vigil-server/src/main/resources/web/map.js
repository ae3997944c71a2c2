'use strict';
// Vigil dashboard: who talks to whom, on Cytoscape.js. Devices grouped by subnet, VLAN or zone,
// coloured by tier, risk or open alerts; outside addresses in a group of their own; search, filters,
// zoom and a legend that says what the colours mean.

const MAP_COLOURS = {
  tier: { title: 'Trust tier', of: n => n.tier || 'unassessed',
    legend: [['trusted', '#3a7d44'], ['restricted', '#d98b00'], ['quarantined', '#c0392b'], ['unassessed', '#4f7bd9']] },
  risk: { title: 'Risk level', of: n => n.risk_level || 'unassessed',
    legend: [['critical', '#8e1b1b'], ['high', '#c0392b'], ['medium', '#d98b00'], ['low', '#3a7d44'], ['unassessed', '#4f7bd9']] },
  alerts: { title: 'Open alerts', of: n => !n.open_alerts ? 'none' : n.open_alerts < 3 ? '1–2' : '3 or more',
    legend: [['3 or more', '#8e1b1b'], ['1–2', '#d98b00'], ['none', '#3a7d44']] },
};
const OUTSIDE = '#b0b8c4';

function plural(n, what) { return n + ' ' + what + (n === 1 ? '' : what.endsWith('s') ? 'es' : 's'); }

function groupOf(n, by) {
  if (n.external) return 'outside addresses';
  if (by === 'subnet') return n.subnet || 'no address';
  if (by === 'vlan') return n.vlans && n.vlans.length ? 'VLAN ' + n.vlans.join(', ') : 'no VLAN tag';
  if (by === 'zone') return n.zone ? 'zone ' + n.zone : 'no zone';
  return null;
}

function mapFilter(n, f) {
  if (n.external) return f !== 'no-outside' && f !== 'alerts' && f !== 'high-risk' && f !== 'quarantined';
  if (f === 'alerts') return n.open_alerts > 0;
  if (f === 'high-risk') return n.risk_level === 'high' || n.risk_level === 'critical';
  if (f === 'quarantined') return n.tier === 'quarantined' || n.tier === 'restricted';
  return true;
}

async function map(params) {
  nav('map');
  const q = new URLSearchParams(params);
  const by = q.get('group') || 'subnet', colour = q.get('colour') || 'tier', show = q.get('show') || 'all';
  const g = await api('GET', '/api/graph?limit=5000');
  const groupSel = select('m-group', null, [['subnet', 'subnet'], ['vlan', 'VLAN'], ['zone', 'zone'], ['none', 'no grouping']], by);
  const colourSel = select('m-colour', null, [['tier', 'trust tier'], ['risk', 'risk level'], ['alerts', 'open alerts']], colour);
  const showSel = select('m-show', null, [['all', 'everything'], ['no-outside', 'devices only'], ['alerts', 'devices with open alerts'],
    ['high-risk', 'high and critical risk'], ['quarantined', 'restricted or quarantined']], show);
  const search = h('input', { id: 'm-search', type: 'search', placeholder: 'address, name, vendor, type…' });
  const go = () => { location.hash = '#/map?group=' + groupSel.value + '&colour=' + colourSel.value + '&show=' + showSel.value; };
  [groupSel, colourSel, showSel].forEach(s => s.addEventListener('change', go));
  const scheme = MAP_COLOURS[colour];
  const colourOf = Object.fromEntries(scheme.legend);
  const nodes = g.nodes.filter(n => mapFilter(n, show));
  const keep = new Set(nodes.map(n => n.key));
  const edges = g.edges.filter(e => keep.has(e.src) && keep.has(e.dst) && e.src !== e.dst);
  const elements = [];
  const groups = new Set();
  for (const n of nodes) {
    const grp = groupOf(n, by === 'none' ? null : by) || (n.external ? 'outside addresses' : null);
    if (grp && !groups.has(grp)) { groups.add(grp); elements.push({ data: { id: 'group:' + grp, label: grp, group: true } }); }
    elements.push({ data: { id: n.key, parent: grp ? 'group:' + grp : undefined, label: n.external ? n.ip : (n.name || n.ip || n.id),
      colour: n.external ? OUTSIDE : colourOf[scheme.of(n)] || '#4f7bd9', size: n.external ? 10 : 18, device: n.external ? null : n.id,
      text: [n.ip, n.name, n.vendor, n.type, n.model, n.zone, n.subnet].filter(Boolean).join(' ').toLowerCase() } });
  }
  const maxB = Math.max(1, ...edges.map(e => e.bytes));
  edges.forEach((e, i) => elements.push({ data: { id: 'e' + i, source: e.src, target: e.dst, width: 0.5 + 4 * Math.sqrt(e.bytes / maxB),
    label: e.service + ': ' + fmt.bytes(e.bytes) } }));
  const devicesShown = nodes.filter(n => !n.external).length;
  const box = h('div', { id: 'talkmap', role: 'img', 'aria-label': 'who talks to whom' });
  const legend = h('ul', { class: 'legend', id: 'map-legend' }, h('li', { class: 'legend-title' }, scheme.title + ':'),
    scheme.legend.map(([label, c]) => h('li', {}, h('span', { class: 'swatch swatch-' + colour + '-' + label.replace(/[^a-z0-9]/g, '') }), label)),
    h('li', {}, h('span', { class: 'swatch swatch-outside' }), 'outside address'), h('li', { class: 'muted' }, 'line width: bytes'));
  const zoom = (f) => () => { const cy = window.vigilTalkMap; cy.zoom({ level: cy.zoom() * f, renderedPosition: { x: box.clientWidth / 2, y: box.clientHeight / 2 } }); };
  view(h('h1', {}, 'Who talks to whom'),
    h('div', { class: 'filters' }, field('Group by', groupSel), field('Colour by', colourSel), field('Show', showSel), field('Find', search),
      h('button', { class: 'secondary', id: 'm-zoom-in', type: 'button', onclick: zoom(1.25) }, 'Zoom in'),
      h('button', { class: 'secondary', id: 'm-zoom-out', type: 'button', onclick: zoom(0.8) }, 'Zoom out'),
      h('button', { class: 'secondary', id: 'm-fit', type: 'button', onclick: () => window.vigilTalkMap.fit(undefined, 30) }, 'Fit')),
    legend,
    h('p', { class: 'muted', id: 'map-count' }, plural(devicesShown, 'device') + ' and ' + plural(nodes.length - devicesShown, 'outside address') + ' in '
      + plural(groups.size, 'group') + ', ' + plural(edges.length, 'conversation') + '. Scroll to zoom, drag to move, click a device to open it.'),
    box);
  const cy = cytoscape({
    container: box, elements, wheelSensitivity: 0.3, minZoom: 0.05, maxZoom: 6,
    style: [
      { selector: 'node', style: { 'background-color': 'data(colour)', width: 'data(size)', height: 'data(size)', label: 'data(label)', 'font-size': 8, color: '#334', 'text-valign': 'bottom', 'text-margin-y': 2 } },
      { selector: 'node[?group]', style: { 'background-color': '#eef1f5', 'background-opacity': 0.6, 'border-color': '#b8c0cc', 'border-width': 1, label: 'data(label)', 'font-size': 11, 'text-valign': 'top', 'font-weight': 600, shape: 'round-rectangle' } },
      { selector: 'edge', style: { width: 'data(width)', 'line-color': '#9aa6b8', opacity: 0.55, 'curve-style': 'haystack' } },
      { selector: '.match', style: { 'border-color': '#2155c4', 'border-width': 4 } },
      { selector: '.faded', style: { opacity: 0.15 } },
    ],
    layout: { name: 'cose', animate: false, nodeDimensionsIncludeLabels: false, randomize: false, numIter: 600, idealEdgeLength: () => 60, nodeRepulsion: () => 6000 },
  });
  // a few nodes fill the box: no closer than life size
  if (cy.zoom() > 1.5) { cy.zoom(1.5); cy.center(); }
  window.vigilTalkMap = cy;
  box.dataset.nodes = String(cy.nodes().filter(n => !n.data('group')).length);
  box.dataset.groups = String(groups.size);
  cy.on('tap', 'node', ev => { const d = ev.target.data('device'); if (d) location.hash = '#/device/' + encodeURIComponent(d); });
  search.addEventListener('input', () => {
    const t = search.value.trim().toLowerCase();
    cy.elements().removeClass('match faded');
    if (!t) return;
    const hit = cy.nodes().filter(n => !n.data('group') && n.data('text').includes(t));
    cy.elements().not(hit).not(hit.ancestors()).addClass('faded');
    hit.addClass('match');
    box.dataset.matches = String(hit.length);
    if (hit.length) cy.fit(hit, 60);
  });
}
