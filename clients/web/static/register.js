// The contract register of OZJT's contract managers: search and filters (status, family,
// municipality, provider, ending within N months), the columns that matter, and the list as a
// CSV file for Dutch Excel (';', a byte order mark, decimal commas, dates dd-mm-jjjj).
import {
  FAMILIES, call, codeSelect, day, downloadButton, el, filterForm, idOf, label, link, money,
  municipalityName, municipalitySelect, pagedList, providerField, section, show,
} from './core.js';

const STATUSES = ['DRAFT', 'AWARDED', 'ACTIVE', 'EXPIRED', 'TERMINATED'].map(s => 'CONTRACT_STATUS_' + s);

// The last day to give notice for the next option not yet exercised; undefined when none.
export function nextNoticeDeadline(c) {
  const o = (c.options || []).find(x => !x.exercise);
  return o ? o.noticeDeadline : undefined;
}

function providerLinks(c) {
  const names = c.providerDisplayNames || [];
  return (c.providers || []).map((p, i) => [i ? ', ' : '', link('#/aanbieders/' + idOf(p), names[i] || 'aanbieder')]);
}

const COLUMNS = [
  {title: 'Kenmerk', value: c => link('#/contracten/' + idOf(c.name), c.reference)},
  {title: 'Titel', value: c => c.title},
  {title: 'Aanbieders', value: providerLinks},
  {title: 'Waarde per jaar', value: c => money(c.valueCents), num: true},
  {title: 'Looptijd', value: c => day(c.startDate) + ' t/m ' + day(c.endDate)},
  {title: 'Volgende aanzegdatum', value: c => day(nextNoticeDeadline(c)) || 'geen optie meer'},
  {title: 'Status', value: c => label(c.status)},
];

// One CSV field: quoted when it holds the separator, a quote or a line break.
function csvField(text) {
  const s = String(text === undefined || text === null ? '' : text);
  return /[";\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}
// Cents as Excel reads an amount in Dutch: 1234567 -> "12345,67" (no thousands separator).
function csvAmount(cents) {
  const n = BigInt(cents || 0);
  const sign = n < 0n ? '-' : '';
  const abs = n < 0n ? -n : n;
  return sign + (abs / 100n).toString() + ',' + (abs % 100n).toString().padStart(2, '0');
}

// The register as CSV: every contract the filters find (all pages).
export async function registerCsv(filter) {
  const rows = [['Kenmerk', 'Titel', 'Status', 'Soort', 'Aanbieders', 'Gemeenten',
    'Waarde per jaar (EUR)', 'Begindatum', 'Einddatum', 'Volgende aanzegdatum']];
  let pageToken = '';
  do {
    const r = await call('contracts.v1.ContractService/ListContracts', {filter, pageSize: 500, pageToken});
    for (const c of r.contracts || []) {
      rows.push([c.reference, c.title, label(c.status), label(c.family),
        (c.providerDisplayNames || []).join(', '),
        (c.participations || []).map(p => municipalityName(p.municipalityCode)).join(', '),
        csvAmount(c.valueCents), day(c.startDate), day(c.endDate), day(nextNoticeDeadline(c))]);
    }
    pageToken = r.nextPageToken || '';
  } while (pageToken);
  return '\uFEFF' + rows.map(r => r.map(csvField).join(';')).join('\r\n') + '\r\n';
}

async function registerSection() {
  const list = el('div');
  let filter = {};
  const months = el('input', {type: 'text', inputmode: 'numeric', autocomplete: 'off'});
  const {form, run} = filterForm('register', [
    {name: 'tekst', label: 'Kenmerk of titel', input: el('input', {type: 'search'})},
    {name: 'status', label: 'Status', input: codeSelect(STATUSES, 'Alle statussen')},
    {name: 'soort', label: 'Soort contract', input: codeSelect(FAMILIES, 'Alle soorten')},
    {name: 'gemeente', label: 'Gemeente', input: municipalitySelect()},
    await providerField(),
    {name: 'maanden', label: 'Eindigt binnen (maanden)', input: months, hint: 'Leeg: elke einddatum.',
      read: (text) => {
        const t = text.trim();
        if (!t) return {value: 0};
        return /^\d{1,3}$/.test(t) && +t >= 1 && +t <= 120 ? {value: +t}
          : {error: 'Vul een aantal maanden in van 1 tot en met 120, of laat het leeg.'};
      }},
  ], 'Zoeken', (v) => {
    filter = {text: v.tekst, status: v.status || undefined, family: v.soort || undefined,
      municipalityCode: v.gemeente, provider: v.aanbieder, endsWithinMonths: v.maanden};
    list.replaceChildren(pagedList('register', 'Contracten op kenmerk', COLUMNS, async (text, token) => {
      const r = await call('contracts.v1.ContractService/ListContracts', {filter, pageSize: 25, pageToken: token});
      return {rows: r.contracts || [], next: r.nextPageToken};
    }, null, 'Geen contracten met deze filters.'));
  });
  run();
  return [form, downloadButton('Download als CSV (Excel)', async () => ({fileName: 'contractregister.csv',
    content: await registerCsv(filter), said: 'Het bestand contractregister.csv is gedownload.'})), list];
}

export async function renderRegister() {
  show('Contractregister', await section('Contracten zoeken', registerSection));
}
