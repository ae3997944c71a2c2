'use strict';
// Vigil dashboard: segmentation. The policy in force and its revisions, the zone matrix of the real
// flows, drafts checked, simulated against the stored flows and only then approved, the quarantine
// queue, and the decision point ("ask the policy").

async function policy() {
  nav('policy');
  const o = await api('GET', '/api/policy');
  const m = o.in_force ? await api('GET', '/api/policy/matrix') : null;
  const admin = state.me.role === 'admin';
  const draft = policyDraft(o, admin);
  const queue = h('section', { id: 'quarantine-queue' });
  const decisions = h('div', { id: 'decisions-box' });
  view(h('h1', {}, 'Segmentation'),
    h('p', { class: 'muted' }, 'The policy in force judges every window; a draft is replayed over the stored flows, and its difference to the '
      + 'policy in force shown, before anyone can approve it. Devices that reach the quarantined tier wait here where the policy asks for a person\'s approval.'),
    h('h2', {}, 'Policy in force'), policyInForce(o),
    h('h2', {}, 'Zone matrix of the real flows'),
    m ? [h('p', { class: 'muted' }, 'Flows from the zone of the row to the zone of the column, and what the policy in force does with them.'), zoneMatrix('zone-matrix', m)]
      : empty('zone-matrix-empty', 'No zone matrix: no policy is in force.'),
    h('h2', {}, 'Revisions'), policyRevisions(o, draft.open),
    h('h2', {}, admin ? 'Draft a revision' : 'Simulate a revision'), draft.box,
    h('h2', {}, 'Quarantine queue'), queue,
    h('h2', {}, 'Ask the policy'), askPolicy(o, decisions), decisions);
  await Promise.all([quarantineQueue(queue, admin), policyDecisions(decisions)]);
}

function policyInForce(o) {
  const p = o.in_force;
  const approval = (o.quarantine_approval || []).length ? o.quarantine_approval.join(', ') : 'none: quarantine without waiting';
  const radius = o.radius ? Object.entries(o.radius).map(([k, v]) => fmt.label(k) + ' ' + (v !== null && typeof v === 'object' ? JSON.stringify(v) : v)).join('; ') : null;
  const kv = (...pairs) => h('dl', { class: 'kv' }, pairs.filter(([, v]) => v !== null && v !== undefined).flatMap(([k, v, id]) => [h('dt', {}, k), h('dd', { id }, v)]));
  const status = kv(['Enforcement point', o.enforcement_point || 'none (decisions, findings and the queue only)', 'enforcement-point'],
    ['Enforcement', o.enforcement, 'enforcement'], ['RADIUS', radius, 'radius'], ['Quarantine approval', approval, 'quarantine-approval'],
    ['Quarantines', o.pending + ' pending, ' + o.active + ' active', 'quarantine-counts']);
  if (!p) return h('div', { id: 'policy-in-force' }, empty('policy-none', 'No policy is in force: keep a draft below, simulate it and approve it.'), status);
  return h('div', { id: 'policy-in-force', 'data-revision': p.revision },
    h('div', { class: 'grid2' },
      kv(['Policy', p.name, 'policy-name'], ['Revision', h('span', { class: 'mono' }, p.revision), 'policy-revision'], ['Written by', p.author],
        ['Kept', fmt.ms(p.created)], ['Approved by', p.approved_by || '–', 'policy-approved-by'], ['Approved', fmt.ms(p.approved_at), 'policy-approved-at']),
      status),
    h('pre', { class: 'policy-text', id: 'policy-text' }, p.text || ''));
}

