// Jeugdzorg Plus inflow against the regional target (10% less a year from the baseline), for
// OZJT's contract managers: the region or one municipality, exact or as published outside OZJT
// (small counts suppressed by the service), the chart, the years, the quarters with their
// rolling four quarters, the providers, and the years as CSV for Dutch Excel.
import {
  call, decimal, downloadButton, el, errorBox, filterForm, link, idOf, municipalityName,
  municipalitySelect, section, select, show, table,
} from './core.js';

const JUDGEMENTS = {JUDGEMENT_ON_TRACK: 'op koers', JUDGEMENT_OFF_TRACK: 'niet op koers'};
const judged = (j) => JUDGEMENTS[j] || '';
// A figure as the service shows it ("72.90", "<5", "x"), with a decimal comma.
const shown = (f) => decimal((f && f.shown) || '');

const YEAR_COLUMNS = [
  ['Jaar', y => String(y.year)],
  ['Plaatsingen', y => shown(y.placements)],
  ['Jeugdigen', y => shown(y.youngPeople)],
  ['Spoedmachtigingen', y => shown(y.emergency)],
  ['Doel t.o.v. vorig jaar', y => shown(y.targetYearOnYear)],
  ['Verschil', y => shown(y.differenceYearOnYear)],
  ['Oordeel t.o.v. vorig jaar', y => judged(y.yearOnYear)],
  ['Doel cumulatief', y => shown(y.targetCumulative)],
  ['Verschil cumulatief', y => shown(y.differenceCumulative)],
  ['Oordeel cumulatief', y => judged(y.cumulative)],
  ['Aandeel spoed (%)', y => shown(y.emergencyShare)],
  ['Verandering (procentpunt)', y => shown(y.emergencyShareChange)],
];

const QUARTER_COLUMNS = [
  ['Kwartaal', q => q.year + '-K' + q.quarter],
  ['Plaatsingen', q => shown(q.placements)],
  ['Doel t.o.v. vorig jaar', q => shown(q.targetYearOnYear)],
  ['Oordeel', q => judged(q.yearOnYear)],
  ['Vier kwartalen', q => shown(q.rollingPlacements)],
  ['Doel vier kwartalen (cumulatief)', q => shown(q.rollingTargetCumulative)],
  ['Oordeel vier kwartalen', q => judged(q.rollingCumulative)],
];

const asTable = (caption, columns, rows, empty) => table(caption,
  columns.map(([title, read], i) => ({title, value: read, num: i > 0 && !title.startsWith('Oordeel')})), rows, empty);

// The years as CSV: ';', a byte order mark, decimal commas, the figures as shown.
function yearsCsv(report) {
  const lines = [YEAR_COLUMNS.map(([title]) => title), ...report.years.map(y => YEAR_COLUMNS.map(([, read]) => read(y)))];
  return '\uFEFF' + lines.map(l => l.map(v => /[";\r\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v).join(';'))
    .join('\r\n') + '\r\n';
}

async function reportPart() {
  const result = el('div', {'aria-live': 'polite'});
  const {form, run} = filterForm('jzplus', [
    {name: 'gemeente', label: 'Gemeente', input: municipalitySelect(), hint: 'Alle gemeenten: de regio.'},
    {name: 'publicatie', label: 'Cijfers', input: select([['exact', 'Exact (binnen OZJT)'],
      ['extern', 'Zoals bij publicatie: kleine aantallen afgeschermd']], 'exact')},
  ], 'Toon de instroom', async (v) => {
    result.replaceChildren(el('p', {class: 'muted'}, 'Laden…'));
    const q = {municipalityCode: v.gemeente, external: v.publicatie === 'extern'};
    try {
      const [report, chart] = await Promise.all([call('jzplus.v1.InflowService/GetInflowReport', q),
        call('jzplus.v1.InflowService/GetInflowChart', q)]);
      const where = v.gemeente ? municipalityName(v.gemeente) : 'de regio Twente';
      const fileName = 'jeugdzorg-plus-' + (v.gemeente ? municipalityName(v.gemeente).toLowerCase().replace(/\W+/g, '-') : 'twente') +
        (q.external ? '-publicatie' : '') + '.csv';
      result.replaceChildren(...[
        el('p', {}, 'Instroom van ' + where + ' tegen het doel van ' + report.reductionPercent + '% minder per jaar vanaf ' +
          report.baselineYear + '.' + (report.suppressed ? ' Kleine aantallen (1 tot en met 4) lezen "<5"; wat daaruit is berekend "x".' : '')),
        el('figure', {class: 'chart'},
          el('img', {src: 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(chart.svg),
            alt: 'Grafiek: instroom Jeugdzorg Plus per jaar voor ' + where + ' tegen het doelpad van ' +
              report.reductionPercent + '% minder per jaar.'})),
        downloadButton('Download de jaren als CSV (Excel)', async () => ({fileName, content: yearsCsv(report),
          said: 'Het bestand ' + fileName + ' is gedownload.'})),
        asTable('Per jaar', YEAR_COLUMNS, report.years || [], 'Nog geen instroom.'),
        asTable('Per kwartaal en over vier kwartalen', QUARTER_COLUMNS, report.quarters || [], 'Nog geen kwartalen.'),
        (report.providers || []).length ? table('Plaatsingen per aanbieder', [
          {title: 'Aanbieder', value: p => link('#/aanbieders/' + idOf(p.provider), p.providerName)},
          ...(report.providers[0].years || []).map((year, i) => ({title: String(year), value: p => String(p.placements[i] || 0), num: true})),
        ], report.providers) : null].filter(Boolean));
    } catch (e) {
      result.replaceChildren(errorBox(e));
    }
  });
  run();
  return [form, result];
}

export async function renderJzplus() {
  show('Jeugdzorg Plus: instroom', await section('Instroom tegen het doel', reportPart));
}
