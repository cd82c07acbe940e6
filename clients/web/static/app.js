// OZJT Contractbeheer: the thin client for municipal contract managers. It only shows what
// the services answer and sends what the user enters; every rule (who sees what, what is
// valid) stays in the services. All text from the services is put in the page as text, never
// as HTML.
'use strict';

const state = {
  token: sessionStorage.getItem('ozjt.token') || '',
  session: null,        // {subject, role, municipality}
  municipalities: {},   // CBS code -> name
};

// ---- calls ----

// A Dutch sentence per HTTP status, for an answer without a message of its own (the gateway's
// answers always have one: the services' google.rpc.LocalizedMessage or its own Dutch).
const HTTP_DUTCH = {
  400: 'De invoer is niet geldig; controleer wat u heeft ingevuld.',
  401: 'U bent niet (meer) ingelogd; log opnieuw in.',
  403: 'U heeft geen toegang tot deze gegevens of deze handeling.',
  404: 'Niet gevonden: het bestaat niet (meer).',
  409: 'Iemand anders heeft dit intussen gewijzigd, of het bestaat al; laad opnieuw en probeer het nog eens.',
  413: 'Wat u heeft ingevuld is te groot.',
  429: 'De server is op dit moment te druk; probeer het zo opnieuw.',
  502: 'De server is tijdelijk niet bereikbaar; probeer het zo opnieuw.',
  503: 'De dienst is tijdelijk niet bereikbaar; probeer het zo opnieuw.',
  504: 'Het verzoek duurde te lang; probeer het opnieuw.',
};
function dutchForHttp(status) {
  return HTTP_DUTCH[status] || 'Er ging iets mis op de server (HTTP ' + status + '); probeer het opnieuw of meld het de beheerder.';
}

class ApiError extends Error {
  constructor(status, body) {
    super(body.message || dutchForHttp(status));
    this.status = status;
    this.code = body.code || 'UNKNOWN';
    this.fields = body.fields || [];
  }
}

async function request(path, body, method) {
  const headers = {'Content-Type': 'application/json'};
  if (state.token) headers.Authorization = 'Bearer ' + state.token;
  let res;
  try {
    res = await fetch(path, {
      method: method || 'POST', headers,
      body: method === 'GET' ? undefined : JSON.stringify(body || {}),
    });
  } catch (e) {
    throw new ApiError(0, {code: 'UNAVAILABLE', message: 'De server is niet bereikbaar.'});
  }
  const data = await res.json().catch(() => null);
  if (data === null) {
    throw new ApiError(res.status, res.ok ? {code: 'UNKNOWN', message: 'Het antwoord van de server was onleesbaar; probeer het opnieuw.'} : {code: 'UNKNOWN'});
  }
  if (!res.ok) {
    if (res.status === 401 && path.startsWith('/api/rpc/')) logout('Uw sessie is verlopen; log opnieuw in.');
    throw new ApiError(res.status, data);
  }
  return data;
}

// call('contracts.v1.ContractService/ListAgenda', {...})
function call(method, body) {
  return request('/api/rpc/ozjt.' + method, body);
}

// ---- changes: safe to retry ----

// Every change (a write) carries an idempotency key, requestId (AIP-155): the services answer a
// request with a key they have seen with the first answer and write nothing again. So a change
// whose answer got lost (the server unreachable, or the connection lost after the write) can be
// sent again without being recorded twice.
const CHANGE_ATTEMPTS = 5;
const CHANGE_BACKOFF_MS = [500, 1000, 2000, 4000];  // before attempt 2, 3, 4, 5

// A random UUID version 4. crypto.randomUUID exists only in secure contexts (https, localhost);
// crypto.getRandomValues everywhere.
function newRequestId() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;  // version 4
  b[8] = (b[8] & 0x3f) | 0x80;  // variant 10
  const h = Array.from(b, x => x.toString(16).padStart(2, '0')).join('');
  return [h.slice(0, 8), h.slice(8, 12), h.slice(12, 16), h.slice(16, 20), h.slice(20)].join('-');
}

// The key of a form's change that has not succeeded yet: {id, sent (what it was sent with)}.
// It stays until the change succeeds, so that pressing the button again after a failure sends
// the same key; a changed form is a different change and gets a new key (the services refuse a
// key reused for a different request).
const pendingChanges = new WeakMap();

// Answers worth sending the same change again for: the server (or the way to it) was
// unreachable or the connection broke, so whether the change was made is unknown (503 is the
// gateway's UNAVAILABLE, 502 a proxy in front (nginx) that cannot reach it, 0 a network failure
// in the browser), or the server was too busy to start on it (429, RESOURCE_EXHAUSTED).
function worthRetrying(e) {
  return e instanceof ApiError && [0, 429, 502, 503].includes(e.status);
}

function sleep(ms) { return new Promise(resolve => setTimeout(resolve, ms)); }

// change('contracts.v1.ContractService/CreateContractNote', {...}, form, progress): sends a
// change with its key and, while the answer is worth retrying (outcome unknown, server busy),
// sends it again with the same key after 0,5, 1, 2 and 4 seconds (a little random, so that many
// pages do not all come back at once), telling the user through progress(text). After the last attempt the error is thrown, with a
// sentence that what was typed is kept and how to send it again.
async function change(method, body, form, progress) {
  const sent = method + ' ' + JSON.stringify(body);
  let pending = pendingChanges.get(form);
  if (!pending || pending.sent !== sent) {
    pending = {id: newRequestId(), sent};
    pendingChanges.set(form, pending);
  }
  const keyed = Object.assign({}, body, {requestId: pending.id});
  const token = state.token;
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await call(method, keyed);
      if (pendingChanges.get(form) === pending) pendingChanges.delete(form);
      return result;
    } catch (e) {
      // Not after the user logged out (or in as someone else) meanwhile: the key is theirs.
      if (!worthRetrying(e) || state.token !== token) throw e;
      if (attempt >= CHANGE_ATTEMPTS) {
        const button = form.querySelector('button[type=submit]');
        const again = button ? '‘' + button.textContent + '’' : 'dezelfde knop';
        e.message += ' Wat u heeft ingevuld staat er nog. Druk over een paar minuten opnieuw op ' + again +
          '; zolang u niets wijzigt, wordt het niet dubbel vastgelegd.';
        throw e;
      }
      if (progress) {
        progress((e.status === 429 ? 'De server is even te druk' : 'De server is even niet bereikbaar') +
          '; opnieuw proberen (' + (attempt + 1) + ' van ' + CHANGE_ATTEMPTS + ')…');
      }
      await sleep(CHANGE_BACKOFF_MS[attempt - 1] * (0.8 + 0.4 * Math.random()));
    }
  }
}

