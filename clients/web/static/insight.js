// Contract management information from the municipalities' iJw/iWmo message traffic: per
// quarter and municipality (or the region) per contract, provider and product the clients,
// allocations, volume, spend and waiting times, and the claim lines at another price than the
// contract's. OZJT's page (every municipality and the region, exact) and the municipal
// overview's part (the own municipality; small counts suppressed by the service).
import {
  actionForm, call, downloadButton, el, errorBox, filterForm, idOf, link, money, municipalityName,
  municipalitySelect, parseDutchDay, parseEuro, providerField, refuse, section, select, show, state, table,
} from './core.js';

// The eight latest quarters, newest first, as [code, text]; the default is the last one that
// has ended.
export function quarterOptions(now = new Date()) {
  let year = now.getFullYear();
  let quarter = Math.floor(now.getMonth() / 3) + 1;
  const out = [];
  for (let i = 0; i < 8; i++) {
    out.push([year + '-K' + quarter, quarter + 'e kwartaal ' + year + (i === 0 ? ' (loopt nog)' : '')]);
    if (--quarter === 0) { quarter = 4; year--; }
  }
  return out;
}

const count = (c) => (c && c.shown) || '0';
const hidden = (r, text) => (r.suppressed ? 'x' : text);
const number = (v) => new Intl.NumberFormat('nl-NL', {maximumFractionDigits: 1}).format(Number(v || 0));
const volumes = (r) => hidden(r, (r.volumes || []).map(v =>
  number(v.allocated) + ' / ' + number(v.delivered) + ' ' + v.unitName).join('; ') || '-');
const waits = (r) => hidden(r, r.starts ? r.waitMedianDays + ' / ' + r.waitP80Days + ' dagen' : '-');
const withinNorm = (r) => hidden(r, r.starts ? r.withinNorm + ' van ' + r.starts + ' (norm ' + r.normDays + ' dagen)' : '-');
const product = (r) => (r.law === 'wmo' ? 'Wmo ' : 'Jeugdwet ') + r.productCategory + (r.productCode ? ' ' + r.productCode : '');
const providerOf = (r) => r.provider ? link('#/aanbieders/' + idOf(r.provider), r.providerName) : 'AGB ' + r.agbCode;
const contractOf = (r, links) => !r.contract ? 'geen contract'
  : links ? link('#/contracten/' + idOf(r.contract), r.contractReference) : r.contractReference;

// The columns of a row (and of the total, which has no contract, provider or product).
function columns(links) {
  return [
    {title: 'Contract', value: r => contractOf(r, links)},
    {title: 'Aanbieder', value: providerOf},
    {title: 'Product', value: product},
    ...totalColumns(),
  ];
}
function totalColumns() {
  return [
    {title: 'Cliënten', value: r => count(r.clientsAllocated), num: true},
    {title: 'Toewijzingen', value: r => count(r.allocations), num: true},
    {title: 'Niet gestart', value: r => count(r.notStarted), num: true},
    {title: 'Volume toegewezen / geleverd', value: volumes},
    {title: 'Gedeclareerd', value: r => hidden(r, money(r.declaredCents || 0)), num: true},
    {title: 'Toegekend', value: r => hidden(r, money(r.grantedCents || 0)), num: true},
    {title: 'Afgewezen', value: r => hidden(r, money(r.rejectedCents || 0)), num: true},
    {title: 'Nog open', value: r => hidden(r, money(r.pendingCents || 0)), num: true},
    {title: 'Wachttijd mediaan / P80', value: waits},
    {title: 'Binnen de norm', value: withinNorm},
    {title: 'Afwijkende tarieven', value: r => hidden(r, String(r.tariffDeviations || 0)), num: true},
  ];
}