/** The zone matrix {zones, cells: [{from, to, conversations, flows, allowed, denied}]} as a table: rows from, columns to. */
function zoneMatrix(id, m) {
  const at = {};
  for (const c of m.cells) at[c.from + '\u0000' + c.to] = c;
  const cell = (from, to) => {
    const c = at[from + '\u0000' + to];
    if (!c) return h('td', { class: 'cell none', 'data-from': from, 'data-to': to }, '–');
    return h('td', { class: 'cell' + (c.denied ? ' denied' : ''), 'data-from': from, 'data-to': to, 'data-flows': c.flows, 'data-allowed': c.allowed,
      'data-denied': c.denied, title: fmt.num(c.conversations) + ' conversations' },
      h('strong', { class: 'flows' }, fmt.num(c.flows)), h('div', { class: 'split' }, h('span', { class: 'allowed' }, fmt.num(c.allowed) + ' allowed'),
        h('span', { class: 'denied-n' }, fmt.num(c.denied) + ' denied')));
  };
  return h('div', { class: 'matrix-box' }, h('table', { id, class: 'matrix', 'data-revision': m.revision },
    h('thead', {}, h('tr', {}, h('th', {}, 'from \\ to'), m.zones.map(z => h('th', { class: 'mono' }, z)))),
    h('tbody', {}, m.zones.map(from => h('tr', {}, h('th', { class: 'mono' }, from), m.zones.map(to => cell(from, to)))))),
    h('p', { class: 'muted' }, fmt.num(m.flows) + ' flows of policy ' + m.policy + ' (revision ' + m.revision + ')'));
}

function policyRevisions(o, open) {
  if (!o.revisions.length) return empty('revisions-empty', 'No revision kept yet.');
  return h('table', { id: 'policy-revisions' }, h('thead', {}, h('tr', {}, ['Revision', 'Policy', 'State', 'Written by', 'Kept', 'Approved', ''].map(x => h('th', {}, x)))),
    h('tbody', {}, o.revisions.map(r => h('tr', { class: 'revision', 'data-rev': r.revision, 'data-state': r.state },
      h('td', { class: 'mono' }, r.revision), h('td', {}, r.name), h('td', { class: 'state' }, r.state), h('td', {}, r.author), h('td', {}, fmt.ms(r.created)),
      h('td', {}, r.approved_by ? r.approved_by + ', ' + fmt.ms(r.approved_at) : '–'),
      h('td', {}, h('button', { class: 'secondary open', type: 'button', onclick: () => open(r.revision) }, r.state === 'draft' ? 'Open the draft' : 'Open'))))));
}

/**
 * The draft editor: check and keep (a viewer or analyst may only simulate what is kept), simulate, and
 * approve the revision simulated (admins; only once its difference is on the page). Returns {box, open(rev)}.
 */
function policyDraft(o, admin) {
  const text = h('textarea', { id: 'policy-draft', rows: 16, spellcheck: 'false', class: 'mono', readonly: !admin }, o.in_force ? o.in_force.text : '');
  const file = h('input', { id: 'policy-file', value: 'draft.policy', readonly: !admin });
  const msg = h('div', { id: 'draft-msg', role: 'status', class: 'mono' });
  const diff = h('div', { id: 'sim-diff-box' });
  const simulate = h('button', { id: 'simulate', type: 'button', disabled: true }, 'Simulate');
  let kept = null, keptText = null;
  const keptAs = (rev, t) => { kept = rev; keptText = t; simulate.disabled = !rev; simulate.dataset.revision = rev || ''; };
  const say = (line, error) => { msg.textContent = line; msg.className = 'mono' + (error ? ' error' : ''); };
  // any edit after keeping: the simulation shown is no longer of this text, and nothing can be approved
  text.addEventListener('input', () => { if (kept && text.value !== keptText) { keptAs(null, null); diff.replaceChildren(); say('Changed: check and keep it again to simulate it.'); } });
  const keep = h('button', { id: 'keep', type: 'button', hidden: !admin, onclick: async () => {
    diff.replaceChildren();
    try {
      const r = await api('POST', '/api/policy/revisions', { file: file.value, text: text.value });
      keptAs(r.revision, text.value);
      say((r.created ? 'Kept' : 'Already kept:') + ' revision ' + r.revision + ' of policy ' + r.name + ', ' + r.rules + ' rules, zones ' + r.zones.join(', ') + '. Simulate it next.');
    } catch (e) { keptAs(null, null); say(e.message, true); }
  } }, 'Check and keep');
  simulate.addEventListener('click', async () => {
    const rev = kept;
    say('Replaying the stored flows through revision ' + rev + '…');
    try {
      const s = await api('POST', '/api/policy/revisions/' + encodeURIComponent(rev) + '/simulate', {});
      if (rev !== kept) return;
      diff.replaceChildren(simulationDiff(s, rev, admin && (!o.in_force || o.in_force.revision !== rev), say));
      say('Simulated revision ' + rev + '.');
    } catch (e) { say(e.message, true); }
  });
  const open = async rev => {
    try {
      const r = await api('GET', '/api/policy/revisions/' + encodeURIComponent(rev));
      text.value = r.text; keptAs(r.revision, r.text); diff.replaceChildren();
      say('Opened revision ' + r.revision + ' (' + r.state + '). Simulate it, or edit it and keep it as a new one.');
      text.scrollIntoView({ block: 'center' });
    } catch (e) { say(e.message, true); }
  };
  const box = h('div', { id: 'draft-box' },
    h('p', { class: 'muted' }, 'The policy file format is described in docs/policy.md. A problem in the file is shown as FILE:LINE: what is wrong, and nothing is kept.'),
    h('div', { class: 'field wide' }, h('label', { for: 'policy-draft' }, 'Policy file'), text),
    h('div', { class: 'filters' }, field('File name (for messages)', file), keep, simulate), msg, diff);
  return { box, open };
}

