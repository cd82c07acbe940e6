// OZJT Contractbeheer, the web client: what every view shares. The page only shows what the
// services answer and sends what the user enters; every rule (who sees what, what is valid)
// stays in the services. All text from the services is put in the page as text, never as HTML.
// The views are ES modules of their own (no bundler): app.js (login, navigation, routes),
// municipal.js, manager.js, register.js, contract.js, provider.js, audit.js.

// What the app sets: sessionLost(message) when the services say the session is over.
export const hooks = {sessionLost: () => {}};

export const state = {
  token: sessionStorage.getItem('ozjt.token') || '',
  session: null,        // {subject, role, municipality}
  municipalities: {},   // CBS code -> name
  providers: null,      // [{name, displayName}] once read (providers())
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

export class ApiError extends Error {
  constructor(status, body) {
    super(body.message || dutchForHttp(status));
    this.status = status;
    this.code = body.code || 'UNKNOWN';
    this.fields = body.fields || [];
  }
}

export async function request(path, body, method) {
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
    if (res.status === 401 && path.startsWith('/api/rpc/')) hooks.sessionLost('Uw sessie is verlopen; log opnieuw in.');
    throw new ApiError(res.status, data);
  }
  return data;
}

// call('contracts.v1.ContractService/ListAgenda', {...})
export function call(method, body) {
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
export async function change(method, body, form, progress) {
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
export function money(cents) { return cents === undefined ? '' : euro.format(Number(cents) / 100); }
function pad(n) { return String(n).padStart(2, '0'); }
// google.type.Date -> "30-11-2026"
export function day(d) { return d && d.year ? pad(d.day) + '-' + pad(d.month) + '-' + d.year : ''; }
// "2026-11-30" (input type=date) -> google.type.Date
export function parseDay(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || '');
  return m ? {year: +m[1], month: +m[2], day: +m[3]} : undefined;
}
export function stamp(text) {
  return text ? new Date(text).toLocaleString('nl-NL', {timeZone: 'Europe/Amsterdam'}) : '';
}
export function idOf(name) { return (name || '').split('/').pop(); }
export function municipalityName(code) { return state.municipalities[code] || code; }
// A decimal as the services send it ("93.40") with a decimal comma: "93,40".
export function decimal(text) { return (text || '').replace('.', ','); }
// A KPI value or norm in Dutch: "95,00 %" for the percentages (punctuality, rides within the
// maximum ride time, detours), "1,50" for complaints per 1.000 rides, "7,50" for a mark.
const PERCENT_KPIS = ['KPI_KIND_PUNCTUALITY', 'KPI_KIND_RIDE_TIME', 'KPI_KIND_DETOUR'];
export function kpiValue(kind, text) { return decimal(text) + (PERCENT_KPIS.includes(kind) && text ? ' %' : ''); }
// Where a KPI was measured: a municipality, or all of them (the whole lot) when none is named.
export function measuredFor(m) { return m.municipalityCode ? municipalityName(m.municipalityCode) : 'alle gemeenten'; }

export const LABELS = {
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
  OPTION_OUTCOME_EXTEND: 'Verlengen', OPTION_OUTCOME_DECLINE: 'Niet verlengen',
  LETTER_KIND_OPTION_EXERCISE: 'Verlenging', LETTER_KIND_OPTION_DECLINE: 'Geen verlenging',
  LETTER_KIND_INGEBREKESTELLING: 'Ingebrekestelling', LETTER_KIND_ONTBINDING: 'Ontbinding',
  LETTER_KIND_OPZEGGING: 'Opzegging',
  LEGAL_STEP_KIND_INGEBREKESTELLING: 'Ingebrekestelling', LEGAL_STEP_KIND_HERSTELSANCTIE: 'Herstelsanctie',
  LEGAL_STEP_KIND_TARIFF_DISCOUNT: 'Tijdelijke tariefkorting', LEGAL_STEP_KIND_ONTBINDING: 'Ontbinding',
  LEGAL_STEP_KIND_OPZEGGING: 'Opzegging',
  PROVIDER_STATUS_APPLICANT: 'Aanvrager', PROVIDER_STATUS_CONTRACTED: 'Gecontracteerd',
  PROVIDER_STATUS_SUSPENDED: 'Opgeschort', PROVIDER_STATUS_ENDED: 'Beëindigd',
  KIND_PROACTIVE: 'Proactief toezicht', KIND_SIGNAL: 'Signaal', KIND_INCIDENT: 'Incident',
  KIND_CALAMITY: 'Calamiteit', KIND_CONTRACT_REVIEW: 'Contractwijziging',
  KIND_MUNICIPAL_REQUEST: 'Verzoek gemeente',
  STATUS_REQUESTED: 'Aangevraagd', STATUS_PLANNED: 'Gepland', STATUS_IN_PROGRESS: 'In uitvoering',
  STATUS_CONCLUDED: 'Afgerond',
  SEVERITY_OBSERVATION: 'Observatie', SEVERITY_MINOR: 'Gering', SEVERITY_MAJOR: 'Ernstig',
  SEVERITY_CRITICAL: 'Kritiek',
  REQUIREMENT_KIND_TENDER_REQUIREMENT: 'Bestekeis', REQUIREMENT_KIND_LEGAL_NORM: 'Wettelijke norm',
  VERDICT_EFFECTIVE: 'Doeltreffend', VERDICT_INSUFFICIENT: 'Onvoldoende',
  CASE_STATUS_OPEN: 'Open', CASE_STATUS_RESOLVED: 'Opgelost', CASE_STATUS_BANKRUPTCY: 'Faillissement',
  CASE_STATUS_REFERRED_TO_BIBOB: 'Bij Bureau Bibob', CASE_STATUS_DECIDED: 'Besloten',
  OCCASION_PROCUREMENT_ROUND: 'Gunning in een inkoopronde', OCCASION_NEW_ENTRANT: 'Tussentijdse toetreding',
  OCCASION_RESCREENING: 'Herscreening (verlenging)', OCCASION_CONTRACT_MUTATION: 'Contractwijziging (zoals overname)',
  ASSESSMENT_RESULT_MEETS: 'Voldoet', ASSESSMENT_RESULT_DOES_NOT_MEET: 'Voldoet niet',
  ASSESSMENT_RESULT_NOT_APPLICABLE: 'Niet van toepassing',
  BIBOB_ADVICE_NO_RISK: 'Geen gevaar', BIBOB_ADVICE_LESSER_RISK: 'Mindere mate van gevaar',
  BIBOB_ADVICE_SERIOUS_RISK: 'Ernstige mate van gevaar',
  OUTCOME_ADMITTED: 'Toegelaten', OUTCOME_ADMITTED_WITH_CONDITIONS: 'Toegelaten onder voorwaarden',
  OUTCOME_REFUSED: 'Afgewezen', OUTCOME_REFERRED_TO_BIBOB: 'Naar Bureau Bibob',
  TIER_STRATEGIC: 'Strategisch (OZJT)', TIER_LOCAL: 'Lokaal (gemeente)',
  LEGAL_FORM_STICHTING: 'Stichting', LEGAL_FORM_BV: 'BV', LEGAL_FORM_NV: 'NV', LEGAL_FORM_VERENIGING: 'Vereniging',
  LEGAL_FORM_COOPERATIE: 'Coöperatie', LEGAL_FORM_EENMANSZAAK: 'Eenmanszaak', LEGAL_FORM_VOF: 'Vof',
  LEGAL_FORM_MAATSCHAP: 'Maatschap', LEGAL_FORM_OTHER: 'Anders',
  AGENDA_KIND_NOTICE_DEADLINE: 'Aanzegtermijn', AGENDA_KIND_CONTRACT_END: 'Einde looptijd',
  AGENDA_KIND_LEGAL_DEADLINE: 'Juridische termijn', AGENDA_KIND_TARIFF_BELOW_FLOOR: 'Tarief onder de reële prijs',
  AGENDA_KIND_RECOVERY_PLAN_DUE: 'Herstelplan continuïteit', AGENDA_KIND_EVIDENCE_DUE: 'Bewijsstuk KIT-screening',
  AGENDA_KIND_SUPERVISION_ACTION: 'Verbeteractie', AGENDA_KIND_REINSPECTION: 'Herinspectie of vervolgcontact',
  AGENDA_KIND_SUPERVISION_SIGNAL: 'Escalatiesignaal toezicht', AGENDA_KIND_CALAMITY_MEASURES: 'Maatregelen na calamiteit', AGENDA_KIND_SPENDING_CEILING: 'Bestedingsruimte',
};
export function label(code) { return LABELS[code] || (code || '').replace(/^[A-Z_]*?_/, '').toLowerCase(); }

export const ROLES = {
  gemeente_contract_manager: 'Contractmanager gemeente',
  ozjt_contract_manager: 'Contractmanager OZJT',
  toezichthouder: 'Toezichthouder',
  screening_officer: 'Screeningsfunctionaris',
  auditor: 'Auditor',
  admin: 'Beheerder',
};

// ---- building the page (text only) ----

export function el(tag, attrs, ...children) {
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
export function link(href, text) { return el('a', {href}, text); }
export function main() { return document.getElementById('inhoud'); }

export function show(title, ...content) {
  document.title = title + ' · OZJT Contractbeheer';
  const m = main();
  m.replaceChildren(el('h1', {}, title), ...content.filter(c => c !== null && c !== undefined));
  m.focus({preventScroll: true});
  window.scrollTo(0, 0);
}

// What went wrong when reading, in Dutch: something not there or not for this user gets one
// sentence; anything else the message the gateway passes (the services' Dutch, never the
// English status message).
export function errorBox(e) {
  const text = e.code === 'NOT_FOUND' ? 'Niet gevonden, of niet zichtbaar voor uw gemeente.'
    : e.code === 'PERMISSION_DENIED' ? 'Niet zichtbaar voor uw rol of gemeente.'
    : e.message;
  return alertBox(text);
}
export function alertBox(text) { return el('div', {class: 'alert', role: 'alert'}, text); }

// A table; columns: [{title, value(row) -> text|Node, num}]
export function table(caption, columns, rows, empty) {
  if (!rows.length) return el('p', {class: 'muted'}, empty || 'Geen gegevens.');
  // In a box that scrolls sideways when the table is wider than the screen; focusable, so
  // that it scrolls with the keyboard too.
  return el('div', {class: 'table-box', tabindex: '0', role: 'region', 'aria-label': caption}, el('table', {},
    el('caption', {}, caption),
    el('thead', {}, el('tr', {}, columns.map(c => el('th', {scope: 'col', class: c.num ? 'num' : null}, c.title)))),
    el('tbody', {}, rows.map(r => el('tr', {}, columns.map(c => el('td', {class: c.num ? 'num' : null}, c.value(r))))))));
}

// A searchable, paged list. fetchPage(text, pageToken) -> {rows, next}; the server pages
// (page tokens) or, for short lists, filterLocal pages in the browser.
export function pagedList(id, caption, columns, fetchPage, searchLabel, empty) {
  const box = el('div', {id});
  const input = el('input', {id: id + '-zoek', type: 'search'});
  const status = el('p', {class: 'muted', 'aria-live': 'polite'});
  const body = el('div');
  const prev = el('button', {type: 'button', class: 'secondary'}, 'Vorige');
  const next = el('button', {type: 'button', class: 'secondary'}, 'Volgende');
  const pager = el('div', {class: 'pager'}, prev, next, status);
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
    // A list of one page needs no pager.
    pager.hidden = page === 0 && !nextToken;
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
  // Without a searchLabel the list has no search field of its own (its page filters).
  if (searchLabel) box.append(form);
  box.append(body, pager);
  load();
  return box;
}

// Pages a list the service returns whole (agenda, tariff lines, measurements), 10 at a time.
export function localPages(items, matches) {
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
// belongs to no field of the form goes in the form's message box. Its title is a heading of
// level 3 (under a section's h2), or `level` where it sits deeper (a case's form under its h3).
export function actionForm(title, fields, submitText, send, done, level = 3) {
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
  // "provider.agb_codes[1]" belongs to the field "provider.agb_codes".
  const bare = (path) => (path || '').replace(/\[\d+\]/g, '');
  const fieldFor = (path) => fields.find(x => x.name === bare(path)) ||
    fields.find(x => last(x.name) === last(bare(path)));
  const submit = el('button', {type: 'submit'}, submitText);
  const form = el('form', {class: 'action', novalidate: true}, el('h' + level, {}, title), ...rows,
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
      // done may say what happened instead (a Node), e.g. an import that only checked.
      const said = done ? done(result) : undefined;
      if (said instanceof Node) general.replaceChildren(said);
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

export function select(options, value) {
  return el('select', {}, options.map(([v, t]) => el('option', {value: v, selected: v === value}, t)));
}


export async function section(title, build) {
  const s = el('section', {}, el('h2', {}, title), el('p', {class: 'muted'}, 'Laden…'));
  (async () => {
    try { s.replaceChildren(el('h2', {}, title), ...[].concat(await build())); }
    catch (e) { s.replaceChildren(el('h2', {}, title), errorBox(e)); }
  })();
  return s;
}


// The day a person typed (dd-mm-jjjj, or jjjj-mm-dd) as RFC 3339 at midnight in the
// Netherlands; '' when empty, null when it is not a day.
export function dayStart(text) {
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

// A form of filters (it changes nothing): each field with its error next to it. A field may
// read its text itself, read(text) -> {value} or {error: Dutch}; otherwise its value is the
// trimmed text. onSubmit(values by field name) runs when every field reads well; run() submits.
export function filterForm(id, fields, submitText, onSubmit) {
  for (const f of fields) {
    f.input.id = id + '-' + f.name;
    f.error = el('p', {class: 'field-error', id: f.input.id + '-fout', hidden: true});
    f.input.setAttribute('aria-describedby', f.error.id);
  }
  function run() {
    const values = {};
    let first = null;
    for (const f of fields) {
      const r = f.read ? f.read(f.input.value) : {value: f.input.value.trim()};
      f.error.hidden = !r.error;
      f.error.textContent = r.error || '';
      if (r.error) f.input.setAttribute('aria-invalid', 'true');
      else f.input.removeAttribute('aria-invalid');
      if (r.error) first = first || f;
      values[f.name] = r.value;
    }
    if (first) first.input.focus();
    else onSubmit(values);
  }
  const form = el('form', {class: 'filters', onsubmit: (ev) => { ev.preventDefault(); run(); }},
    fields.map(f => el('div', {}, el('label', {for: f.input.id}, f.label),
      f.hint ? el('p', {class: 'hint'}, f.hint) : null, f.input, f.extra, f.error)),
    el('button', {type: 'submit'}, submitText));
  return {form, run};
}

// A day typed as dd-mm-jjjj (or jjjj-mm-dd), read for filterForm as RFC 3339 at midnight in
// the Netherlands.
export function readDayStart(text) {
  const t = dayStart(text);
  return t === null ? {error: 'Schrijf een datum als dd-mm-jjjj, bijv. 01-11-2026.'} : {value: t};
}

// Every provider the user may list, by name ({name, displayName}), read once per session.
export async function providers() {
  if (state.providers) return state.providers;
  const all = [];
  let pageToken = '';
  do {
    const r = await call('registry.v1.ProviderRegistry/ListProviders', {pageSize: 500, pageToken});
    all.push(...(r.providers || []).map(p => ({name: p.name, displayName: p.displayName})));
    pageToken = r.nextPageToken || '';
  } while (pageToken);
  state.providers = all;
  return all;
}

// A field to choose a provider by typing its name (a list of the names to pick from); reads as
// "providers/{id}", '' when empty, and a Dutch error for a name that is no provider.
export async function providerField() {
  const list = await providers().catch(() => []);
  const options = el('datalist', {id: 'aanbieders-namen'}, list.map(p => el('option', {value: p.displayName})));
  const input = el('input', {type: 'text', list: 'aanbieders-namen', autocomplete: 'off'});
  return {
    name: 'aanbieder', label: 'Aanbieder', input, hint: 'Typ een deel van de naam en kies uit de lijst.',
    extra: options,
    read: (text) => {
      const wanted = text.trim().toLowerCase();
      if (!wanted) return {value: ''};
      const p = list.find(x => x.displayName.toLowerCase() === wanted);
      return p ? {value: p.name} : {error: 'Geen aanbieder met deze naam; kies een naam uit de lijst.'};
    },
    // The chosen provider ("providers/{id}") for a form's send, else the send refused at `field`.
    required(field) {
      const chosen = this.read(input.value);
      if (chosen.error || !chosen.value) refuse([{field, description: chosen.error || 'Kies een aanbieder.'}]);
      return chosen.value;
    },
  };
}

// A choice of one of the codes (with '' for all), labelled in Dutch.
export function codeSelect(codes, all) {
  return select([['', all], ...codes.map(c => [c, label(c)])], '');
}
export const FAMILIES = ['GENERAL', 'HO', 'VERVOER', 'VERVOER_CALLCENTRE', 'VERVOER_MONITORING',
  'MEDICATIECONTROLE', 'JEUGDZORG_PLUS', 'JBJR', 'OTHER'].map(f => 'CONTRACT_FAMILY_' + f);
export function municipalitySelect() {
  return select([['', 'Alle gemeenten'], ...Object.entries(state.municipalities)
    .sort((a, b) => a[1].localeCompare(b[1], 'nl')).map(([code, n]) => [code, n])], '');
}

// An amount in euros as a person types it ("9.500.000,00", "€ 1234,5", "1234") -> cents as
// text; null when it is not an amount.
export function parseEuro(text) {
  const t = (text || '').replace(/€|\s/g, '');
  const m = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/.exec(t);
  if (!m) return null;
  return (BigInt(m[1].replace(/\./g, '')) * 100n + BigInt((m[2] || '').padEnd(2, '0'))).toString();
}

// A day typed as dd-mm-jjjj (or d-m-jjjj) -> google.type.Date; null when it is no day.
export function parseDutchDay(text) {
  const m = /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec((text || '').trim());
  if (!m) return null;
  const d = {year: +m[3], month: +m[2], day: +m[1]};
  const check = new Date(Date.UTC(d.year, d.month - 1, d.day));
  return check.getUTCMonth() === d.month - 1 && check.getUTCDate() === d.day ? d : null;
}

// A day typed as dd-mm-jjjj for a form: the date, or an error on its field.
export function dayOf(input, field, errors, required) {
  const text = input.value.trim();
  if (!text && !required) return undefined;
  const d = parseDutchDay(text);
  if (!d) errors.push({field, description: 'Schrijf de datum als dd-mm-jjjj, bijv. 01-12-2026.'});
  return d || undefined;
}
// Refuses a form's send with the errors dayOf (or the page) found, shown next to their fields.
export function refuse(errors) {
  if (errors.length) throw new ApiError(400, {code: 'INVALID_ARGUMENT', fields: errors});
}

// Cents as an amount to edit: "9500000,00".
export function euroText(cents) {
  const n = BigInt(cents || 0);
  return (n / 100n).toString() + ',' + (n % 100n).toString().padStart(2, '0');
}

// Offers `content` (text or bytes) as a file to save.
export function download(fileName, content, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([content], {type}));
  const a = el('a', {href: url, download: fileName});
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// A button that makes a file and offers it: make() -> {fileName, content, said (what to tell),
// type (optional: the MIME type, else CSV)};
// with the line that tells what happened (or went wrong) next to it.
export function downloadButton(text, make) {
  const button = el('button', {type: 'button', class: 'secondary'}, text);
  const status = el('div', {'aria-live': 'polite'});
  button.addEventListener('click', async () => {
    button.disabled = true;
    status.replaceChildren(el('p', {class: 'muted', role: 'status'}, 'Het bestand wordt gemaakt…'));
    try {
      const file = await make();
      download(file.fileName, file.content, file.type);
      status.replaceChildren(el('p', {class: 'notice', role: 'status'}, file.said));
    } catch (e) {
      status.replaceChildren(errorBox(e));
    }
    button.disabled = false;
  });
  return el('div', {class: 'actions'}, button, status);
}