const DEVIATION_COLUMNS = [
  {title: 'Contract', value: d => link('#/contracten/' + idOf(d.contract), d.contractReference)},
  {title: 'Aanbieder', value: d => d.providerName || 'AGB ' + d.agbCode},
  {title: 'Declaratie / regel', value: d => d.claimNumber + ' / ' + d.reference},
  {title: 'Product', value: product},
  {title: 'Periode', value: d => d.periodFrom.split('-').reverse().join('-') + ' t/m ' + d.periodTo.split('-').reverse().join('-')},
  {title: 'Volume', value: d => String(d.volume), num: true},
  {title: 'Gedeclareerd tarief', value: d => money(d.tariffCents), num: true},
  {title: 'Contracttarief', value: d => money(d.contractTariffCents), num: true},
  {title: 'Effect', value: d => money(d.effectCents), num: true},
  {title: 'Afgewezen', value: d => d.rejected ? 'ja' : 'nee'},
];

// The rows as CSV for Dutch Excel: ';', a byte order mark, amounts with a decimal comma.
function figuresCsv(r) {
  const cells = (row) => [row.contractReference || 'geen contract', row.providerName || 'AGB ' + row.agbCode,
    product(row), count(row.clientsAllocated), count(row.allocations), count(row.notStarted),
    hidden(row, ((row.declaredCents || 0) / 100).toFixed(2).replace('.', ',')),
    hidden(row, ((row.grantedCents || 0) / 100).toFixed(2).replace('.', ',')),
    hidden(row, ((row.rejectedCents || 0) / 100).toFixed(2).replace('.', ',')),
    hidden(row, ((row.pendingCents || 0) / 100).toFixed(2).replace('.', ',')),
    hidden(row, row.starts ? String(row.waitMedianDays) : ''), hidden(row, row.starts ? String(row.waitP80Days) : '')];
  const lines = [['Contract', 'Aanbieder', 'Product', 'Cliënten', 'Toewijzingen', 'Niet gestart', 'Gedeclareerd (euro)',
    'Toegekend (euro)', 'Afgewezen (euro)', 'Nog open (euro)', 'Wachttijd mediaan (dagen)', 'Wachttijd P80 (dagen)'],
  ...(r.rows || []).map(cells)];
  return '\uFEFF' + lines.map(l => l.map(v => /[";\r\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v).join(';'))
    .join('\r\n') + '\r\n';
}

// The figures of one quarter for a municipality ('' the region) as page parts.
export async function figuresParts(quarter, municipality, links) {
  const r = await call('insight.v1.InsightService/GetQuarterFigures', {municipalityCode: municipality, quarter});
  const where = r.municipalityCode ? municipalityName(r.municipalityCode) : 'de regio Twente';
  const fileName = 'contractinformatie-' + (r.municipalityCode ? where.toLowerCase().replace(/\W+/g, '-') : 'twente') +
    '-' + quarter.toLowerCase() + '.csv';
  return [
    el('p', {}, 'Cijfers van ' + where + ' over ' + quarter + ', uit de berichten iJw en iWmo. Wachttijd: van de toewijzing tot de start van de zorg.' +
      (r.suppressed ? ' Aantallen van 1 tot en met 4 lezen "<5"; bedragen, volumes en wachttijden van zo\'n regel "x", en dan het hele totaal ook.' : '')),
    table('Totaal', totalColumns(), [r.total || {}]),
    downloadButton('Download de regels als CSV (Excel)', async () => ({fileName, content: figuresCsv(r),
      said: 'Het bestand ' + fileName + ' is gedownload.'})),
    table('Per contract, aanbieder en product', columns(links), r.rows || [], 'Geen berichten over dit kwartaal.'),
    r.suppressed ? null : table('Declaratieregels met een ander tarief dan het contract' +
      (r.deviationsTotal > (r.deviations || []).length ? ' (de eerste ' + r.deviations.length + ' van ' + r.deviationsTotal + ')' : ''),
    DEVIATION_COLUMNS, r.deviations || [], 'Geen afwijkende tarieven.'),
  ].filter(Boolean);
}

// The form (a quarter; for OZJT also a municipality) and its result.
function figuresPart(municipal) {
  const result = el('div', {'aria-live': 'polite'});
  const quarters = quarterOptions();
  const fields = [{name: 'kwartaal', label: 'Kwartaal', input: select(quarters, quarters[1][0])}];
  if (!municipal) {
    fields.push({name: 'gemeente', label: 'Gemeente', input: municipalitySelect(), hint: 'Alle gemeenten: de regio.'});
  }
  const {form, run} = filterForm(municipal ? 'gemeente-contractinformatie' : 'contractinformatie', fields,
    'Toon de cijfers', async (v) => {
      result.replaceChildren(el('p', {class: 'muted'}, 'Laden…'));
      try {
        result.replaceChildren(...await figuresParts(v.kwartaal,
          municipal ? state.session.municipality || '' : v.gemeente, !municipal));
      } catch (e) {
        result.replaceChildren(errorBox(e));
      }
    });
  run();
  return [form, result];
}

// ---- reports: a quarter or half year as PDF, CSV and SVG (the service suppresses) ----

// The eight latest quarters and four latest half years, as [code, text].
function periodOptions(now = new Date()) {
  const halves = [];
  let year = now.getFullYear();
  let half = now.getMonth() < 6 ? 1 : 2;
  for (let i = 0; i < 4; i++) {
    halves.push([year + '-H' + half, half + 'e halfjaar ' + year + (i === 0 ? ' (loopt nog)' : '')]);
    if (--half === 0) { half = 2; year--; }
  }
  return [...quarterOptions(now), ...halves];
}

const FORMATS = [['REPORT_FORMAT_PDF', 'PDF (voor de managers)', 'application/pdf'],
  ['REPORT_FORMAT_CSV', 'CSV (Excel)', 'text/csv;charset=utf-8'], ['REPORT_FORMAT_SVG', 'SVG (grafiek)', 'image/svg+xml']];
const bytesOf = (base64) => Uint8Array.from(atob(base64 || ''), c => c.charCodeAt(0));

function reportPart(municipal) {
  const result = el('div', {'aria-live': 'polite'});
  const periods = periodOptions();
  const fields = [{name: 'periode', label: 'Periode', input: select(periods, periods[1][0])}];
  if (!municipal) {
    fields.push({name: 'gemeente', label: 'Gemeente', input: municipalitySelect(), hint: 'Alle gemeenten: de regio.'});
    fields.push({name: 'extern', label: 'Cijfers', input: select([['', 'Exact (voor OZJT)'],
      ['extern', 'Voor extern gebruik: kleine aantallen afgeschermd']], '')});
  }
  const {form, run} = filterForm(municipal ? 'gemeente-rapportage' : 'rapportage', fields, 'Toon de rapportage', async (v) => {
    result.replaceChildren(el('p', {class: 'muted'}, 'Laden…'));
    const ask = (format) => call('insight.v1.InsightService/GetReport', {period: v.periode, format,
      municipalityCode: municipal ? state.session.municipality || '' : v.gemeente, external: v.extern === 'extern'});
    try {
      const chart = await ask('REPORT_FORMAT_SVG');
      const svg = new TextDecoder().decode(bytesOf(chart.content));
      result.replaceChildren(
        el('figure', {class: 'chart'}, el('img', {src: 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svg),
          alt: 'Grafiek: toegekende en nog openstaande declaraties per contract, aanbieder en product.'}),
        el('figcaption', {class: 'muted'}, chart.suppressed
          ? 'Kleine aantallen (1 tot en met 4) zijn afgeschermd; van zulke regels staan geen bedragen in de grafiek.'
          : 'Toegekend en nog open per contract, aanbieder en product.')),
        ...FORMATS.map(([format, text, type]) => downloadButton('Download als ' + text, async () => {
          const f = await ask(format);
          return {fileName: f.fileName, content: bytesOf(f.content), type,
            said: 'Het bestand ' + f.fileName + ' is gedownload.'};
        })));
    } catch (e) {
      result.replaceChildren(errorBox(e));
    }
  });
  run();
  return [form, result];
}

// ---- spending ceilings (bestedingsruimte, Contractstandaard art. 1.5) ----

const isoToDutch = (iso) => (iso ? iso.split('-').reverse().join('-') : '');
// "14-09-2027" as the service reads a day ("2027-09-14"); an error on `field` otherwise.
function isoDay(text, field, errors, required) {
  const t = (text || '').trim();
  if (!t && !required) return '';
  const d = parseDutchDay(t);
  if (!d) {
    errors.push({field, description: 'Schrijf de datum als dd-mm-jjjj, bijv. 01-01-2027.'});
    return '';
  }
  return d.year + '-' + String(d.month).padStart(2, '0') + '-' + String(d.day).padStart(2, '0');
}

const signals = (c) => [c.seventyPercent ? '70% besteed' : '', c.forecastOverrun ? 'prognose boven de ruimte' : '']
  .filter(Boolean).join('; ') || '-';
const steps = (c) => [c.notifiedOn ? 'melding ' + isoToDutch(c.notifiedOn) : '',
  c.consultedOn ? 'overleg ' + isoToDutch(c.consultedOn) : '', c.decidedOn ? 'besluit ' + isoToDutch(c.decidedOn) : '']
  .filter(Boolean).join(', ') || '-';
const nextClock = (c) => {
  const today = new Date().toISOString().slice(0, 10);
  const next = (c.clocks || []).find(k => k.due >= today);
  return next ? isoToDutch(next.due) + ': ' + next.summary : '-';
};

const CEILING_COLUMNS = [
  {title: 'Nr', value: c => idOf(c.name), num: true},
  {title: 'Gemeente', value: c => c.municipalityName},
  {title: 'Contract', value: c => link('#/contracten/' + idOf(c.contract), c.contractReference)},
  {title: 'Aanbieder', value: c => c.providerName},
  {title: 'Vanaf', value: c => isoToDutch(c.startsOn)},
  {title: 'Ruimte', value: c => money(c.amountCents || 0), num: true},
  {title: 'Besteed', value: c => money(c.spentCents || 0) + ' (' + (c.usedPercent || 0) + '%)', num: true},
  {title: 'Prognose', value: c => money(c.forecastCents || 0), num: true},
  {title: 'Signaal', value: signals},
  {title: 'Stappen', value: steps},
  {title: 'Volgende termijn', value: nextClock},
];

// The forms of an OZJT contract manager: set a ceiling, record a step.
async function ceilingForms(reload) {
  const contracts = await call('contracts.v1.ContractService/ListContracts', {pageSize: 500}).catch(() => ({}));
  const contract = select([['', 'Kies een contract'], ...(contracts.contracts || [])
    .map(c => [c.name, c.reference + ' ' + c.title])], '');
  const provider = await providerField();
  const municipality = select(Object.entries(state.municipalities)
    .sort((a, b) => a[1].localeCompare(b[1], 'nl')), '');
  const year = el('input', {type: 'text', inputmode: 'numeric', value: String(new Date().getFullYear() + 1)});
  const amount = el('input', {type: 'text', autocomplete: 'off'});
  const starts = el('input', {type: 'text', autocomplete: 'off'});
  const set = actionForm('Bestedingsruimte vastleggen', [
    {name: 'contract', label: 'Contract', input: contract},
    Object.assign(provider, {name: 'provider'}),
    {name: 'municipality_code', label: 'Gemeente', input: municipality},
    {name: 'year', label: 'Jaar', input: year},
    {name: 'amount_cents', label: 'Bedrag (euro)', input: amount, hint: 'Bijv. 250.000,00.'},
    {name: 'starts_on', label: 'Ingangsdatum (dd-mm-jjjj)', input: starts, hint: 'Leeg: 1 januari.'},
  ], 'Bestedingsruimte vastleggen', async () => {
    const errors = [];
    const cents = parseEuro(amount.value);
    if (!contract.value) errors.push({field: 'contract', description: 'Kies een contract.'});
    if (cents === null) errors.push({field: 'amount_cents', description: 'Schrijf een bedrag, bijv. 250.000,00.'});
    if (!/^\d{4}$/.test(year.value.trim())) errors.push({field: 'year', description: 'Schrijf een jaar, bijv. 2027.'});
    const startsOn = isoDay(starts.value, 'starts_on', errors, false);
    const chosen = provider.read(provider.input.value);
    if (chosen.error || !chosen.value) errors.push({field: 'provider', description: chosen.error || 'Kies een aanbieder.'});
    refuse(errors);
    return call('insight.v1.InsightService/SetSpendingCeiling', {contract: contract.value, provider: chosen.value,
      municipalityCode: municipality.value, year: Number(year.value.trim()), amountCents: cents, startsOn});
  }, reload);
  const id = el('input', {type: 'text', inputmode: 'numeric'});
  const step = select([['CEILING_STEP_NOTIFIED', 'Schriftelijke melding aan de aanbieder'],
    ['CEILING_STEP_CONSULTED', 'Overleg gevoerd'], ['CEILING_STEP_DECIDED', 'Besluit over aanpassing']], 'CEILING_STEP_NOTIFIED');
  const date = el('input', {type: 'text', autocomplete: 'off'});
  const record = actionForm('Stap vastleggen (art. 1.5.7)', [
    {name: 'name', label: 'Nr van de bestedingsruimte', input: id},
    {name: 'step', label: 'Stap', input: step},
    {name: 'day', label: 'Datum (dd-mm-jjjj)', input: date},
  ], 'Stap vastleggen', async () => {
    const errors = [];
    if (!/^\d+$/.test(id.value.trim())) errors.push({field: 'name', description: 'Schrijf het nummer uit de lijst, bijv. 4.'});
    const dayText = isoDay(date.value, 'day', errors, true);
    refuse(errors);
    return call('insight.v1.InsightService/RecordCeilingStep',
      {name: 'spendingCeilings/' + id.value.trim(), step: step.value, day: dayText});
  }, reload);
  return [set, provider.extra, record];
}

// The ceilings of a year (OZJT: every municipality or one; municipal: their own) and, for
// those who may, the forms.
function ceilingsPart(municipal) {
  const result = el('div', {'aria-live': 'polite'});
  const now = new Date().getFullYear();
  const years = [now + 1, now, now - 1].map(y => [String(y), String(y)]);
  const fields = [{name: 'jaar', label: 'Jaar', input: select(years, String(now))}];
  if (!municipal) {
    fields.push({name: 'gemeente', label: 'Gemeente', input: municipalitySelect(), hint: 'Alle gemeenten: de regio.'});
  }
  const {form, run} = filterForm(municipal ? 'gemeente-bestedingsruimte' : 'bestedingsruimte', fields,
    'Toon de bestedingsruimtes', async (v) => {
      result.replaceChildren(el('p', {class: 'muted'}, 'Laden…'));
      try {
        const r = await call('insight.v1.InsightService/ListSpendingCeilings',
          {year: Number(v.jaar), municipalityCode: municipal ? state.session.municipality || '' : v.gemeente});
        result.replaceChildren(table('Bestedingsruimtes ' + v.jaar, CEILING_COLUMNS, r.ceilings || [],
          'Geen bestedingsruimtes in dit jaar.'));
      } catch (e) {
        result.replaceChildren(errorBox(e));
      }
    });
  run();
  return [el('p', {}, 'Besteed: toegekende en nog openstaande declaraties sinds de ingangsdatum. Prognose: besteed ' +
    'plus de waarde van de lopende toewijzingen tot 31 december (volume x contracttarief). Signalen bij 70% besteed ' +
    'en bij een prognose boven de ruimte: dan meldt de gemeente het schriftelijk, volgt binnen 2 weken overleg en ' +
    'binnen 2 weken daarna het besluit (art. 1.5.7).'), form, result];
}

export async function renderInsight() {
  const writer = ['ozjt_contract_manager', 'admin'].includes(state.session.role);
  const reload = () => renderInsight();
  show('Contractmanagementinformatie',
    await section('Volume, uitgaven en wachttijden per kwartaal', async () => figuresPart(false)),
    await section('Rapportage per kwartaal of halfjaar', async () => reportPart(false)),
    await section('Bestedingsruimte (art. 1.5)', async () => [
      ...ceilingsPart(false), ...(writer ? await ceilingForms(reload) : [])]));
}

// The municipal overview's part: the own municipality, by default its last quarter that has ended.
export function municipalInsight() {
  return section('Contractinformatie: volume, uitgaven en wachttijden', async () => figuresPart(true));
}

// The municipal overview's report of the own municipality.
export function municipalReport() {
  return section('Rapportage contractinformatie per kwartaal of halfjaar', async () => reportPart(true));
}

// The municipal overview's ceilings of the own municipality.
export function municipalCeilings() {
  return section('Bestedingsruimte (art. 1.5)', async () => ceilingsPart(true));
}