/** What a simulation changes against the policy in force, per rule, and the candidate's zone matrix; Approve when allowed. */
function simulationDiff(s, rev, approvable, say) {
  const sim = s.simulation;
  const approve = approvable ? h('button', { id: 'approve', type: 'button', 'data-revision': rev, onclick: async () => {
    approve.disabled = true;
    try {
      const r = await api('POST', '/api/policy/revisions/' + encodeURIComponent(rev) + '/approve', {});
      toast('Revision ' + r.revision + ' is in force (' + r.enforcement + ')');
      await route();
    } catch (e) { approve.disabled = false; say(e.message, true); }
  } }, 'Approve revision ' + rev) : null;
  const changes = s.changes.length ? h('table', { id: 'sim-changes' },
    h('thead', {}, h('tr', {}, ['Source', 'Destination', 'Service', 'Flows', 'Last seen', 'In force', '', 'Draft'].map(x => h('th', {}, x)))),
    h('tbody', {}, s.changes.map(c => h('tr', { class: 'change ' + (c.after.startsWith('allow') ? 'now-allowed' : 'now-denied'), 'data-service': c.service },
      h('td', { class: 'mono' }, c.src), h('td', { class: 'mono' }, c.dst), h('td', { class: 'mono service' }, c.service), h('td', {}, fmt.num(c.flows)),
      h('td', { class: 'mono' }, fmt.time(c.last_seen)), h('td', { class: 'before' }, c.before), h('td', {}, '→'), h('td', { class: 'after' }, c.after)))))
    : empty('sim-no-changes', s.against ? 'No stored flow is decided differently from the policy in force.' : 'Nothing to compare with: no other policy is in force.');
  const rules = h('table', { id: 'sim-rules' }, h('thead', {}, h('tr', {}, ['Rule', 'Allowed', 'Denied', 'Devices', 'First flow', 'Last flow'].map(x => h('th', {}, x)))),
    h('tbody', {}, sim.rules.map(r => h('tr', { class: 'rule', 'data-rule': r.name }, h('td', { class: 'mono' }, r.name), h('td', {}, fmt.num(r.allowed)),
      h('td', {}, fmt.num(r.denied)), h('td', { class: 'mono' }, r.devices.length ? r.devices.join(', ') : '–'), h('td', { class: 'mono' }, fmt.time(r.first_seen)),
      h('td', { class: 'mono' }, fmt.time(r.last_seen))))));
  return h('div', { id: 'sim-diff', 'data-revision': rev },
    h('div', { class: 'cards' },
      h('div', { class: 'card', id: 'sim-newly-denied' }, h('div', { class: 'n' }, fmt.num(s.newly_denied)), h('div', { class: 'l' }, 'flows newly denied')),
      h('div', { class: 'card', id: 'sim-newly-allowed' }, h('div', { class: 'n' }, fmt.num(s.newly_allowed)), h('div', { class: 'l' }, 'flows newly allowed')),
      h('div', { class: 'card', id: 'sim-allowed' }, h('div', { class: 'n' }, fmt.num(sim.allowed)), h('div', { class: 'l' }, 'flows it allows')),
      h('div', { class: 'card', id: 'sim-denied' }, h('div', { class: 'n' }, fmt.num(sim.denied)), h('div', { class: 'l' }, 'flows it denies')),
      h('div', { class: 'card', id: 'sim-violations' }, h('div', { class: 'n' }, fmt.num(sim.violations.length) + (sim.violations.length >= 500 ? '+' : '')), h('div', { class: 'l' }, 'violation findings it would raise'))),
    h('p', { class: 'muted', id: 'sim-summary' }, 'Revision ' + rev + ' of policy ' + sim.policy + ' over ' + fmt.num(sim.flows) + ' stored flows (' + fmt.num(s.conversations)
      + ' conversations' + (s.since ? ' since ' + fmt.time(s.since) : '') + ')' + (s.against ? ', compared with revision ' + s.against + ' in force.' : '.')),
    h('h3', {}, 'Conversations decided differently'), changes,
    h('h3', {}, 'Per rule'), rules,
    sim.removals.length ? [h('h3', {}, 'Entries no flow used'), h('ul', { id: 'sim-removals' }, sim.removals.map(r => h('li', {}, h('span', { class: 'mono' }, r.rule), ': ' + r.why)))] : null,
    h('h3', {}, 'Zone matrix under this revision'), zoneMatrix('sim-matrix', s.matrix),
    approve ? h('div', { class: 'actions' }, approve, h('span', { class: 'muted' }, 'Approving asks for your password and code again, then puts the revision in force.')) : null);
}

