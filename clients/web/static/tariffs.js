// Tariffs and indexation of one contract, for OZJT's contract managers: every tariff line with
// its history (valid from/to, price level, below the floor), adding a line (or one that replaces
// another), the published index figures, and the annual indexation: the preview as the service
// computes it (components, corrections, every line old -> new with its rounding, floors flagged)
// and its approval with the index that was previewed.
import {
  ApiError, actionForm, alertBox, call, change, day, decimal, el, errorBox, idOf, label, link, money,
  parseDutchDay, parseEuro, section, select, show, table,
} from './core.js';

const LAWS = ['TARIFF_LAW_JEUGDWET', 'TARIFF_LAW_WMO'];
const VARIANTS = ['VARIANT_INSPANNINGSGERICHT', 'VARIANT_OUTPUTGERICHT', 'VARIANT_TAAKGERICHT'];
const LABELS = {
  TARIFF_LAW_JEUGDWET: 'Jeugdwet', TARIFF_LAW_WMO: 'Wmo',
  VARIANT_INSPANNINGSGERICHT: 'Inspanningsgericht', VARIANT_OUTPUTGERICHT: 'Outputgericht',
  VARIANT_TAAKGERICHT: 'Taakgericht', FIGURE_KIND_FORECAST: 'Voorlopig', FIGURE_KIND_FINAL: 'Definitief',
};
const name = (code) => LABELS[code] || label(code);
const percent = (text) => text ? decimal(text) + '%' : '';

// A percentage typed with a comma or a point ("4,94", "-1.5", "5 %") as the service reads it.
function percentText(text) {
  const t = (text || '').trim().replace(/\s*%$/, '').replace(',', '.');
  return /^-?\d{1,3}(\.\d{1,2})?$/.test(t) ? t : null;
}

// The rounding of an indexed line, as the service does it: old x (1 + index/100), half up to
// whole cents. "€ 30,50 × 1,0630 = € 32,42150 → € 32,42".
export function rounding(oldCents, indexPercent, newCents) {
  const [whole, frac = ''] = indexPercent.replace('-', '').split('.');
  const bp = BigInt(whole) * 100n + BigInt(frac.padEnd(2, '0'));
  const factor = 10000n + (indexPercent.startsWith('-') ? -bp : bp);  // 1.0630 as 10630
  const exact = BigInt(oldCents) * factor;                          // in 1/10000 cent
  const euros = exact / 1000000n;
  const rest = (exact % 1000000n).toString().padStart(6, '0').replace(/0{1,4}$/, '');
  const f = factor.toString();
  return money(oldCents) + ' × ' + f.slice(0, -4) + ',' + f.slice(-4) + ' = € ' +
    euros.toLocaleString('nl-NL') + ',' + rest.padEnd(2, '0') + ' → ' + money(newCents);
}

function linesTable(lines) {
  return table('Tariefregels met hun geschiedenis', [
    {title: 'Product', value: t => t.productCode},
    {title: 'Omschrijving', value: t => t.description},
    {title: 'Wet', value: t => name(t.law)},
    {title: 'Eenheid', value: t => t.unit},
    {title: 'Tarief', value: t => money(t.amountCents), num: true},
    {title: 'Prijspeil', value: t => String(t.indexYear || '')},
    {title: 'Geldig', value: t => day(t.validFrom) + (t.validTo && t.validTo.year ? ' t/m ' + day(t.validTo) : ' (lopend)')},
    {title: 'Reële prijs', value: t => t.belowFloor ? el('strong', {class: 'late'}, 'onder de ondergrens') : ''},
  ], lines, 'Nog geen tariefregels.');
}

