'use strict';
// Vigil dashboard, shared helpers: elements, the API, formats, charts over time (uPlot).
// Every value from the API goes into the page as text (never as HTML); the session cookie is
// HttpOnly; changes carry the CSRF token. No inline script, style or handler: a strict content
// security policy holds.
const state = { csrf: null, me: null };
const $ = (sel, root = document) => root.querySelector(sel);

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
    const pw = h('input', { id: 'reauth-password', type: 'password', autocomplete: 'current-password', required: true });
    const code = h('input', { id: 'reauth-code', inputmode: 'numeric', autocomplete: 'one-time-code' });
    const err = h('div', { class: 'error' });
    const d = h('dialog', { id: 'reauth' }, h('form', { method: 'dialog', class: 'login' }, h('h1', {}, 'Confirm it is you'),
      h('label', { for: 'reauth-password' }, 'Password'), pw, h('label', { for: 'reauth-code' }, 'One-time code'), code, err,
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
function toast(msg) { const t = $('#toast'); t.textContent = msg; t.hidden = false; clearTimeout(toast.t); toast.t = setTimeout(() => { t.hidden = true; }, 3000); }
const fmt = {
  num: n => n === null || n === undefined ? '–' : Number(n).toLocaleString('en'),
  time: t => t ? String(t).replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '–',
  ms: t => t ? new Date(t).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '–',
  dur: s => s === null || s === undefined ? '–' : s < 120 ? s.toFixed(1) + ' s' : s < 7200 ? (s / 60).toFixed(1) + ' min' : (s / 3600).toFixed(1) + ' h',
  bytes: n => { if (!n) return '0 B'; const u = ['B', 'KB', 'MB', 'GB', 'TB']; let i = 0; while (n >= 1024 && i < 4) { n /= 1024; i++; } return (i ? n.toFixed(1) : n) + ' ' + u[i]; },
  // smart_speaker → smart speaker: the value the data uses, written for people
  label: v => v === null || v === undefined ? '–' : String(v).replace(/_/g, ' '),
};
const sev = v => h('span', { class: 'sev ' + v }, v);
const tier = v => h('span', { class: 'tier ' + (v || '') }, v || '–');
const canEdit = () => state.me && state.me.role !== 'viewer';

function view(...kids) { const v = $('#view'); v.replaceChildren(...kids.flat(2).filter(k => k !== null && k !== undefined)); }
function nav(name) { document.querySelectorAll('[data-nav]').forEach(a => a.classList.toggle('on', a.dataset.nav === name)); }

/** A labelled control: <label for=id>text</label> followed by the control. */
function field(text, control) { return h('span', { class: 'field' }, h('label', { for: control.id }, text), control); }

/** A <select> with an "any" entry and the given [value, label] options, set to current. */
function select(id, any, options, current) {
  const e = h('select', { id }, any === null ? null : h('option', { value: '' }, any), options.map(([v, l]) => h('option', { value: v }, l)));
  e.value = current || '';
  return e;
}

/** The empty state of a list: one sentence that says what is (not) there and why. */
function empty(id, text) { return h('p', { class: 'empty', id }, text); }

/** Counts as native meters (no drawing): [{label, value, cls}]. */
function meters(id, rows) {
  const max = Math.max(1, ...rows.map(r => r.value));
  return h('div', { class: 'meters', id }, rows.map(r => h('div', { class: 'meter-row ' + (r.cls || '') },
    h('span', {}, r.label), h('meter', { min: 0, max, value: r.value, title: r.label + ': ' + r.value }), h('span', { class: 'n' }, fmt.num(r.value)))));
}

const RANGES = [['all', 'everything'], ['3600', 'last hour'], ['86400', 'last day'], ['604800', 'last week'], ['2592000', 'last 30 days']];

/**
 * A chart over time on uPlot: a time axis, one line per series, drag to zoom, and a range picker.
 * points: [{at: ISO time, ...}]; series: [{name, get, stroke}].
 */
function timeChart(id, points, series, opts = {}) {
  const box = h('div', { class: 'timechart', id });
  const xs = points.map(p => Date.parse(p.at) / 1000).filter(x => !isNaN(x));
  if (!xs.length) { box.append(empty(id + '-empty', opts.empty || 'No history yet: the first analysis window has not been committed.')); return box; }
  const data = [xs, ...series.map(s => points.map(p => { const v = s.get(p); return v === undefined ? null : v; }))];
  const picker = select(id + '-range', null, RANGES, 'all');
  const reset = h('button', { class: 'secondary', type: 'button', id: id + '-reset' }, 'Show everything');
  box.append(h('div', { class: 'filters' }, field('Time range', picker), reset));
  const plotBox = h('div', { class: 'plot' });
  box.append(plotBox);
  const width = () => Math.max(320, Math.min(opts.width || 900, (box.clientWidth || plotBox.clientWidth || 900) - 8));
  const draw = () => {
    if (box._plot) box._plot.destroy();
    box._plot = new uPlot({
      width: width(), height: opts.height || 220, cursor: { drag: { x: true, y: false } },
      // one point alone: an hour either side of it, not years
      scales: { x: { time: true, range: (u, min, max) => min === max ? [min - 3600, max + 3600] : [min, max] } },
      axes: [{ label: 'packet time (UTC)' }, { label: opts.yLabel || '' }],
      series: [{ label: 'packet time (UTC)', value: (u, v) => v === null ? '–' : new Date(v * 1000).toISOString().replace('T', ' ').slice(0, 19) + 'Z' },
        ...series.map((s, i) => ({ label: s.name, stroke: s.stroke || ['#2155c4', '#c0392b', '#3a7d44', '#d98b00'][i % 4], width: 2,
          points: { show: xs.length < 60 } }))],
    }, data, plotBox);
  };
  const apply = () => {
    const max = xs[xs.length - 1];
    const min = picker.value === 'all' ? xs[0] : max - Number(picker.value);
    box._plot.setScale('x', xs.length === 1 ? { min: max - 3600, max: max + 3600 } : { min: Math.min(min, max - 1), max });
  };
  picker.addEventListener('change', apply);
  reset.addEventListener('click', () => { picker.value = 'all'; apply(); });
  // drawn once the box is in the page (uPlot measures it)
  requestAnimationFrame(() => { draw(); box.dataset.points = String(xs.length); });
  return box;
}