// ---- formatting (Dutch) ----

const euro = new Intl.NumberFormat('nl-NL', {style: 'currency', currency: 'EUR'});
function money(cents) { return cents === undefined ? '' : euro.format(Number(cents) / 100); }
function pad(n) { return String(n).padStart(2, '0'); }
// google.type.Date -> "30-11-2026"
function day(d) { return d && d.year ? pad(d.day) + '-' + pad(d.month) + '-' + d.year : ''; }
// "2026-11-30" (input type=date) -> google.type.Date
function parseDay(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || '');
  return m ? {year: +m[1], month: +m[2], day: +m[3]} : undefined;
}
function stamp(text) {
  return text ? new Date(text).toLocaleString('nl-NL', {timeZone: 'Europe/Amsterdam'}) : '';
}
function idOf(name) { return (name || '').split('/').pop(); }
function municipalityName(code) { return state.municipalities[code] || code; }
// A decimal as the services send it ("93.40") with a decimal comma: "93,40".
function decimal(text) { return (text || '').replace('.', ','); }
// A KPI value or norm in Dutch: "95,00 %" for the percentages (punctuality, rides within the
// maximum ride time, detours), "1,50" for complaints per 1.000 rides, "7,50" for a mark.
const PERCENT_KPIS = ['KPI_KIND_PUNCTUALITY', 'KPI_KIND_RIDE_TIME', 'KPI_KIND_DETOUR'];
function kpiValue(kind, text) { return decimal(text) + (PERCENT_KPIS.includes(kind) && text ? ' %' : ''); }
// Where a KPI was measured: a municipality, or all of them (the whole lot) when none is named.
function measuredFor(m) { return m.municipalityCode ? municipalityName(m.municipalityCode) : 'alle gemeenten'; }

const LABELS = {
  CONTRACT_STATUS_DRAFT: 'Concept', CONTRACT_STATUS_AWARDED: 'Gegund',
  CONTRACT_STATUS_ACTIVE: 'Lopend', CONTRACT_STATUS_EXPIRED: 'Verlopen',
  CONTRACT_STATUS_TERMINATED: 'Beëindigd',
  CONTRACT_FAMILY_GENERAL: 'Algemeen', CONTRACT_FAMILY_HO: 'Huishoudelijke ondersteuning',
  CONTRACT_FAMILY_VERVOER: 'Doelgroepenvervoer', CONTRACT_FAMILY_VERVOER_CALLCENTRE: 'Regiecentrale',
  CONTRACT_FAMILY_VERVOER_MONITORING: 'Monitoring vervoer',
  CONTRACT_FAMILY_MEDICATIECONTROLE: 'Medicatiecontrole',
  CONTRACT_FAMILY_JEUGDZORG_PLUS: 'Jeugdzorg Plus', CONTRACT_FAMILY_JBJR: 'JB/JR',
  CONTRACT_FAMILY_OTHER: 'Overig',
  KPI_KIND_PUNCTUALITY: 'Punctualiteit (%)', KPI_KIND_RIDE_TIME: 'Reistijd binnen maximum (%)',
  KPI_KIND_DETOUR: 'Omrijtijd (%)', KPI_KIND_COMPLAINTS: 'Klachten (per 1.000 ritten)',
  KPI_KIND_SATISFACTION: 'Klanttevredenheid (cijfer)',
  MEASUREMENT_SOURCE_CALLCENTRE: 'Regiecentrale', MEASUREMENT_SOURCE_MONITORING: 'Monitoring',
  MEASUREMENT_SOURCE_SURVEY: 'Klanttevredenheidsonderzoek',
  NORM_DIRECTION_AT_LEAST: 'minimaal', NORM_DIRECTION_AT_MOST: 'maximaal',
  LAW_JEUGDWET: 'Jeugdwet', LAW_WMO: 'Wmo',
  PROVIDER_STATUS_APPLICANT: 'Aanvrager', PROVIDER_STATUS_CONTRACTED: 'Gecontracteerd',
  PROVIDER_STATUS_SUSPENDED: 'Opgeschort', PROVIDER_STATUS_ENDED: 'Beëindigd',
  KIND_PROACTIVE: 'Proactief toezicht', KIND_SIGNAL: 'Signaal', KIND_INCIDENT: 'Incident',
  KIND_CALAMITY: 'Calamiteit', KIND_CONTRACT_REVIEW: 'Contractwijziging',
  KIND_MUNICIPAL_REQUEST: 'Verzoek gemeente',
  STATUS_REQUESTED: 'Aangevraagd', STATUS_PLANNED: 'Gepland', STATUS_IN_PROGRESS: 'In uitvoering',
  STATUS_CONCLUDED: 'Afgerond',
  CASE_STATUS_OPEN: 'Open', CASE_STATUS_RESOLVED: 'Opgelost', CASE_STATUS_BANKRUPTCY: 'Faillissement',
  OUTCOME_ADMITTED: 'Toegelaten', OUTCOME_ADMITTED_WITH_CONDITIONS: 'Toegelaten onder voorwaarden',
  OUTCOME_REFUSED: 'Afgewezen', OUTCOME_REFERRED_TO_BIBOB: 'Naar Bureau Bibob',
};
function label(code) { return LABELS[code] || (code || '').replace(/^[A-Z_]*?_/, '').toLowerCase(); }

