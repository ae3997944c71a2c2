'use strict';
// Vigil dashboard: every CVE across the estate, exploited ones first, then by the devices they reach.

async function vulnerabilities(params) {
  nav('vulns');
  const q = new URLSearchParams(params);
  const limit = Number(q.get('limit') || 50), offset = Number(q.get('offset') || 0);
  const query = new URLSearchParams(q); query.set('limit', limit); query.set('offset', offset);
  const r = await api('GET', '/api/vulnerabilities?' + query.toString());
  const exploited = select('v-exploited', 'any', [['true', 'exploited (CISA KEV)'], ['false', 'not known to be exploited']], q.get('exploited'));
  const fix = select('v-fix', 'any', [['available', 'a fixed version exists'], ['none', 'no fixed version known']], q.get('fix'));
  const go = (off = 0) => {
    const n = new URLSearchParams();
    if (exploited.value) n.set('exploited', exploited.value);
    if (fix.value) n.set('fix', fix.value);
    if (off) n.set('offset', off);
    location.hash = '#/vulnerabilities?' + n.toString();
  };
  [exploited, fix].forEach(s => s.addEventListener('change', () => go()));
  const kev = k => !k ? '–' : h('span', {}, h('strong', { class: k.overdue ? 'overdue' : '' }, 'KEV' + (k.due_date ? ', due ' + k.due_date : '') + (k.overdue ? ' (overdue)' : '')),
    k.ransomware && k.ransomware.toLowerCase() === 'known' ? h('div', { class: 'muted' }, 'used by ransomware') : null,
    k.required_action ? h('div', { class: 'muted' }, k.required_action) : null);
  const rows = r.items.map(v => h('tr', { class: 'vuln', 'data-cve': v.cve },
    h('td', { class: 'mono' }, v.cve), h('td', {}, v.exploited ? kev(v.kev) : 'not in KEV'),
    h('td', {}, sev(v.severity), v.cvss === null || v.cvss === undefined ? '' : ' CVSS ' + v.cvss),
    h('td', { class: 'reach' }, h('strong', {}, v.device_count + (v.device_count === 1 ? ' device' : ' devices')),
      h('ul', {}, v.devices.slice(0, 8).map(d => h('li', {}, h('a', { href: '#/device/' + encodeURIComponent(d.id) }, d.name || d.ip || d.id),
        ' ', h('span', { class: 'muted' }, [d.model, d.firmware].filter(Boolean).join(' ') + (d.confirmed === false ? ' (model matches; firmware not seen)' : ''))))),
      v.devices.length > 8 ? h('div', { class: 'muted' }, '… and ' + (v.devices.length - 8) + ' more') : null),
    h('td', { class: 'fix' }, v.fix_available ? 'fixed in ' + v.fixed_in.join(', ') : 'no fixed version known'),
    h('td', { class: 'muted' }, (v.description || '').length > 220 ? v.description.slice(0, 219) + '…' : (v.description || ''))));
  view(h('h1', {}, 'Vulnerabilities'),
    h('p', { class: 'muted' }, 'Every CVE whose affected versions include a device\'s vendor, model and firmware (NVD CPE ranges), with CISA\'s '
      + 'Known Exploited Vulnerabilities entry where there is one. Exploited first, then those that reach the most devices, then by CVSS.'),
    h('div', { class: 'filters' }, field('Exploitation', exploited), field('Fix', fix), h('span', { class: 'muted', id: 'vuln-count' }, r.total + ' CVEs')),
    r.items.length ? [h('table', { id: 'vulns' }, h('thead', {}, h('tr', {}, ['CVE', 'Exploited', 'Severity', 'Devices', 'Fix', 'What'].map(x => h('th', {}, x)))),
      h('tbody', {}, rows)), pager(r, limit, offset, go)]
      : empty('vulns-empty', q.get('exploited') || q.get('fix') ? 'No CVE matches these filters.'
        : 'No known vulnerability: no device\'s vendor, model and firmware fall in a CVE of the intel store (vigil intel import fills it).'));
}
