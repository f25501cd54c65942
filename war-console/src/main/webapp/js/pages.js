// SPDX-License-Identifier: Apache-2.0
// One loader per page: each reads the server's own APIs (at the level they declare) and fills its tables.
// Actions call the admin APIs; the console never decides what a caller may do, it only greys out what the
// overview says the caller cannot do, and shows the API's answer when tried anyway.

import { getJson, request, sendJson } from './api.js';
import { Chart } from './charts.js';
import { bytes, duration, el, fillTable, short } from './dom.js';
import { families, parse, sum } from './prometheus.js';

export const state = { overview: null, samples: [], previous: null, notify: () => {}, refresh: () => {} };

// the type whose active actors the Actors page lists, and from where: kept across the page's refreshes
const shown = { type: null, offset: 0 };
const ACTIVE_PAGE = 50;
// the reminders the Actors page lists: a type's (paged) or, with an id, one actor's
const reminders = { type: null, id: null, offset: 0 };

const charts = { calls: new Chart('chart-calls'), errors: new Chart('chart-errors'), latency: new Chart('chart-latency') };

function act(label, action, confirmText) {
  return el('button', {
    type: 'button', class: 'act', disabled: !mayAct(), onclick: async () => {
      if (confirmText && !window.confirm(confirmText)) {
        return;
      }
      try {
        const answer = await action();
        state.notify(label + ': ' + summary(answer), false);
        state.refresh();
      } catch (e) {
        state.notify(label + ': ' + e.message, true);
      }
    },
  }, label);
}

function summary(answer) {
  if (answer && typeof answer === 'object') {
    return answer.message || answer.code || answer.state || 'done';
  }
  return 'done';
}

export function mayAct() {
  return state.overview !== null && state.overview.caller === 'admin';
}

// ---- metrics, polled whatever the page: the charts keep the last minutes ----

export async function pollMetrics() {
  let text;
  try {
    text = await request('/metrics?scope=application', { accept: 'text/plain' });
  } catch (e) {
    return; // metrics behind authentication (capa.security.metrics-authentication): charts stay empty
  }
  const samples = parse(text);
  const now = Date.now() / 1000;
  const current = {};
  for (const s of samples) {
    if (s.labels.function && s.labels.revision && !s.labels.quantile) {
      const key = s.labels.function + '/' + s.labels.revision;
      current[key] = current[key] || {};
      current[key][s.name] = (current[key][s.name] || 0) + s.value;
    }
  }
  if (state.previous) {
    const dt = now - state.previous.t;
    const calls = {};
    const errors = {};
    const latency = {};
    for (const [key, values] of Object.entries(current)) {
      const before = state.previous.values[key] || {};
      const delta = name => (values[name] || 0) - (before[name] || 0);
      calls[key] = Math.max(0, delta('capa_function_invocations_total')) / dt;
      errors[key] = Math.max(0, delta('capa_function_errors_total')) / dt;
      const count = delta('capa_function_duration_seconds_count');
      latency[key] = count > 0 ? 1000 * delta('capa_function_duration_seconds_sum') / count : null;
    }
    charts.calls.add(now, calls);
    charts.errors.add(now, errors);
    charts.latency.add(now, latency);
  }
  state.previous = { t: now, values: current };
  state.samples = samples;
}

export function drawCharts() {
  Object.values(charts).forEach(c => c.draw());
}

// ---- pages ----

async function health() {
  // 503 when not ready: the body is still the checks
  const response = await fetch('/health', { credentials: 'omit', cache: 'no-store' });
  return response.json();
}