function lineForm(contract, lines, done) {
  const current = lines.filter(t => !(t.validTo && t.validTo.year));
  const inputs = {
    law: select([['', 'Kies een wet'], ...LAWS.map(l => [l, name(l)])], ''),
    variant: select([['', 'Kies een variant'], ...VARIANTS.map(v => [v, name(v)])], ''),
    product_category: el('input', {type: 'text', autocomplete: 'off'}),
    product_code: el('input', {type: 'text', autocomplete: 'off'}),
    description: el('input', {type: 'text', autocomplete: 'off'}),
    unit: el('input', {type: 'text', autocomplete: 'off'}),
    amount_cents: el('input', {type: 'text', inputmode: 'decimal', autocomplete: 'off'}),
    valid_from: el('input', {type: 'text', autocomplete: 'off'}),
    supersedes: select([['', 'Geen (een nieuw product)'], ...current.map(t =>
      [t.name, t.productCode + ' ' + t.description + ' (' + money(t.amountCents) + ')'])], ''),
  };
  const fields = [
    ['law', 'Wet'], ['variant', 'Uitvoeringsvariant'],
    ['product_category', 'Productcategorie', 'iJw/iWmo-categorie, bijv. 45 of 04.'],
    ['product_code', 'Productcode', 'Bijv. 45A12.'], ['description', 'Omschrijving'],
    ['unit', 'Eenheid', 'Code van de eenheid (WJ756), bijv. 04 voor uur.'],
    ['amount_cents', 'Tarief (euro)', 'Bijv. 61,50.'], ['valid_from', 'Geldig vanaf (dd-mm-jjjj)'],
    ['supersedes', 'Vervangt', 'De vervangen regel sluit de dag voor de nieuwe begint.'],
  ];
  return actionForm('Tariefregel toevoegen', fields.map(([f, text, hint]) => ({name: 'line.' + f, label: text, hint, input: inputs[f]})),
    'Tariefregel opslaan', (f) => {
      const errors = [];
      const cents = parseEuro(inputs.amount_cents.value);
      if (cents === null) errors.push({field: 'line.amount_cents', description: 'Schrijf een bedrag in euro, bijv. 61,50.'});
      const from = parseDutchDay(inputs.valid_from.value);
      if (!from) errors.push({field: 'line.valid_from', description: 'Schrijf de datum als dd-mm-jjjj, bijv. 01-01-2027.'});
      if (errors.length) throw new ApiError(400, {code: 'INVALID_ARGUMENT', fields: errors});
      return change('contracts.v1.TariffService/CreateTariffLine', {line: {
        contract, law: inputs.law.value || 'TARIFF_LAW_UNSPECIFIED', variant: inputs.variant.value || 'VARIANT_UNSPECIFIED',
        productCategory: inputs.product_category.value.trim(), productCode: inputs.product_code.value.trim(),
        description: inputs.description.value.trim(), unit: inputs.unit.value.trim(), amountCents: cents,
        validFrom: from, supersedes: inputs.supersedes.value,
      }}, f.form, f.progress);
    }, done);
}

function figuresPart(done) {
  const component = el('input', {type: 'text', autocomplete: 'off'});
  const year = el('input', {type: 'text', inputmode: 'numeric', autocomplete: 'off'});
  const kind = select([['', 'Kies voorlopig of definitief'], ['FIGURE_KIND_FORECAST', 'Voorlopig'], ['FIGURE_KIND_FINAL', 'Definitief']], '');
  const value = el('input', {type: 'text', inputmode: 'decimal', autocomplete: 'off'});
  return actionForm('Indexcijfer vastleggen', [
    {name: 'figure.component', label: 'Component', input: component, hint: 'OVA, PCC of een cao-index (CAO-...).'},
    {name: 'figure.year', label: 'Jaar', input: year},
    {name: 'figure.kind', label: 'Soort cijfer', input: kind},
    {name: 'figure.percent', label: 'Percentage', input: value, hint: 'Met een komma, bijv. 4,94.'},
  ], 'Indexcijfer opslaan', (f) => {
    const p = percentText(value.value);
    if (p === null) {
      throw new ApiError(400, {code: 'INVALID_ARGUMENT', fields: [{field: 'figure.percent',
        description: 'Schrijf een percentage met hoogstens 2 decimalen, bijv. 4,94.'}]});
    }
    return change('contracts.v1.TariffService/CreateIndexFigure', {figure: {
      component: component.value.trim().toUpperCase(), year: Number(year.value.trim()) || 0,
      kind: kind.value || 'FIGURE_KIND_UNSPECIFIED', percent: p}}, f.form, f.progress);
  }, () => { component.value = ''; year.value = ''; kind.value = ''; value.value = ''; done(); });
}

function previewView(p) {
  return [
    el('p', {}, (p.applied ? 'Toegepast: de nieuwe tarieven gelden vanaf 01-01-' : 'Voorstel: de nieuwe tarieven gelden vanaf 01-01-') +
      p.year + '. Index ' + percent(p.indexPercent) + ' = gewogen prognose ' + percent(p.weightedForecast) +
      (p.firstYear ? ' (eerste contractjaar: alleen de prognose).' : ' + gewogen correctie ' + percent(p.weightedCorrection) + '.')),
    table('Componenten van de index', [
      {title: 'Component', value: c => c.component},
      {title: 'Gewicht', value: c => c.weightPercent + '%', num: true},
      {title: 'Prognose ' + p.year, value: c => percent(c.forecast), num: true},
      {title: 'Prognose vorig jaar', value: c => percent(c.previousForecast), num: true},
      {title: 'Definitief vorig jaar', value: c => percent(c.previousFinal), num: true},
      {title: 'Correctie', value: c => percent(c.correction), num: true},
    ], p.components || []),
    table('Tariefregels oud en nieuw', [
      {title: 'Product', value: l => l.productCode},
      {title: 'Omschrijving', value: l => l.description},
      {title: 'Oud', value: l => money(l.oldAmountCents), num: true},
      {title: 'Nieuw', value: l => money(l.newAmountCents), num: true},
      {title: 'Afronding', value: l => rounding(l.oldAmountCents, p.indexPercent, l.newAmountCents)},
      {title: 'Reële prijs', value: l => l.belowFloor ? el('strong', {class: 'late'}, 'onder de ondergrens') : 'in orde'},
    ], p.lines || [], 'Geen tariefregels om te indexeren.'),
    (p.warnings || []).length ? el('ul', {class: 'warnings'}, p.warnings.map(w => el('li', {}, w))) : null,
  ];
}

