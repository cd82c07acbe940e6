// The KPIs of doelgroepenvervoer on a contract's page: the norms of the lot (set by contract
// managers), the norms missed last quarter (a framework shows its lots'), the measurements newest
// period first and the form to record one.
import {
  actionForm, call, change, el, errorBox, idOf, kpiValue, label, link, measuredFor, section, select, stamp,
  table,
} from './core.js';

const KPI_KINDS = ['PUNCTUALITY', 'RIDE_TIME', 'DETOUR', 'COMPLAINTS', 'SATISFACTION'].map(k => 'KPI_KIND_' + k);

async function definitionsSection(name, writer) {
  const list = el('div');
  const load = async () => {
    try {
      const r = await call('contracts.v1.VervoerService/ListKpiDefinitions', {contract: name});
      list.replaceChildren(table('Normen per KPI', [
        {title: 'KPI', value: d => label(d.kind)},
        {title: 'Norm', value: d => label(d.direction) + ' ' + kpiValue(d.kind, d.norm), num: true},
        {title: 'Wat wordt gemeten', value: d => d.description},
      ], r.definitions || [], 'Nog geen normen voor dit contract.'));
    } catch (e) { list.replaceChildren(errorBox(e)); }
  };
  load();
  if (!writer) return el('section', {}, el('h2', {}, 'KPI-normen'), list);
  const kind = select([['', 'Kies een KPI'], ...KPI_KINDS.map(k => [k, label(k)])], '');
  const norm = el('input', {type: 'text', inputmode: 'decimal', autocomplete: 'off'});
  const direction = select([['NORM_DIRECTION_AT_LEAST', label('NORM_DIRECTION_AT_LEAST')],
    ['NORM_DIRECTION_AT_MOST', label('NORM_DIRECTION_AT_MOST')]], 'NORM_DIRECTION_AT_LEAST');
  const description = el('input', {type: 'text', autocomplete: 'off'});
  const form = actionForm('Norm vastleggen of vervangen', [
    {name: 'definition.kind', label: 'KPI', input: kind},
    {name: 'definition.norm', label: 'Norm', input: norm, hint: 'Met een komma, bijv. 95,00 (procent) of 1,50 (klachten per 1.000 ritten).'},
    {name: 'definition.direction', label: 'Richting', input: direction, hint: 'Klachten: maximaal; de rest: minimaal.'},
    {name: 'definition.description', label: 'Wat wordt gemeten', input: description},
  ], 'Norm opslaan', (f) => change('contracts.v1.VervoerService/SetKpiDefinition', {definition: {
    contract: name, kind: kind.value || 'KPI_KIND_UNSPECIFIED', norm: norm.value.trim().replace(/\s*%$/, '').replace(',', '.'),
    direction: direction.value, description: description.value.trim()}}, f.form, f.progress), load);
  return el('section', {}, el('h2', {}, 'KPI-normen'), list, form);
}

export async function vervoerSections(c, writer) {
  const name = c.name;
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
    // The service picks the quarter before its today.
    const r = await call('contracts.v1.VervoerService/ListKpiBreaches', {contract: name});
    const period = r.period;
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
  return [await definitionsSection(name, writer), breaches,
    el('section', {}, el('h2', {}, 'KPI-metingen'), form, measurements)];
}