export const pages = {
  async overview() {
    const [h, workers, routes, modules, connectors] = await Promise.all([
      health(), getJson('/wasm/worker/functions/list'), getJson('/memory/functions/list'),
      getJson('/registry/modules'), getJson('/v1.0-alpha1/connectors')]);
    const o = state.overview;
    document.getElementById('overview-server').replaceChildren(
        card('status', h.status), card('server', o.serverId), card('app id', o.appId), card('version', o.version),
        card('up', duration(o.uptimeSeconds)), card('you may', o.caller === 'admin' ? 'look and act' : 'look'));
    fillTable('overview-health', ['check', 'status', 'details'], (h.checks || []).map(c =>
        [c.name, el('span', { class: 'status ' + c.status }, c.status),
          Object.entries(c.data || {}).map(([k, v]) => k + ': ' + v).join(', ')]));
    const revisions = Object.values(workers).reduce((n, r) => n + Object.keys(r).length, 0);
    const byKind = {};
    o.components.forEach(c => { const k = c.type.split('.')[0]; byKind[k] = (byKind[k] || 0) + 1; });
    fillTable('overview-counts', ['capability', 'count'], [
      ['functions (revisions)', Object.keys(workers).length + ' (' + revisions + ')'],
      ['proxy routes', Object.keys(routes).length],
      ['registry modules', modules.length],
      ['connectors', connectors.length + ' (' + connectors.filter(c => c.state === 'running').length + ' running)'],
      ['actor types (active actors)', o.actors.length + ' (' + o.actors.reduce((n, a) => n + a.active, 0) + ')'],
      ['subscriptions', o.subscriptions.length],
      ...Object.entries(byKind).sort().map(([k, n]) => ['components: ' + k, n])]);
    fillTable('overview-servers', ['server', 'URL', 'version', 'alive until', 'console'], o.servers.map(m =>
        [m.id + (m.self ? ' (this one)' : ''), m.url, m.version,
          m.self ? 'now' : el('span', { class: m.alive ? 'status UP' : 'status DOWN' }, m.aliveUntil || ''),
          m.self ? '' : el('a', { href: m.url + '/console/' }, 'open')]));
    fillTable('overview-group', ['actor group member', 'this one', 'heartbeat', 'partitions'], o.actorGroup.map(m =>
        [m.url, m.self ? 'yes' : '', m.heartbeat, (m.partitions || []).length]), 'no actor group (capa.actors.placement=partitioned)');
    fillTable('overview-metrics', ['family', 'series', 'sum'],
        families(state.samples, 'capa_').map(f => [f.name, f.series, round(f.total)]), 'no capa_* metrics yet');
  },

  async functions() {
    const [workers, modules, running] = await Promise.all([getJson('/wasm/worker/functions/list'),
      getJson('/registry/modules'), getJson('/wasm/functions')]);
    const rows = [];
    for (const [fn, revisions] of Object.entries(workers)) {
      for (const [rev, r] of Object.entries(revisions)) {
        const match = { function: fn, revision: rev };
        const module = (r.wasmRegistryUrl || '').startsWith('/registry/') ? r.wasmRegistryUrl.slice('/registry/'.length) : null;
        const target = { function: fn, revision: rev };
        const quantile = q => state.samples.find(s => s.name === 'capa_function_duration_seconds'
            && s.labels.function === fn && s.labels.revision === rev && s.labels.quantile === q);
        const p = q => { const s = quantile(q); return s ? (1000 * s.value).toFixed(1) : ''; };
        rows.push([fn, rev, r.isDefaultRevision === 'true' ? 'default' : '', short(r.sha256),
          module || r.wasmRegistryUrl || '', Object.keys(r.wasmModules || {}).length,
          el('span', { class: 'calls', 'data-function': fn, 'data-revision': rev },
              String(sum(state.samples, 'capa_function_invocations_total', match))),
          sum(state.samples, 'capa_function_errors_total', match), p('0.5') + ' / ' + p('0.99'),
          r.failure ? el('span', { class: 'failure' }, r.failure) : '',
          el('span', { class: 'actions' },
              act('set default', () => sendJson('POST', '/wasm/worker/functions/set_default_revision', target)),
              module ? act('scale +1', () => sendJson('POST', '/wasm/worker/functions/deploy', { ...target, module })) : null,
              act('scale −1', () => sendJson('DELETE', '/wasm/worker/functions/revisions/downscale', target)),
              act('remove', () => sendJson('DELETE', '/wasm/worker/functions/revisions/deployments', target),
                  'Remove ' + fn + '/' + rev + '?'))]);
      }
    }
    fillTable('functions-table', ['function', 'revision', '', 'sha256', 'module', 'instances', 'calls', 'errors',
      'p50 / p99 ms', 'failure', ''], rows, 'no function deployed through the worker API');
    fillTable('running-table', ['function', 'revision', 'source', 'ABI', 'size', 'sha256', 'deployed at', 'calls', 'errors'],
        (running.functions || []).map(f => [f.name, f.revision, f.source, f.abi, bytes(f.size), short(f.sha256), f.deployedAt,
          sum(state.samples, 'capa_function_invocations_total', { function: f.name, revision: f.revision }),
          sum(state.samples, 'capa_function_errors_total', { function: f.name, revision: f.revision })]), 'no function');
    fillTable('failures-table', ['function', 'revision', 'source', 'problem', 'at'], (running.failures || []).map(f =>
        [f.name, f.revision, f.source, el('span', { class: 'failure' }, f.message), f.at]), 'no failure');
    const select = document.querySelector('#deploy-form select[name=module]');
    const chosen = select.value;
    select.replaceChildren(...modules.map(m => el('option', { value: m.module }, m.module + ' (' + bytes(m.size) + ')')));
    if (chosen) {
      select.value = chosen;
    }
    drawCharts();
  },

  async registry() {
    const modules = await getJson('/registry/modules');
    fillTable('registry-table', ['module', 'size', 'sha256', 'uploaded', 'info', ''], modules.map(m =>
        [el('a', { href: m.url || '/registry/' + m.module + '/' + m.name + '.wasm' }, m.module), bytes(m.size),
          el('code', { title: m.sha256 }, short(m.sha256)), m.uploadedAt || '', m.info || '',
          act('delete', () => request('/registry/' + m.module, { method: 'DELETE' }).then(t => safeJson(t)),
              'Delete ' + m.module + '?')]), 'no module');
  },

  async proxy() {
    const [routes, traffic] = await Promise.all([getJson('/memory/functions/list'), getJson('/v1.0-alpha1/traffic/stats')]);
    const rows = [];
    for (const [fn, revisions] of Object.entries(routes)) {
      for (const [rev, urls] of Object.entries(revisions)) {
        for (const url of urls) {
          rows.push([fn, rev, url, el('span', { class: 'actions' },
              act('remove URL', () => sendJson('DELETE', '/memory/functions/' + enc(fn) + '/' + enc(rev) + '/url', { url })),
              act('remove revision', () => sendJson('DELETE', '/memory/functions/' + enc(fn) + '/revision', { revision: rev }),
                  'Remove the route of ' + fn + '/' + rev + '?'))]);
        }
      }
    }
    fillTable('routes-table', ['function', 'revision', 'upstream', ''], rows, 'no route');
    const upstreams = (traffic.routes || []).flatMap(r => (r.upstreams || []).map(u => [r.rule, u.name, u.url,
      Math.round(100 * u.share) + ' %', el('span', { class: 'status ' + (u.breaker === 'CLOSED' ? 'UP' : 'DOWN') }, u.breaker),
      u.requests, u.errors, u.requestsPerSecond, u.latencyMs ? u.latencyMs.p50 + ' / ' + u.latencyMs.p99 : '',
      r.unavailable]));
    fillTable('traffic-table', ['rule', 'upstream', 'URL', 'share', 'breaker', 'requests', 'errors', 'per s',
      'p50 / p99 ms', 'rule unavailable'], upstreams, 'no traffic rule');
  },

  async actors() {
    const o = state.overview;
    const showReminders = (type, id) => () => { Object.assign(reminders, { type, id, offset: 0 }); state.refresh(); };
    fillTable('actors-table', ['type', 'kind', 'active', 'queued', 'reminders', 'activations', 'deactivations', 'calls',
      'errors', 'mean ms', ''],
        o.actors.map(a => [a.type, a.kind, a.active, el('span', { class: 'queued', 'data-type': a.type }, a.queued),
          el('span', { class: 'reminders', 'data-type': a.type }, a.reminders), a.activations, a.deactivations, a.calls,
          a.errors, a.calls > 0 ? (a.callMillisTotal / a.calls).toFixed(1) : '',
          [el('button', { type: 'button', class: 'show-active', 'data-type': a.type,
            onclick: () => { shown.type = a.type; shown.offset = 0; state.refresh(); } }, 'show active'),
          el('button', { type: 'button', class: 'show-reminders', 'data-type': a.type, onclick: showReminders(a.type, null) },
              'show reminders')]]),
        'no actor type hosted here');
    await Promise.all([activeActors(o, showReminders), actorReminders(o)]);
  },

  async bindings() {
    const [h, connectors, inbound] = await Promise.all([health(), getJson('/v1.0-alpha1/connectors'),
      getJson('/v1.0-alpha1/bindings/inbound')]);
    const check = name => Object.entries(((h.checks || []).find(c => c.name === name) || {}).data || {});
    const badge = v => el('span', { class: 'status ' + String(v).split(/[: ]/)[0] }, String(v));
    const lag = n => n === undefined || n < 0 ? '–' : n; // -1: the source has no lag, or it was not read yet
    fillTable('bindings-table', ['binding', 'health'], check('bindings').map(([k, v]) => [k, badge(v)]), 'no output binding');
    fillTable('inbound-table', ['input binding', 'state', 'source', 'deliveries', 'failed attempts', 'dead letters', 'lag'],
        inbound.map(b => [b.binding, badge(b.state), b.source, b.deliveries, b.deliveryErrors,
          el('span', { 'data-dead-letters': b.binding }, String(b.deadLetters)),
          el('span', { 'data-lag': b.binding }, String(lag(b.lag)))]), 'no input binding');
    fillTable('connectors-table', ['id', 'state', 'source', 'sink', 'in', 'out', 'errors', 'dead letters', 'lag', 'last error', ''],
        connectors.map(c => [c.id, el('span', { class: 'state state-' + c.state, 'data-connector': c.id }, c.state),
          c.source, c.sink, c.in, c.out, c.errors, c.deadLetters, lag(c.lag), c.lastError || '', el('span', { class: 'actions' },
              act('start', () => request('/v1.0-alpha1/connectors/' + enc(c.id) + '/start', { method: 'POST' }).then(safeJson)),
              act('stop', () => request('/v1.0-alpha1/connectors/' + enc(c.id) + '/stop', { method: 'POST' }).then(safeJson)),
              act('delete', () => request('/v1.0-alpha1/connectors/' + enc(c.id), { method: 'DELETE' }).then(safeJson),
                  'Delete connector ' + c.id + '?'))]), 'no connector');
  },

  async components() {
    const o = state.overview;
    fillTable('components-table', ['name', 'type', 'capabilities'], [...o.components]
        .sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name))
        .map(c => [c.name, c.type, (c.capabilities || []).join(', ')]), 'no component');
    // counts from the metrics polled for the charts: given up since the start, and the lag last read (none: '–')
    const series = (name, s) => state.samples.filter(m => m.name === name && m.labels.pubsub === s.pubsubname
        && m.labels.topic === s.topic);
    const lag = s => series('capa_pubsub_lag', s).map(m => m.value).find(v => v >= 0) ?? '–';
    fillTable('subscriptions-table', ['pub/sub', 'topic', 'delivered to', 'dead-letter topic', 'dead letters', 'lag', 'declared'],
        o.subscriptions.map(s => [s.pubsubname, s.topic, s.path, s.deadLetterTopic || '',
          sum(state.samples, 'capa_pubsub_dead_letters_total', { pubsub: s.pubsubname, topic: s.topic }), lag(s), s.type]),
        'no subscription');
    const rpc = await getJson('/v1.0-alpha1/rpc/services');
    fillTable('rpc-table', ['service', 'interface', 'methods', 'schema'], rpc.services.map(r => [r.name, r.interface,
      r.methods.join(', '), el('details', {}, el('summary', {}, r.schemaFile), el('pre', { class: 'schema' }, r.schema))]),
    'no RPC service');
  },
};

