// A contract's history (every version: who, when, what changed; two versions side by side) and
// the edit of its main terms with the version check: an edit of a version someone else changed
// meanwhile is refused by the service (ABORTED), and the page says who changed it and when,
// keeps everything typed, and offers to load the new version underneath it.
import {
  ApiError, actionForm, call, change, day, el, errorBox, label, money, municipalityName,
  select, table,
} from './core.js';

// ---- reading what a person types ----

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

// Cents as an amount to edit: "9500000,00".
function euroText(cents) {
  const n = BigInt(cents || 0);
  return (n / 100n).toString() + ',' + (n % 100n).toString().padStart(2, '0');
}

function hourMinute(time) {
  return new Date(time).toLocaleTimeString('nl-NL', {timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit'});
}
function dayAndTime(time) {
  return new Date(time).toLocaleString('nl-NL', {timeZone: 'Europe/Amsterdam', dateStyle: 'short', timeStyle: 'short'});
}

// ---- the fields a person compares ----

const FACTS = [
  ['Kenmerk', c => c.reference],
  ['Titel', c => c.title],
  ['Status', c => label(c.status)],
  ['Soort', c => label(c.family)],
  ['Aanbieders', c => (c.providerDisplayNames || []).join(', ')],
  ['Gemeenten', c => (c.participations || []).map(p => municipalityName(p.municipalityCode) +
    ' (' + day(p.validFrom) + (p.validTo ? ' t/m ' + day(p.validTo) : '') + ')').join(', ')],
  ['Contractpartij', c => c.contractingParty],
  ['Begindatum', c => day(c.startDate)],
  ['Einddatum', c => day(c.endDate)],
  ['Waarde per jaar', c => money(c.valueCents)],
  ['Opzegtermijn', c => (c.noticeMonths || 6) + ' maanden'],
  ['Verlengingsopties', c => (c.options || []).map(o => 'optie ' + o.number + ': ' + o.lengthMonths + ' mnd' +
    (o.exercise ? ', gebruikt (aangezegd ' + day(o.exercise.noticeDate) + ')' : '')).join('; ')],
  ['Documenten', c => (c.documents || []).map(d => d.title).join(', ')],
];

function changedFacts(older, newer) {
  return FACTS.filter(([, read]) => read(older) !== read(newer)).map(([name]) => name);
}

const METHODS = {
  CreateContract: 'Vastgelegd', UpdateContract: 'Gewijzigd', ExerciseOption: 'Optie gebruikt',
  CreateLegalStep: 'Juridische stap',
};
function what(v) {
  const m = (v.method || '').split('/').pop();
  return METHODS[m] || m || 'Gewijzigd';
}

// ---- history ----

async function allVersions(name) {
  const versions = [];
  let pageToken = '';
  do {
    const r = await call('contracts.v1.ContractService/ListContractHistory', {name, pageSize: 100, pageToken});
    versions.push(...(r.versions || []));
    pageToken = r.nextPageToken || '';
  } while (pageToken);
  return versions;  // newest first
}

function sideBySide(a, b) {
  const older = Number(a.contract.version) <= Number(b.contract.version) ? a : b;
  const newer = older === a ? b : a;
  const title = (v) => 'Versie ' + v.contract.version + ' (' + dayAndTime(v.changeTime) + ')';
  return el('div', {class: 'table-box', tabindex: '0', role: 'region', 'aria-label': 'Twee versies naast elkaar'},
    el('table', {class: 'compare'},
      el('caption', {}, 'Versie ' + older.contract.version + ' naast versie ' + newer.contract.version +
        '; gewijzigde velden zijn gemarkeerd'),
      el('thead', {}, el('tr', {}, el('th', {scope: 'col'}, 'Veld'), el('th', {scope: 'col'}, title(older)),
        el('th', {scope: 'col'}, title(newer)))),
      el('tbody', {}, FACTS.map(([name, read]) => {
        const changed = read(older.contract) !== read(newer.contract);
        return el('tr', {class: changed ? 'changed' : null},
          el('th', {scope: 'row'}, name, changed ? el('span', {class: 'visually-hidden'}, ' (gewijzigd)') : null),
          el('td', {}, read(older.contract)), el('td', {}, read(newer.contract)));
      }))));
}

export async function historySection(name) {
  const versions = await allVersions(name);
  const list = table('Versies, nieuwste eerst', [
    {title: 'Versie', value: v => String(v.contract.version)},
    {title: 'Wanneer', value: v => dayAndTime(v.changeTime)},
    {title: 'Door', value: v => v.actor},
    {title: 'Wat', value: v => what(v)},
    {title: 'Gewijzigd', value: v => {
      const i = versions.indexOf(v);
      return i + 1 < versions.length ? changedFacts(versions[i + 1].contract, v.contract).join(', ') || 'niets zichtbaars' : 'eerste versie';
    }},
  ], versions, 'Geen versies.');
  if (versions.length < 2) return [list];
  const options = versions.map(v => [String(v.contract.version), 'Versie ' + v.contract.version + ' · ' + dayAndTime(v.changeTime) + ' · ' + v.actor]);
  const left = select(options, String(versions[1].contract.version));
  const right = select(options, String(versions[0].contract.version));
  left.id = 'versie-links';
  right.id = 'versie-rechts';
  const shown = el('div');
  const compare = () => shown.replaceChildren(sideBySide(
    versions.find(v => String(v.contract.version) === left.value),
    versions.find(v => String(v.contract.version) === right.value)));
  left.addEventListener('change', compare);
  right.addEventListener('change', compare);
  compare();
  return [list, el('h3', {}, 'Twee versies vergelijken'),
    el('div', {class: 'filters'},
      el('div', {}, el('label', {for: left.id}, 'Versie'), left),
      el('div', {}, el('label', {for: right.id}, 'naast versie'), right)),
    shown];
}

// ---- edit ----

const EDITABLE = [
  // [field name as the service names it, label, read the contract, read the input -> value | error]
  ['title', 'Titel', c => c.title, t => ({value: t.trim()})],
  ['contracting_party', 'Contractpartij', c => c.contractingParty, t => ({value: t.trim()})],
  ['end_date', 'Einddatum (dd-mm-jjjj)', c => day(c.endDate), t => {
    const d = parseDutchDay(t);
    return d ? {value: d} : {error: 'Schrijf de einddatum als dd-mm-jjjj, bijv. 31-12-2027.'};
  }],
  ['value_cents', 'Waarde per jaar (euro)', c => euroText(c.valueCents), t => {
    const cents = parseEuro(t);
    return cents !== null ? {value: cents} : {error: 'Schrijf een bedrag in euro, bijv. 9.500.000,00.'};
  }],
  ['notice_months', 'Opzegtermijn (maanden)', c => String(c.noticeMonths || 6), t => (/^\d{1,2}$/.test(t.trim())
    ? {value: Number(t.trim())} : {error: 'Vul een aantal maanden in, bijv. 6.'})],
];
const camel = (field) => field.replace(/_(\w)/g, (_, x) => x.toUpperCase());

// The form with the contract's terms; done(contract) after a save. Only the fields changed are
// sent (the update mask), with the version read.
export function editForm(contract, done) {
  let current = contract;
  const inputs = {};
  for (const [field, , read] of EDITABLE) inputs[field] = el('input', {type: 'text', value: read(current), autocomplete: 'off'});
  const stale = el('div', {'aria-live': 'assertive'});
  const form = actionForm('Contract wijzigen', EDITABLE.map(([field, text]) => ({
    name: 'contract.' + field, label: text, input: inputs[field],
  })), 'Wijzigingen opslaan', async (f) => {
    stale.replaceChildren();
    const body = {name: current.name, version: current.version};
    const mask = [];
    const fields = [];
    for (const [field, , read, parse] of EDITABLE) {
      if (inputs[field].value === read(current)) continue;
      const r = parse(inputs[field].value);
      if (r.error) fields.push({field: 'contract.' + field, description: r.error});
      body[camel(field)] = r.value;
      mask.push(camel(field));
    }
    if (fields.length) throw new ApiError(400, {code: 'INVALID_ARGUMENT', fields});
    if (!mask.length) throw new ApiError(400, {code: 'INVALID_ARGUMENT', message: 'U heeft niets gewijzigd.'});
    try {
      return await change('contracts.v1.ContractService/UpdateContract', {contract: body, updateMask: mask.join(',')},
        f.form, f.progress);
    } catch (e) {
      if (e.code === 'ABORTED') await showStale(e);
      throw e;
    }
  }, (saved) => { current = saved; done(saved); });

  // Someone else saved a newer version: who and when, and a button that loads it under what
  // was typed (the inputs keep their text; saving again sends it against the new version).
  async function showStale(e) {
    let newest = null;
    try {
      newest = (await call('contracts.v1.ContractService/ListContractHistory', {name: current.name, pageSize: 1})).versions[0];
    } catch (ignored) { /* the sentence below says enough */ }
    e.message = newest
      ? 'Gewijzigd door ' + newest.actor + ' om ' + hourMinute(newest.changeTime) + '; laad opnieuw. Wat u heeft ingevuld blijft staan.'
      : 'Iemand anders heeft dit contract intussen gewijzigd; laad opnieuw. Wat u heeft ingevuld blijft staan.';
    const reload = el('button', {type: 'button', class: 'secondary'}, 'Laad opnieuw (uw invoer blijft staan)');
    reload.addEventListener('click', async () => {
      try {
        const before = current;
        current = await call('contracts.v1.ContractService/GetContract', {name: current.name});
        // A field left as it was shows the new version's value; what was typed stays.
        for (const [field, , read] of EDITABLE) {
          if (inputs[field].value === read(before)) inputs[field].value = read(current);
        }
        stale.replaceChildren(el('p', {class: 'notice', role: 'status'}, 'Versie ' + current.version +
          ' is geladen. Controleer uw invoer en sla opnieuw op.'));
        done(current, true);
      } catch (err) {
        stale.replaceChildren(errorBox(err));
      }
    });
    stale.replaceChildren(reload);
  }
  form.append(stale);
  return form;
}