const ROLES = {
  gemeente_contract_manager: 'Contractmanager gemeente',
  ozjt_contract_manager: 'Contractmanager OZJT',
  toezichthouder: 'Toezichthouder',
  screening_officer: 'Screeningsfunctionaris',
  auditor: 'Auditor',
  admin: 'Beheerder',
};

// ---- building the page (text only) ----

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}
function link(href, text) { return el('a', {href}, text); }
function main() { return document.getElementById('inhoud'); }

function show(title, ...content) {
  document.title = title + ' · OZJT Contractbeheer';
  const m = main();
  m.replaceChildren(el('h1', {}, title), ...content);
  m.focus({preventScroll: true});
  window.scrollTo(0, 0);
}

// What went wrong when reading, in Dutch: something not there or not for this user gets one
// sentence; anything else the message the gateway passes (the services' Dutch, never the
// English status message).
function errorBox(e) {
  const text = e.code === 'NOT_FOUND' ? 'Niet gevonden, of niet zichtbaar voor uw gemeente.'
    : e.code === 'PERMISSION_DENIED' ? 'Niet zichtbaar voor uw rol of gemeente.'
    : e.message;
  return alertBox(text);
}
function alertBox(text) { return el('div', {class: 'alert', role: 'alert'}, text); }

// A table; columns: [{title, value(row) -> text|Node, num}]
function table(caption, columns, rows, empty) {
  if (!rows.length) return el('p', {class: 'muted'}, empty || 'Geen gegevens.');
  return el('table', {},
    el('caption', {}, caption),
    el('thead', {}, el('tr', {}, columns.map(c => el('th', {scope: 'col', class: c.num ? 'num' : null}, c.title)))),
    el('tbody', {}, rows.map(r => el('tr', {}, columns.map(c => el('td', {class: c.num ? 'num' : null}, c.value(r)))))));
}

// A searchable, paged list. fetchPage(text, pageToken) -> {rows, next}; the server pages
// (page tokens) or, for short lists, filterLocal pages in the browser.
function pagedList(id, caption, columns, fetchPage, searchLabel, empty) {
  const box = el('div', {id});
  const input = el('input', {id: id + '-zoek', type: 'search'});
  const status = el('p', {class: 'muted', 'aria-live': 'polite'});
  const body = el('div');
  const prev = el('button', {type: 'button', class: 'secondary'}, 'Vorige');
  const next = el('button', {type: 'button', class: 'secondary'}, 'Volgende');
  let tokens = [''];
  let page = 0;
  let nextToken = '';
  async function load() {
    body.replaceChildren(el('p', {class: 'muted'}, 'Laden…'));
    try {
      const r = await fetchPage(input.value.trim(), tokens[page]);
      nextToken = r.next || '';
      body.replaceChildren(table(caption, columns, r.rows, empty));
      status.textContent = 'Pagina ' + (page + 1) + (r.rows.length ? '' : ' (leeg)');
    } catch (e) {
      body.replaceChildren(errorBox(e));
      nextToken = '';
    }
    prev.disabled = page === 0;
    next.disabled = !nextToken;
  }
  prev.addEventListener('click', () => { if (page > 0) { page--; load(); } });
  next.addEventListener('click', () => {
    if (!nextToken) return;
    tokens = tokens.slice(0, page + 1).concat([nextToken]);
    page++;
    load();
  });
  const form = el('form', {class: 'search', role: 'search', onsubmit: (ev) => {
    ev.preventDefault(); tokens = ['']; page = 0; load();
  }}, el('div', {}, el('label', {for: input.id}, searchLabel), input),
     el('button', {type: 'submit'}, 'Zoeken'));
  box.append(form, body, el('div', {class: 'pager'}, prev, next, status));
  load();
  return box;
}

// Pages a list the service returns whole (agenda, tariff lines, measurements), 10 at a time.
function localPages(items, matches) {
  return async (text, token) => {
    const all = text ? items.filter(i => matches(i, text.toLowerCase())) : items;
    const start = Number(token || 0);
    return {rows: all.slice(start, start + 10), next: start + 10 < all.length ? String(start + 10) : ''};
  };
}