const Q_HISTORY = ['released', 'expired', 'rejected', 'failed'];

/** The quarantine queue (pending, active, history) into box; admins approve, reject and release, with a reason. */
async function quarantineQueue(box, admin) {
  const r = await api('GET', '/api/quarantine?limit=500');
  const again = () => quarantineQueue(box, admin).catch(e => toast(e.message));
  const act = async (q, what, body) => {
    try { const x = await api('POST', '/api/quarantine/' + q.id + '/' + what, body); toast('Quarantine ' + q.id + ': ' + x.state); await again(); }
    catch (e) { toast(e.message); }
  };
  // a reason first, in a labelled field of the row's own
  const withReason = (q, what, label) => h('button', { class: 'secondary q-' + what, type: 'button', onclick: ev => {
    const cell = ev.target.closest('td');
    const id = 'q-' + what + '-reason-' + q.id;
    const reason = h('input', { id, required: true });
    cell.replaceChildren(h('form', { class: 'filters reason', onsubmit: e => { e.preventDefault(); if (reason.value.trim()) act(q, what, { reason: reason.value.trim() }); } },
      field(label, reason), h('button', { class: 'q-confirm', type: 'submit' }, what === 'reject' ? 'Reject' : 'Release'),
      h('button', { class: 'secondary', type: 'button', onclick: again }, 'Cancel')));
    reason.focus();
  } }, what === 'reject' ? 'Reject' : 'Release');
  const actions = q => !admin ? null : q.state === 'pending'
    ? h('span', { class: 'actions' }, h('button', { class: 'q-approve', type: 'button', onclick: () => act(q, 'approve', {}) }, 'Approve'), withReason(q, 'reject', 'Why reject it'))
    : q.state === 'active' ? h('span', { class: 'actions' }, withReason(q, 'release', 'Why release it')) : null;
  const table = (id, rows, last, text) => rows.length ? h('table', { id }, h('thead', {}, h('tr', {}, ['#', 'Device', 'Addresses', 'Reason', 'Asked', 'State', last, ''].map(x => h('th', {}, x)))),
    h('tbody', {}, rows.map(q => h('tr', { class: 'quarantine', 'data-id': q.id, 'data-state': q.state, 'data-device': q.device },
      h('td', {}, q.id), h('td', { class: 'mono' }, h('a', { href: '#/device/' + encodeURIComponent(q.device) }, q.device)), h('td', { class: 'mono' }, q.addresses.join(', ') || '–'),
      h('td', {}, q.reason), h('td', {}, (q.requested_by || '–') + ', ' + fmt.time(q.requested)),
      h('td', { class: 'state' }, q.state + (q.offence > 1 ? ' (offence ' + q.offence + ')' : '')),
      h('td', { class: 'outcome' }, q.state === 'pending' ? 'waiting for a person' : [q.decided_by ? q.decided_by + ', ' + fmt.time(q.decided) : null,
        q.state === 'active' ? 'from ' + fmt.time(q.from) + (q.until ? ' until ' + fmt.time(q.until) : '') : null, q.outcome].filter(Boolean).join(' — ') || '–'),
      h('td', {}, actions(q))))))
    : empty(id + '-empty', text);
  const of = states => r.items.filter(q => states.includes(q.state));
  box.replaceChildren(h('h3', {}, 'Waiting for approval'), table('q-pending', of(['pending']), 'Decided', 'No device waits for a quarantine approval.'),
    h('h3', {}, 'Quarantined now'), table('q-active', of(['active']), 'Held', 'No device is quarantined.'),
    h('h3', {}, 'History'), table('q-history', of(Q_HISTORY), 'Outcome', 'No quarantine has ended yet.'));
}