function indexationPart(contract, done) {
  const year = el('input', {type: 'text', inputmode: 'numeric', autocomplete: 'off', id: 'indexatie-jaar'});
  const result = el('div', {'aria-live': 'polite'});
  const form = el('form', {class: 'filters', onsubmit: async (ev) => {
    ev.preventDefault();
    result.replaceChildren(el('p', {class: 'muted'}, 'Berekenen…'));
    try {
      const p = await call('contracts.v1.TariffService/PreviewIndexation', {contract, year: Number(year.value.trim()) || 0});
      const approve = actionForm('Indexatie goedkeuren', [], 'Keur goed en pas toe (index ' + percent(p.indexPercent) + ')',
        (f) => change('contracts.v1.TariffService/ApplyIndexation',
          {contract, year: p.year, expectedIndexPercent: p.indexPercent}, f.form, f.progress),
        (applied) => { result.replaceChildren(...previewView(applied)); done(); });
      // Nothing to approve for a year indexed already.
      result.replaceChildren(...previewView(p), p.applied ? el('p', {class: 'notice', role: 'status'},
        'De indexatie voor ' + p.year + ' is al toegepast; er is niets meer goed te keuren.') : approve);
    } catch (e) {
      result.replaceChildren(e.fields && e.fields.length ? alertBox(e.fields.map(v => v.description).join(' ')) : errorBox(e));
    }
  }}, el('div', {}, el('label', {for: year.id}, 'Jaar van de nieuwe tarieven'), year),
  el('button', {type: 'submit'}, 'Bekijk de indexatie'));
  return [el('p', {}, 'De service rekent de index uit de vastgelegde indexcijfers en de gewichten van het contract; ',
    'goedkeuren legt nieuwe tariefregels vast vanaf 1 januari, alleen als de index nog dezelfde is.'), form, result];
}

export async function renderTariffs(id) {
  const contract = 'contracts/' + id;
  let c;
  try {
    c = await call('contracts.v1.ContractService/GetContract', {name: contract});
  } catch (e) {
    return show('Tarieven', errorBox(e), el('p', {}, link('#/contracten', 'Naar het contractregister')));
  }
  const lines = el('div');
  const figures = el('div');
  const loadLines = async () => {
    try {
      const r = await call('contracts.v1.TariffService/ListTariffLines', {contract});
      lines.replaceChildren(linesTable(r.lines || []), lineForm(contract, r.lines || [], loadLines));
    } catch (e) { lines.replaceChildren(errorBox(e)); }
  };
  const loadFigures = async () => {
    try {
      const r = await call('contracts.v1.TariffService/ListIndexFigures', {});
      figures.replaceChildren(table('Gepubliceerde indexcijfers', [
        {title: 'Component', value: f => f.component},
        {title: 'Jaar', value: f => String(f.year)},
        {title: 'Soort', value: f => name(f.kind)},
        {title: 'Percentage', value: f => percent(f.percent), num: true},
      ], r.figures || [], 'Nog geen indexcijfers.'), figuresPart(loadFigures));
    } catch (e) { figures.replaceChildren(errorBox(e)); }
  };
  loadLines();
  loadFigures();
  const weights = (c.indexWeights || []).map(w => w.component + ' ' + w.weightPercent + '%').join(', ');
  show('Tarieven en indexatie: ' + c.reference,
    el('p', {}, link('#/contracten/' + idOf(c.name), c.reference + ': ' + c.title), ' · indexgewichten ' + weights +
      ' · prijspeil bij gunning ' + (c.indexBaseYear || '')),
    await section('Indexatie', async () => indexationPart(contract, loadLines)),
    el('section', {}, el('h2', {}, 'Tariefregels'), lines),
    el('section', {}, el('h2', {}, 'Indexcijfers'), figures));
}