// A form that posts to the services and puts their field errors next to the fields.
// send({form, progress}) makes the request; a change passes both on to change(), which shows
// its retries through progress(text) in the form's status line.
// fields: [{name: "measurement.period", label, input: Node, hint}]; a field error names the
// proto field path ("measurement.period", "incident_date"), matched to a field by its name, else
// by the last part of the path. The texts shown are the services' Dutch; a field error that
// belongs to no field of the form goes in the form's message box.
function actionForm(title, fields, submitText, send, done) {
  const general = el('div', {'aria-live': 'assertive'});
  const rows = fields.map(f => {
    f.input.id = f.input.id || 'f-' + f.name.replace(/\W/g, '-');
    f.input.name = f.name;
    f.error = el('p', {class: 'field-error', id: f.input.id + '-fout', hidden: true});
    f.input.setAttribute('aria-describedby', f.input.id + '-fout');
    return el('div', {}, el('label', {for: f.input.id}, f.label),
      f.hint ? el('p', {class: 'hint'}, f.hint) : null, f.input, f.error);
  });
  const last = (path) => path.split('.').pop();
  const fieldFor = (path) => fields.find(x => x.name === path) ||
    fields.find(x => last(x.name) === last(path || ''));
  const submit = el('button', {type: 'submit'}, submitText);
  const form = el('form', {class: 'action', novalidate: true}, el('h3', {}, title), ...rows,
    submit, general);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (submit.disabled) return;
    general.replaceChildren();
    for (const f of fields) {
      f.error.hidden = true;
      f.error.textContent = '';
      f.input.removeAttribute('aria-invalid');
    }
    submit.disabled = true;
    // Not green like 'Opgeslagen.': nothing is known to be saved yet.
    const progress = (text) => general.replaceChildren(el('p', {class: 'muted', role: 'status'}, text));
    try {
      const result = await send({form, progress});
      general.replaceChildren(el('p', {class: 'notice', role: 'status'}, 'Opgeslagen.'));
      if (done) done(result);
    } catch (e) {
      let first = null;
      const elsewhere = [];
      for (const v of e.fields || []) {
        const f = fieldFor(v.field);
        if (!f) { elsewhere.push(v.description); continue; }
        f.error.textContent = (f.error.textContent ? f.error.textContent + ' ' : '') + v.description;
        f.error.hidden = false;
        f.input.setAttribute('aria-invalid', 'true');
        first = first || f;
      }
      const text = first
        ? ['Controleer wat bij de gemarkeerde velden staat.', ...elsewhere].join(' ')
        : e.message;
      general.replaceChildren(alertBox(text));
      if (first) first.input.focus();
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

function select(options, value) {
  return el('select', {}, options.map(([v, t]) => el('option', {value: v, selected: v === value}, t)));
}

// ---- login ----

function logout(message) {
  state.token = '';
  state.session = null;
  sessionStorage.removeItem('ozjt.token');
  location.hash = '#/';
  renderLogin(message);
}

async function renderLogin(message) {
  document.getElementById('wie').replaceChildren();
  const config = await request('/api/config', null, 'GET').catch(() => ({dev_login: false}));
  const parts = [];
  if (message) parts.push(el('div', {class: 'alert', role: 'alert'}, message));
  if (config.dev_login) {
    const list = await request('/api/dev-login/municipalities', null, 'GET').catch(() => ({municipalities: []}));
    const gemeente = select(list.municipalities.map(m => [m.cbsCode, m.displayName + ' (' + m.cbsCode + ')']), '0153');
    const role = select(Object.entries(ROLES), 'gemeente_contract_manager');
    parts.push(el('p', {}, 'Demo-omgeving: kies een gemeente en een rol. In productie logt u in via ',
      'het account van uw organisatie.'));
    parts.push(actionForm('Inloggen (demo)', [
      {name: 'municipality', label: 'Gemeente', input: gemeente},
      {name: 'role', label: 'Rol', input: role},
    ], 'Inloggen', () => request('/api/dev-login', {municipality: gemeente.value, role: role.value}),
    (r) => start(r.token)));
  } else {
    const token = el('textarea', {spellcheck: 'false', autocomplete: 'off'});
    parts.push(el('p', {}, 'Log in via het account van uw organisatie; u komt daarna vanzelf terug op ',
      'deze pagina. Heeft u een token gekregen, plak het dan hieronder.'));
    parts.push(actionForm('Inloggen met een token', [
      {name: 'token', label: 'Token', input: token},
    ], 'Inloggen', async () => {
      state.token = token.value.trim();
      await request('/api/session');
      return {token: state.token};
    }, (r) => start(r.token)));
  }
  show('Inloggen', el('div', {class: 'login'}, parts));
}

async function start(token) {
  state.token = token;
  try {
    state.session = await request('/api/session');
  } catch (e) {
    return logout('Inloggen mislukt: ' + e.message);
  }
  sessionStorage.setItem('ozjt.token', token);
  try {
    const r = await call('registry.v1.ReferenceData/ListMunicipalities', {});
    for (const m of r.municipalities) state.municipalities[m.cbsCode] = m.displayName;
  } catch (e) { /* names are a convenience */ }
  const s = state.session;
  document.getElementById('wie').replaceChildren(
    el('span', {}, (ROLES[s.role] || s.role) + (s.municipality ? ' · Gemeente ' + municipalityName(s.municipality) : '') + ' · ' + s.subject),
    el('button', {type: 'button', onclick: () => logout('U bent uitgelogd.')}, 'Uitloggen'));
  route();
}

// ---- start page ----

function contractColumns() {
  return [
    {title: 'Kenmerk', value: c => link('#/contracten/' + idOf(c.name), c.reference)},
    {title: 'Titel', value: c => c.title},
    {title: 'Looptijd', value: c => day(c.startDate) + ' t/m ' + day(c.endDate)},
    {title: 'Status', value: c => label(c.status)},
  ];
}

function contractsList(id, filter) {
  return pagedList(id, 'Contracten', contractColumns(), async (text, token) => {
    const r = await call('contracts.v1.ContractService/ListContracts',
      {filter: Object.assign({text}, filter), pageSize: 10, pageToken: token});
    return {rows: r.contracts, next: r.nextPageToken};
  }, 'Zoek op kenmerk of titel', 'Geen contracten gevonden.');
}

async function section(title, build) {
  const s = el('section', {}, el('h2', {}, title), el('p', {class: 'muted'}, 'Laden…'));
  (async () => {
    try { s.replaceChildren(el('h2', {}, title), ...[].concat(await build())); }
    catch (e) { s.replaceChildren(el('h2', {}, title), errorBox(e)); }
  })();
  return s;
}

// ---- the auditor's start page: the audit log and its hash chain ----

// The day a person typed (dd-mm-jjjj, or jjjj-mm-dd) as RFC 3339 at midnight in the
// Netherlands; '' when empty, null when it is not a day.
function dayStart(text) {
  text = text.trim();
  if (!text) return '';
  const m = /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec(text);
  const d = m ? {year: +m[3], month: +m[2], day: +m[1]} : parseDay(text);
  if (!d) return null;
  const utc = new Date(Date.UTC(d.year, d.month - 1, d.day));
  if (utc.getUTCMonth() !== d.month - 1 || utc.getUTCDate() !== d.day) return null;
  // The offset at 00:00 UTC of that day (before any switch to or from summer time at 02:00).
  const zone = new Intl.DateTimeFormat('en-US', {timeZone: 'Europe/Amsterdam', timeZoneName: 'shortOffset'})
    .formatToParts(utc).find(p => p.type === 'timeZoneName').value;  // "GMT+1"
  const hours = Number(zone.replace('GMT', '') || 0);
  return new Date(utc.getTime() - hours * 3600000).toISOString();
}

function auditTime(t) {
  if (!t) return '';
  return new Date(t).toLocaleString('nl-NL', {timeZone: 'Europe/Amsterdam', dateStyle: 'short', timeStyle: 'medium'});
}

// Before and after of a record: withheld content says so; otherwise the JSON, folded.
function auditContent(r) {
  if (r.contentWithheld) return el('span', {class: 'muted'}, 'Inhoud afgeschermd: vertrouwelijk');
  if (!r.beforeJson && !r.afterJson) return '';
  const pretty = (text) => { try { return JSON.stringify(JSON.parse(text), null, 2); } catch (e) { return text; } };
  return el('details', {},
    el('summary', {}, r.beforeJson ? 'Voor en na' : 'Na'),
    r.beforeJson ? el('div', {}, el('strong', {}, 'Voor'), el('pre', {}, pretty(r.beforeJson))) : null,
    el('div', {}, el('strong', {}, 'Na'), el('pre', {}, pretty(r.afterJson))));
}

function auditLog() {
  const fields = {
    entityType: {label: 'Soort object', hint: 'bijv. provider, contract, screening_case'},
    entityId: {label: 'Id van het object'},
    since: {label: 'Vanaf (dd-mm-jjjj)'},
    until: {label: 'Tot (dd-mm-jjjj, niet t/m)'},
  };
  for (const [name, f] of Object.entries(fields)) {
    f.input = el('input', {id: 'audit-' + name, type: 'text'});
    f.error = el('p', {class: 'field-error', id: 'audit-' + name + '-fout', hidden: true});
    f.input.setAttribute('aria-describedby', f.error.id);
  }
  const list = el('div');
  const load = () => {
    let bad = false;
    const times = {};
    for (const name of ['since', 'until']) {
      const t = dayStart(fields[name].input.value);
      fields[name].error.hidden = t !== null;
      fields[name].error.textContent = t === null ? 'Schrijf een datum als dd-mm-jjjj, bijv. 01-11-2026.' : '';
      if (t === null) bad = true; else times[name] = t;
    }
    if (bad) return;
    const filter = {
      entityType: fields.entityType.input.value.trim(),
      entityId: fields.entityId.input.value.trim(),
    };
    if (times.since) filter.startTime = times.since;
    if (times.until) filter.endTime = times.until;
    list.replaceChildren(pagedList('auditregels', 'Auditregels, nieuwste eerst', [
      {title: 'Tijd', value: r => auditTime(r.time)},
      {title: 'Wie', value: r => r.actor},
      {title: 'Rol', value: r => ROLES[r.role] || r.role},
      {title: 'Actie', value: r => (r.method || '').split('/').pop()},
      {title: 'Object', value: r => r.entityType + ' ' + r.entityId},
      {title: 'Inhoud', value: auditContent},
    ], async (text, token) => {
      const r = await call('audit.v1.AuditLog/ListAuditRecords',
        Object.assign({pageSize: 20, pageToken: token, actor: text}, filter));
      return {rows: r.records || [], next: r.nextPageToken};
    }, 'Wie (gebruiker)', 'Geen auditregels met deze voorwaarden.'));
  };
  const form = el('form', {class: 'filters', onsubmit: (ev) => { ev.preventDefault(); load(); }},
    Object.values(fields).map(f => el('div', {}, el('label', {for: f.input.id}, f.label),
      f.hint ? el('p', {class: 'hint'}, f.hint) : null, f.input, f.error)),
    el('button', {type: 'submit'}, 'Toon auditregels'));
  load();
  return [form, list];
}

function auditChain() {
  const result = el('div', {'aria-live': 'polite'});
  const button = el('button', {type: 'button'}, 'Controleer de keten');
  button.addEventListener('click', async () => {
    button.disabled = true;
    result.replaceChildren(el('p', {class: 'muted', role: 'status'}, 'Bezig met controleren…'));
    try {
      const r = await call('audit.v1.AuditLog/VerifyAuditChain', {});
      const checked = Number(r.records || 0).toLocaleString('nl-NL');
      result.replaceChildren(r.intact
        ? el('div', {class: 'notice', role: 'status'},
            el('p', {}, 'De auditketen is ongeschonden: ' + checked + ' regels gecontroleerd op ' + auditTime(r.verifiedAt) + '.'),
            el('p', {}, 'Laatste hash: ', el('code', {}, r.headHash)),
            el('p', {class: 'hint'}, 'Noteer deze hash buiten het systeem; een latere controle die bij dezelfde regel op dezelfde hash uitkomt, bewijst dat er daarvoor niets is veranderd.'))
        : alertBox('De auditketen is VERBROKEN op positie ' + r.brokenAtPosition +
            (Number(r.brokenAtRecord) ? ' (auditregel ' + r.brokenAtRecord + ')' : '') + ': ' + r.reason +
            ' De ' + checked + ' regels ervoor zijn ongeschonden.'));
    } catch (e) {
      result.replaceChildren(errorBox(e));
    }
    button.disabled = false;
  });
  return [el('p', {}, 'Elke auditregel draagt de hash van de vorige; de controle rekent de hele keten na.'), button, result];
}

async function renderAuditStart() {
  const log = await section('Auditlog', async () => auditLog());
  const chain = await section('Hashketen van het auditlog', async () => auditChain());
  show('Audit', log, chain);
}

async function renderStart() {
  const s = state.session;
  if (s.role === 'auditor') return renderAuditStart();
  const mine = s.municipality;
  const title = mine ? 'Gemeente ' + municipalityName(mine) : 'Alle gemeenten';

  const agenda = await section('Agenda: komende 180 dagen', async () => {
    // No dates: the service's own window, its today (Europe/Amsterdam) + 180 days; every page.
    const r = {items: []};
    let pageToken = '';
    do {
      const page = await call('contracts.v1.ContractService/ListAgenda',
        {municipalityCode: mine || '', pageSize: 1000, pageToken});
      r.items.push(...(page.items || []));
      pageToken = page.nextPageToken || '';
    } while (pageToken);
    return pagedList('agenda', 'Termijnen en deadlines', [
      {title: 'Datum', value: i => day(i.date)},
      {title: 'Contract', value: i => i.contract ? link('#/contracten/' + idOf(i.contract), i.contractReference) : i.contractReference},
      {title: 'Actie', value: i => i.summary},
    ], localPages(r.items, (i, t) => (i.contractReference + ' ' + i.summary).toLowerCase().includes(t)),
    'Zoek in de agenda', 'Geen termijnen in de komende 180 dagen.');
  });
  const contracts = await section('Contracten waaraan de gemeente deelneemt', () =>
    contractsList('contracten', {municipalityCode: mine || ''}));
  const providers = await section('Aanbieders actief in de gemeente', () =>
    pagedList('aanbieders', 'Aanbieders', [
      {title: 'Naam', value: p => link('#/aanbieders/' + idOf(p.name), p.displayName)},
      {title: 'KvK', value: p => p.kvkNumber},
      {title: 'Wetten', value: p => p.laws.map(label).join(', ')},
      {title: 'Status', value: p => label(p.status)},
    ], async (text, token) => {
      const r = await call('registry.v1.ProviderRegistry/ListProviders',
        {filter: {displayNameContains: text, municipalityCode: mine || ''}, pageSize: 10, pageToken: token});
      return {rows: r.providers, next: r.nextPageToken};
    }, 'Zoek op naam', 'Geen aanbieders gevonden.'));
  const continuity = await section('Continuïteit: open casussen', async () => {
    const r = await call('accountregion.v1.AccountRegionService/ListCases', {openOnly: true});
    return table('Casussen van het accounthoudend gebied', [
      {title: 'Aanbieder', value: c => link('#/aanbieders/' + idOf(c.provider), c.providerName)},
      {title: 'Status', value: c => label(c.status)},
      {title: 'Escalatiestap', value: c => String(c.step)},
      {title: 'Geopend', value: c => day(c.opened)},
    ], r.cases, 'Geen open casussen die de gemeente aangaan.');
  });
  const supervision = await section('Verzoeken om toezicht', async () => {
    const r = await call('supervision.v1.SupervisionService/ListInvestigations',
      {requestingMunicipality: mine || ''});
    return table('Onderzoeken op verzoek van de gemeente', [
      {title: 'Aanbieder', value: i => link('#/aanbieders/' + idOf(i.provider), i.providerName)},
      {title: 'Soort', value: i => label(i.kind)},
      {title: 'Status', value: i => label(i.status)},
      {title: 'Aangevraagd', value: i => day(i.openedDate)},
      {title: 'Conclusie (samenvatting)', value: i => i.conclusionSummary},
    ], r.investigations, 'Geen verzoeken.');
  });
  const jzplus = await section('Jeugdzorg Plus: instroom tegen de doelstelling', async () => {
    const r = await call('jzplus.v1.InflowService/GetInflowChart', {municipalityCode: mine || ''});
    return [
      el('figure', {class: 'chart'},
        el('img', {src: 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(r.svg),
          alt: 'Grafiek: instroom Jeugdzorg Plus per jaar' + (mine ? ' voor ' + municipalityName(mine) : '') +
            ' tegen het doelpad van 10% minder per jaar.'}),
        el('figcaption', {class: 'muted'}, r.suppressed
          ? 'Kleine aantallen (1 tot en met 4) zijn afgeschermd en daarvan afgeleide cijfers weggelaten.'
          : 'Instroom per jaar en het doelpad.')),
    ];
  });
  show(title, agenda, contracts, providers, continuity, supervision, jzplus);
}

// ---- contract detail ----

async function renderContract(id) {
  const name = 'contracts/' + id;
  let c;
  try {
    c = await call('contracts.v1.ContractService/GetContract', {name});
  } catch (e) {
    return show('Contract', errorBox(e), el('p', {}, link('#/', 'Terug naar de start')));
  }
  // The contracted providers by name (the service sends them with the contract), each a link
  // to its page when the user may open it (a municipality opens the providers active in it).
  const names = c.providerDisplayNames || [];
  const openable = await Promise.all(c.providers.map(p =>
    call('registry.v1.ProviderRegistry/GetProvider', {name: p}).then(r => r.displayName, () => '')));
  const providers = c.providers.map((p, i) => {
    const shown = names[i] || openable[i] || 'een aanbieder die u niet kunt inzien';
    return [i ? ', ' : '', openable[i] ? link('#/aanbieders/' + idOf(p), shown) : shown];
  });
  const facts = el('dl', {class: 'facts'},
    el('dt', {}, 'Kenmerk'), el('dd', {}, c.reference),
    el('dt', {}, 'Status'), el('dd', {}, label(c.status)),
    el('dt', {}, 'Soort'), el('dd', {}, label(c.family)),
    el('dt', {}, 'Looptijd'), el('dd', {}, day(c.startDate) + ' t/m ' + day(c.endDate)),
    el('dt', {}, 'Waarde'), el('dd', {}, money(c.valueCents)),
    el('dt', {}, 'Opzegtermijn'), el('dd', {}, c.noticeMonths + ' maanden'),
    el('dt', {}, 'Aanbieders'), el('dd', {}, providers.length ? providers : 'nog geen'),
    el('dt', {}, 'Gemeenten'), el('dd', {}, c.participations.map(p => municipalityName(p.municipalityCode)).join(', ')));
  const options = table('Verlengingsopties', [
    {title: 'Optie', value: o => String(o.number)},
    {title: 'Verlenging', value: o => o.lengthMonths + ' maanden'},
    {title: 'Eenzijdig', value: o => o.unilateral ? 'ja' : 'nee'},
    {title: 'Uiterlijk aanzeggen', value: o => day(o.noticeDeadline) || (o.exercise ? day(o.exercise.noticeDeadline) : '')},
    {title: 'Gebruikt', value: o => o.exercise && o.exercise.noticeDate
      ? 'aangezegd ' + day(o.exercise.noticeDate) + (o.exercise.recordedAfterTheFact ? ' (achteraf vastgelegd)' : '') : 'nee'},
  ], c.options, 'Geen verlengingsopties.');

  const tariffs = await section('Tarieven', async () => {
    const r = await call('contracts.v1.TariffService/ListTariffLines', {contract: name});
    return pagedList('tarieven', 'Tariefregels', [
      {title: 'Product', value: t => t.productCode},
      {title: 'Omschrijving', value: t => t.description},
      {title: 'Eenheid', value: t => t.unit},
      {title: 'Tarief', value: t => money(t.amountCents), num: true},
      {title: 'Geldig', value: t => day(t.validFrom) + (t.validTo && t.validTo.year ? ' t/m ' + day(t.validTo) : '')},
    ], localPages(r.lines, (t, q) => (t.productCode + ' ' + t.description).toLowerCase().includes(q)),
    'Zoek op product', 'Geen tariefregels.');
  });
  const parts = [facts, el('h2', {}, 'Verlengingsopties en aanzegtermijnen'), options, tariffs];

  if ((c.family || '').startsWith('CONTRACT_FAMILY_VERVOER')) {
    const measurements = el('div');
    async function loadMeasurements() {
      try {
        const r = await call('contracts.v1.VervoerService/ListKpiMeasurements', {contract: name});
        measurements.replaceChildren(table('Metingen (nieuwste periode eerst)', [
          {title: 'Periode', value: m => m.period},
          {title: 'KPI', value: m => label(m.kind)},
          {title: 'Waarde', value: m => kpiValue(m.kind, m.value), num: true},
          {title: 'Bron', value: m => label(m.source)},
          {title: 'Gemeente', value: m => measuredFor(m)},
          {title: 'Vastgelegd', value: m => stamp(m.recordTime)},
        ], r.measurements, 'Nog geen metingen.'));
      } catch (e) { measurements.replaceChildren(errorBox(e)); }
    }
    loadMeasurements();
    const breaches = await section('KPI-normen niet gehaald (vorig kwartaal)', async () => {
      const now = new Date();
      const q = Math.floor(now.getMonth() / 3);
      const period = q === 0 ? (now.getFullYear() - 1) + '-Q4' : now.getFullYear() + '-Q' + q;
      const r = await call('contracts.v1.VervoerService/ListKpiBreaches', {contract: name, period});
      // A framework's breaches include its lots': each names the lot (or contract) measured.
      const measured = b => {
        const owner = b.measurement.contract || name;
        const reference = b.contractReference || (owner === name ? c.reference : '');
        if (!reference) return 'een perceel van deze overeenkomst';
        const a = link('#/contracten/' + idOf(owner), reference);
        if (b.contractTitle) a.title = b.contractTitle;
        return a;
      };
      return table('Overschrijdingen in ' + period, [
        {title: 'Contract', value: measured},
        {title: 'KPI', value: b => label(b.measurement.kind)},
        {title: 'Gemeten', value: b => kpiValue(b.measurement.kind, b.measurement.value), num: true},
        {title: 'Norm', value: b => label(b.direction) + ' ' + kpiValue(b.measurement.kind, b.norm), num: true},
        {title: 'Gemeente', value: b => measuredFor(b.measurement)},
      ], r.breaches, 'Alle normen gehaald in ' + period + '.');
    });
    const period = el('input', {type: 'text', placeholder: 'JJJJ-MM of JJJJ-Kn', autocomplete: 'off'});
    const kind = select([['', 'Kies een KPI'], ...['PUNCTUALITY', 'RIDE_TIME', 'DETOUR', 'COMPLAINTS', 'SATISFACTION']
      .map(k => ['KPI_KIND_' + k, label('KPI_KIND_' + k)])], '');
    const value = el('input', {type: 'text', inputmode: 'decimal', autocomplete: 'off'});
    const source = select([['', 'Kies een bron'], ...['CALLCENTRE', 'MONITORING', 'SURVEY']
      .map(k => ['MEASUREMENT_SOURCE_' + k, label('MEASUREMENT_SOURCE_' + k)])], '');
    const form = actionForm('KPI-meting vastleggen', [
      {name: 'measurement.period', label: 'Periode', input: period,
        hint: 'Een maand (2026-10) of een kwartaal (2026-K3 of 2026-Q3).'},
      {name: 'measurement.kind', label: 'KPI', input: kind},
      {name: 'measurement.value', label: 'Waarde', input: value,
        hint: 'Met een komma (of punt) als decimaalteken, bijvoorbeeld 93,20.'},
      {name: 'measurement.source', label: 'Bron', input: source},
    ], 'Meting vastleggen', (f) => change('contracts.v1.VervoerService/RecordKpiMeasurement', {
      measurement: {contract: name, period: period.value.trim().toUpperCase().replace(/-K(\d)$/, '-Q$1'),
        kind: kind.value || 'KPI_KIND_UNSPECIFIED', value: value.value.trim().replace(/\s*%$/, '').replace(',', '.'),
        source: source.value || 'MEASUREMENT_SOURCE_UNSPECIFIED'},
    }, f.form, f.progress), () => {
      // Saved: an empty form, so that the same measurement is not sent twice.
      period.value = ''; kind.value = ''; value.value = ''; source.value = '';
      loadMeasurements();
    });
    parts.push(breaches, el('section', {}, el('h2', {}, 'KPI-metingen'), form, measurements));
  }

  const notes = el('div');
  async function loadNotes() {
    try {
      const r = await call('contracts.v1.ContractService/ListContractNotes', {contract: name});
      notes.replaceChildren(table('Notities', [
        {title: 'Datum', value: n => stamp(n.createTime)},
        {title: 'Door', value: n => n.author},
        {title: 'Gemeente', value: n => municipalityName(n.municipalityCode)},
        {title: 'Notitie', value: n => n.text},
      ], r.notes, 'Nog geen notities.'));
    } catch (e) { notes.replaceChildren(errorBox(e)); }
  }
  loadNotes();
  const text = el('textarea', {});
  parts.push(el('section', {}, el('h2', {}, 'Contractmanagement: notities'),
    actionForm('Notitie vastleggen', [{name: 'note.text', label: 'Notitie', input: text}], 'Notitie opslaan',
      (f) => change('contracts.v1.ContractService/CreateContractNote', {note: {contract: name, text: text.value}},
        f.form, f.progress),
      () => { text.value = ''; loadNotes(); }),
    notes));
  show(c.reference + ': ' + c.title, ...parts, el('p', {}, link('#/', 'Terug naar de start')));
}

// ---- provider detail ----

async function renderProvider(id) {
  const name = 'providers/' + id;
  let p;
  try {
    p = await call('registry.v1.ProviderRegistry/GetProvider', {name});
  } catch (e) {
    return show('Aanbieder', errorBox(e), el('p', {}, link('#/', 'Terug naar de start')));
  }
  const mine = state.session.municipality;
  const facts = el('dl', {class: 'facts'},
    el('dt', {}, 'KvK-nummer'), el('dd', {}, p.kvkNumber),
    el('dt', {}, 'Status'), el('dd', {}, label(p.status)),
    el('dt', {}, 'Wetten'), el('dd', {}, p.laws.map(label).join(', ')),
    el('dt', {}, 'AGB-codes'), el('dd', {}, p.agbCodes.join(', ')),
    el('dt', {}, 'Actief in'), el('dd', {}, p.municipalityCodes.map(municipalityName).join(', ')));
  const contracts = await section('Contracten', () => contractsList('aanbieder-contracten', {provider: name, municipalityCode: mine || ''}));
  const kit = await section('KIT-screening', async () => {
    const r = await call('screening.v1.ScreeningService/ListOutcomes', {provider: name});
    return table('Uitkomsten', [
      {title: 'Uitkomst', value: o => label(o.outcome)},
      {title: 'Besluit', value: o => day(o.decidedDate)},
      {title: 'Geldig tot', value: o => day(o.validUntil)},
      {title: 'Toetsingskader', value: o => o.frameworkTitle},
    ], r.outcomes, 'Geen besluit bekend.');
  });
  const continuity = await section('Continuïteit', async () => {
    const r = await call('accountregion.v1.AccountRegionService/ListCases', {provider: name});
    return table('Casussen', [
      {title: 'Status', value: c => label(c.status)},
      {title: 'Escalatiestap', value: c => String(c.step)},
      {title: 'Geopend', value: c => day(c.opened)},
      {title: 'Gesloten', value: c => day(c.closed)},
    ], r.cases, 'Geen continuïteitscasussen.');
  });
  const supervision = await section('Toezicht', async () => {
    const s = await call('supervision.v1.SupervisionService/GetProviderSummary', {provider: name});
    return el('dl', {class: 'facts'},
      el('dt', {}, 'Open onderzoeken'), el('dd', {}, String(s.investigationsOpen)),
      el('dt', {}, 'Open bevindingen (kritiek/ernstig)'), el('dd', {}, s.openCritical + ' / ' + s.openMajor),
      el('dt', {}, 'Verbeterplannen open / te laat'), el('dd', {}, s.plansOpen + ' / ' + s.plansOverdue),
      el('dt', {}, 'Laatste inspectie'), el('dd', {}, day(s.lastInspection) || 'onbekend'));
  });
  const kind = select([['KIND_INCIDENT', 'Incident'], ['KIND_CALAMITY', 'Calamiteit']], 'KIND_INCIDENT');
  const description = el('textarea', {});
  const incident = el('input', {type: 'date'});
  const request = el('section', {}, el('h2', {}, 'Onderzoek aanvragen'),
    actionForm('Verzoek om een onderzoek naar een incident of calamiteit', [
      {name: 'kind', label: 'Soort', input: kind},
      {name: 'description', label: 'Omschrijving', input: description, hint: 'Wat is er gebeurd? Geen namen of BSN van cliënten.'},
      {name: 'incident_date', label: 'Datum van het incident', input: incident},
    ], 'Verzoek indienen', (f) => change('supervision.v1.SupervisionService/RequestInvestigation', {
      provider: name, kind: kind.value, description: description.value, incidentDate: parseDay(incident.value),
    }, f.form, f.progress), () => { description.value = ''; }));
  show(p.displayName, facts, contracts, kit, continuity, supervision, request,
    el('p', {}, link('#/', 'Terug naar de start')));
}

// ---- routing ----

function route() {
  if (!state.session) return renderLogin();
  const hash = location.hash.replace(/^#/, '') || '/';
  let m;
  if ((m = /^\/contracten\/(\d+)$/.exec(hash))) return renderContract(m[1]);
  if ((m = /^\/aanbieders\/(\d+)$/.exec(hash))) return renderProvider(m[1]);
  return renderStart();
}

window.addEventListener('hashchange', () => { if (state.session) route(); });
window.addEventListener('DOMContentLoaded', () => {
  // The identity provider sends the user back with #token=...; take it and clean the address.
  const fromIdp = /^#token=([\w.-]+)$/.exec(location.hash);
  if (fromIdp) {
    history.replaceState(null, '', location.pathname + '#/');
    return start(fromIdp[1]);
  }
  if (state.token) return start(state.token);
  renderLogin();
});
