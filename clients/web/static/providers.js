// The provider registry of OZJT's contract managers: search (name, KvK, AGB, tier, status,
// municipality), the CSV export of what the filters find, and the CSV import with every
// rejected line shown with its line number, column and rule (the services' Dutch).
import {
  ApiError, actionForm, call, change, codeSelect, downloadButton, el, filterForm, idOf, label, link,
  municipalitySelect, pagedList, section, show, table,
} from './core.js';

const TIERS = ['TIER_STRATEGIC', 'TIER_LOCAL'];
const STATUSES = ['APPLICANT', 'CONTRACTED', 'SUSPENDED', 'ENDED'].map(s => 'PROVIDER_STATUS_' + s);

const COLUMNS = [
  {title: 'Naam', value: p => link('#/aanbieders/' + idOf(p.name), p.displayName)},
  {title: 'KvK', value: p => p.kvkNumber},
  {title: 'AGB-codes', value: p => (p.agbCodes || []).join(', ')},
  {title: 'Niveau', value: p => label(p.tier)},
  {title: 'Status', value: p => label(p.status)},
  {title: 'Wetten', value: p => (p.laws || []).map(label).join(', ')},
  {title: 'Gemeenten', value: p => String((p.municipalityCodes || []).length), num: true},
];

// The base64 of bytes (a proto `bytes` field in JSON) and back.
function toBase64(bytes) {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}
function fromBase64(text) { return Uint8Array.from(atob(text || ''), ch => ch.charCodeAt(0)); }

const digits = (n, what) => (text) => {
  const t = text.trim();
  return !t || new RegExp('^\\d{' + n + '}$').test(t) ? {value: t}
    : {error: 'Een ' + what + ' bestaat uit precies ' + n + ' cijfers.'};
};

function searchPart() {
  const list = el('div');
  let filter = {};
  const {form, run} = filterForm('registerfilter', [
    {name: 'naam', label: 'Naam bevat', input: el('input', {type: 'search'})},
    {name: 'kvk', label: 'KvK-nummer', input: el('input', {type: 'text', inputmode: 'numeric'}), read: digits(8, 'KvK-nummer')},
    {name: 'agb', label: 'AGB-code', input: el('input', {type: 'text', inputmode: 'numeric'}), read: digits(8, 'AGB-code')},
    {name: 'niveau', label: 'Niveau', input: codeSelect(TIERS, 'Alle niveaus')},
    {name: 'status', label: 'Status', input: codeSelect(STATUSES, 'Alle statussen')},
    {name: 'gemeente', label: 'Actief in gemeente', input: municipalitySelect()},
  ], 'Zoeken', (v) => {
    filter = {displayNameContains: v.naam, kvkNumber: v.kvk, agbCode: v.agb, tier: v.niveau || undefined,
      status: v.status || undefined, municipalityCode: v.gemeente};
    list.replaceChildren(pagedList('aanbiederslijst', 'Aanbieders op naam', COLUMNS, async (text, token) => {
      const r = await call('registry.v1.ProviderRegistry/ListProviders', {filter, pageSize: 25, pageToken: token});
      return {rows: r.providers || [], next: r.nextPageToken};
    }, null, 'Geen aanbieders met deze filters.'));
  });
  run();
  return [form, downloadButton('Download als CSV (importformaat)', async () => {
    const r = await call('registry.v1.ProviderRegistry/ExportProviders', {filter});
    return {fileName: 'aanbieders.csv', content: fromBase64(r.csv),
      said: 'Het bestand aanbieders.csv met ' + (r.count || 0) + ' aanbieders is gedownload.'};
  }), list];
}

function importResult(r) {
  const counts = (r.created || 0) + ' nieuw, ' + (r.updated || 0) + ' gewijzigd, ' + (r.unchanged || 0) + ' ongewijzigd';
  const errors = r.errors || [];
  return [
    el('p', {class: r.committed ? 'notice' : errors.length ? 'alert' : 'notice', role: 'status'}, r.committed
      ? 'Geïmporteerd: ' + counts + '.' + (errors.length ? ' ' + errors.length +
          (errors.length === 1 ? ' regel is overgeslagen.' : ' regels zijn overgeslagen.') : '')
      : errors.length ? 'Niets geïmporteerd: ' + errors.length + (errors.length === 1 ? ' regel is' : ' regels zijn') +
          ' afgekeurd. Verbeter ze en importeer opnieuw' + (counts ? ' (zonder fouten: ' + counts + ').' : '.')
        : 'Gecontroleerd, niets vastgelegd: ' + counts + '.'),
    errors.length ? table('Afgekeurde regels', [
      {title: 'Regel', value: e => String(e.line), num: true},
      {title: 'Kolom', value: e => e.field || 'hele regel'},
      {title: 'Wat er mis is', value: e => e.dutch || e.description},
    ], errors) : null,
  ];
}

function importPart() {
  const file = el('input', {type: 'file', accept: '.csv,text/csv'});
  const mode = el('select', {},
    el('option', {value: 'check'}, 'Alleen controleren (niets vastleggen)'),
    el('option', {value: 'all'}, 'Importeren als alle regels goed zijn'),
    el('option', {value: 'partial'}, 'De goede regels importeren, de foute overslaan'));
  const result = el('div', {'aria-live': 'polite'});
  const form = actionForm('Aanbieders importeren uit CSV', [
    {name: 'csv', label: 'CSV-bestand', input: file, hint: 'Het formaat van de export: puntkomma’s, eerste regel de kolomnamen.'},
    {name: 'mode', label: 'Wat te doen', input: mode},
  ], 'Importeren', async (f) => {
    const chosen = file.files && file.files[0];
    if (!chosen) throw new ApiError(400, {code: 'INVALID_ARGUMENT', fields: [{field: 'csv', description: 'Kies een CSV-bestand.'}]});
    const csv = toBase64(new Uint8Array(await chosen.arrayBuffer()));
    return change('registry.v1.ProviderRegistry/ImportProviders',
      {csv, validateOnly: mode.value === 'check', allowPartial: mode.value === 'partial'}, f.form, f.progress);
  }, (r) => {
    const [summary, errors] = importResult(r);
    result.replaceChildren(...(errors ? [errors] : []));
    return summary;
  });
  return [form, result];
}

export async function renderProviders() {
  show('Aanbieders', await section('Zoeken in het register', async () => searchPart()),
    await section('Importeren', async () => importPart()));
}
