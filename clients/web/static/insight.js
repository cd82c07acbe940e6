// Contract management information from the municipalities' iJw/iWmo message traffic: per
// quarter and municipality (or the region) per contract, provider and product the clients,
// allocations, volume, spend and waiting times, and the claim lines at another price than the
// contract's. OZJT's page (every municipality and the region, exact) and the municipal
// overview's part (the own municipality; small counts suppressed by the service).
import {
  call, downloadButton, el, errorBox, filterForm, idOf, link, money, municipalityName,
  municipalitySelect, section, select, show, state, table,
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
      (r.suppressed ? ' Aantallen van 1 tot en met 4 lezen "<5"; bedragen, volumes en wachttijden van zo\'n regel (en dan ook van het totaal) "x".' : '')),
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

export async function renderInsight() {
  show('Contractmanagementinformatie', await section('Volume, uitgaven en wachttijden per kwartaal',
    async () => figuresPart(false)));
}

// The municipal overview's part: the own municipality, by default its last quarter that has ended.
export function municipalInsight() {
  return section('Contractinformatie: volume, uitgaven en wachttijden', async () => figuresPart(true));
}