// ---- forms ----

export function wireForms() {
  submit('deploy-form', f => sendJson('POST', '/wasm/worker/functions/deploy',
      { function: f.function.value.trim(), revision: f.revision.value.trim(), module: f.module.value }), 'deploy');
  submit('upload-form', f => {
    const data = new FormData();
    data.append('file', f.file.files[0]);
    if (f.info.value) {
      data.append('info', f.info.value);
    }
    return request('/registry/upload/' + [f.org.value, f.name.value, f.tag.value].map(v => enc(v.trim())).join('/'),
        { method: 'POST', body: data }).then(safeJson);
  }, 'upload');
  submit('route-form', async f => {
    const fn = f.function.value.trim();
    const routes = await getJson('/memory/functions/list');
    const body = { revision: f.revision.value.trim(), url: f.url.value.trim() };
    return fn in routes
        ? sendJson('POST', '/memory/functions/' + enc(fn) + '/revision', body)
        : sendJson('POST', '/memory/functions/registration', { function: fn, ...body });
  }, 'add route');
  submit('connector-form', f => {
    const id = f.id.value.trim();
    return request('/v1.0-alpha1/connectors' + (id ? '?id=' + encodeURIComponent(id) : ''),
        { method: 'POST', body: f.body.value, type: 'application/yaml' }).then(safeJson);
  }, 'deploy connector');
}