function askPolicy(o, decisions) {
  const src = h('input', { id: 'ask-src', placeholder: '192.168.77.10', required: true });
  const dst = h('input', { id: 'ask-dst', placeholder: '203.0.113.50', required: true });
  const proto = select('ask-proto', null, ['tcp', 'udp', 'icmp', 'icmpv6', 'sctp'].map(p => [p, p]), 'tcp');
  const port = h('input', { id: 'ask-port', type: 'number', min: 0, max: 65535, placeholder: '443' });
  const answer = h('div', { id: 'ask-answer' });
  const form = h('form', { id: 'ask', class: 'filters', onsubmit: async ev => {
    ev.preventDefault();
    try {
      const d = await api('POST', '/api/policy/decide', { src: src.value.trim(), dst: dst.value.trim(), proto: proto.value, port: port.value === '' ? null : Number(port.value) });
      answer.replaceChildren(h('dl', { class: 'kv' }, h('dt', {}, 'Decision'), h('dd', { id: 'ask-decision', class: 'verdict ' + d.decision }, d.decision),
        h('dt', {}, 'Rule'), h('dd', { id: 'ask-rule', class: 'mono' }, d.rule || '–'), h('dt', {}, 'Reason'), h('dd', { id: 'ask-reason' }, d.reason),
        h('dt', {}, 'Policy'), h('dd', { class: 'mono' }, d.policy + ' ' + d.revision), h('dt', {}, 'At'), h('dd', { class: 'mono' }, fmt.time(d.at))),
        h('pre', { id: 'ask-trace', class: 'policy-text' }, (d.trace || []).join('\n')));
      await policyDecisions(decisions);
    } catch (e) { answer.replaceChildren(h('p', { class: 'error', id: 'ask-error' }, e.message)); }
  } }, field('Source address', src), field('Destination address', dst), field('Protocol', proto), field('Port', port),
  h('button', { id: 'ask-button', type: 'submit', disabled: !o.in_force }, 'Decide'));
  return [o.in_force ? null : h('p', { class: 'muted' }, 'No policy is in force to ask.'), form, answer];
}

const PROTOS = { 1: 'icmp', 6: 'tcp', 17: 'udp', 58: 'icmpv6', 132: 'sctp' };

async function policyDecisions(box) {
  const r = await api('GET', '/api/policy/decisions?limit=10');
  box.replaceChildren(h('h3', {}, 'Recent decisions'), r.items.length ? h('table', { id: 'decisions' },
    h('thead', {}, h('tr', {}, ['#', 'When', 'Asked by', 'Source', 'Destination', 'Service', 'Decision', 'Rule', 'Reason'].map(x => h('th', {}, x)))),
    h('tbody', {}, r.items.map(d => h('tr', { class: 'decision' }, h('td', {}, d.id), h('td', {}, fmt.ms(d.decided)), h('td', {}, d.caller),
      h('td', { class: 'mono' }, d.src), h('td', { class: 'mono' }, d.dst), h('td', { class: 'mono' }, (PROTOS[d.proto] || d.proto) + '/' + d.port),
      h('td', { class: 'verdict ' + d.verdict }, d.verdict), h('td', { class: 'mono' }, d.rule || '–'), h('td', {}, d.reason)))))
    : empty('decisions-empty', 'Nobody asked the policy yet.'));
}