function submit(id, action, label) {
  const form = document.getElementById(id);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      state.notify(label + ': ' + summary(await action(form.elements)), false);
      state.refresh();
    } catch (e) {
      state.notify(label + ': ' + e.message, true);
    }
  });
}

function card(title, value) {
  return el('div', { class: 'card' }, el('div', { class: 'card-title' }, title), el('div', { class: 'card-value' }, value));
}

async function activeActors(o, showReminders) {
  const section = document.getElementById('active-actors');
  if (shown.type === null || !o.actors.some(a => a.type === shown.type)) {
    section.hidden = true;
    return;
  }
  const type = shown.type;
  const page = await getJson('/v1.0-alpha1/actors/' + enc(type) + '/active?offset=' + shown.offset + '&limit=' + ACTIVE_PAGE);
  section.hidden = false;
  const last = Math.min(page.offset + page.actors.length, page.total);
  document.getElementById('active-title').textContent = 'Active ' + type + ' actors: '
      + (page.total === 0 ? 'none' : (page.offset + 1) + '–' + last + ' of ' + page.total);
  fillTable('active-table', ['id', 'turn', 'queued', 'reminders', ''], page.actors.map(a => [
    el('span', { class: 'actor-id' }, a.id), a.busy ? 'running' : '', el('span', { class: 'queued' }, a.queued),
    a.reminders,
    [el('button', { type: 'button', onclick: showReminders(type, a.id) }, 'reminders'),
      act('Deactivate', () => request('/v1.0-alpha1/actors/' + enc(type) + '/' + enc(a.id) + '/activation',
          { method: 'DELETE' }).then(safeJson))]]), 'no ' + type + ' actor is active here');
  const move = offset => () => { shown.offset = offset; state.refresh(); };
  document.getElementById('active-paging').replaceChildren(
      el('button', { type: 'button', disabled: page.offset === 0, onclick: move(Math.max(0, page.offset - ACTIVE_PAGE)) }, 'previous'),
      el('button', { type: 'button', disabled: last >= page.total, onclick: move(page.offset + ACTIVE_PAGE) }, 'next'),
      el('button', { type: 'button', onclick: () => { shown.type = null; state.refresh(); } }, 'hide'));
}

// a type's reminders that this server fires (paged), or every stored reminder of one actor
async function actorReminders(o) {
  const section = document.getElementById('actor-reminders');
  if (reminders.type === null || !o.actors.some(a => a.type === reminders.type)) {
    section.hidden = true;
    return;
  }
  const { type, id } = reminders;
  const base = '/v1.0-alpha1/actors/' + enc(type);
  const page = id === null ? await getJson(base + '/reminders?offset=' + reminders.offset + '&limit=' + ACTIVE_PAGE)
    : await getJson(base + '/' + enc(id) + '/reminders');
  section.hidden = false;
  const total = id === null ? page.total : page.reminders.length;
  const offset = id === null ? page.offset : 0;
  const last = Math.min(offset + page.reminders.length, total);
  document.getElementById('reminders-title').textContent = (id === null ? 'Reminders of ' + type + ' actors fired here: '
    : 'Reminders of ' + type + '/' + id + ': ') + (total === 0 ? 'none' : (offset + 1) + '–' + last + ' of ' + total);
  fillTable('reminders-table', ['actor', 'name', 'due time', 'period', 'next', 'remaining', 'expires'], page.reminders.map(r => [
    el('span', { class: 'actor-id' }, r.actorId), el('span', { class: 'reminder-name' }, r.name), r.dueTime, r.period,
    r.next, r.remaining < 0 ? '' : r.remaining, r.expiresAt || '']), 'no reminder');
  const move = at => () => { reminders.offset = at; state.refresh(); };
  document.getElementById('reminders-paging').replaceChildren(
      el('button', { type: 'button', disabled: id !== null || offset === 0, onclick: move(Math.max(0, offset - ACTIVE_PAGE)) }, 'previous'),
      el('button', { type: 'button', disabled: id !== null || last >= total, onclick: move(offset + ACTIVE_PAGE) }, 'next'),
      el('button', { type: 'button', onclick: () => { reminders.type = null; state.refresh(); } }, 'hide'));
}

function safeJson(text) {
  try {
    return typeof text === 'string' && text ? JSON.parse(text) : text;
  } catch (e) {
    return text;
  }
}

function enc(v) {
  return encodeURIComponent(v);
}

function round(v) {
  return Number.isInteger(v) ? v : v.toFixed(3);
}
