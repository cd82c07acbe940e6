// The start page of an OZJT contract manager: the agenda of every deadline (all
// municipalities), filtered by municipality, region, provider, contract family and kind, overdue
// items first, with the count per kind. Each row links to its subject.
import {
  FAMILIES, call, codeSelect, day, el, errorBox, filterForm, idOf, label, link, localPages,
  municipalitySelect, pagedList, providerField, section, select, show, state,
} from './core.js';

const KINDS = ['NOTICE_DEADLINE', 'CONTRACT_END', 'LEGAL_DEADLINE', 'TARIFF_BELOW_FLOOR',
  'RECOVERY_PLAN_DUE', 'EVIDENCE_DUE', 'SUPERVISION_ACTION', 'REINSPECTION', 'SUPERVISION_SIGNAL',
  'CALAMITY_MEASURES', 'SPENDING_CEILING'].map(k => 'AGENDA_KIND_' + k);

// google.type.Date -> a number to compare days by.
const ordinal = (d) => (d.year * 100 + d.month) * 100 + d.day;

// Every page of the agenda for these filters: {items, startDate, endDate, today}.
async function wholeAgenda(filters) {
  const all = {items: []};
  let pageToken = '';
  do {
    const page = await call('contracts.v1.ContractService/ListAgenda',
      Object.assign({pageSize: 1000, pageToken}, filters));
    all.items.push(...(page.items || []));
    Object.assign(all, {startDate: page.startDate, endDate: page.endDate, today: page.today});
    pageToken = page.nextPageToken || '';
  } while (pageToken);
  return all;
}

// Where a row leads: its contract, else the provider it concerns (the provider's page shows
// its continuity cases, KIT outcomes and supervision).
function subjectLink(i) {
  if (i.contract) return link('#/contracten/' + idOf(i.contract), i.contractReference);
  if (!i.providers || !i.providers.length) return '';
  const p = (state.providers || []).find(x => x.name === i.providers[0]);
  return link('#/aanbieders/' + idOf(i.providers[0]), p ? p.displayName : 'de aanbieder');
}

// The count per kind, as one line of labels (with how many are late).
function counts(items, overdue) {
  const kinds = KINDS.map(kind => ({
    kind,
    all: items.filter(i => i.kind === kind).length,
    late: items.filter(i => i.kind === kind && overdue(i)).length,
  })).filter(r => r.all);
  return el('ul', {class: 'counts', 'aria-label': 'Aantal per soort'}, kinds.map(r =>
    el('li', {}, label(r.kind) + ': ', el('strong', {}, String(r.all)),
      r.late ? el('span', {class: 'late'}, ' (' + r.late + ' te laat)') : null)));
}

function agendaList(agenda) {
  const today = ordinal(agenda.today);
  const overdue = (i) => ordinal(i.date) < today;
  // Overdue first (oldest first), then the rest in the agenda's order.
  const items = agenda.items.filter(overdue).concat(agenda.items.filter(i => !overdue(i)));
  const late = items.filter(overdue).length;
  return [
    el('p', {}, 'Van ' + day(agenda.startDate) + ' t/m ' + day(agenda.endDate) + ': ' +
      items.length + (items.length === 1 ? ' termijn' : ' termijnen') +
      (late ? ', waarvan ' + late + ' te laat (bovenaan)' : '') + '.'),
    counts(items, overdue),
    pagedList('agenda', 'Termijnen en deadlines, te laat eerst', [
      {title: 'Datum', value: i => overdue(i) ? [day(i.date), ' ', el('strong', {class: 'late'}, 'te laat')] : day(i.date)},
      {title: 'Soort', value: i => label(i.kind)},
      {title: 'Betreft', value: subjectLink},
      {title: 'Actie', value: i => i.summary},
    ], localPages(items, (i, t) => (i.contractReference + ' ' + i.summary).toLowerCase().includes(t)),
    'Zoek in de agenda', 'Geen termijnen met deze filters.'),
  ];
}

async function agendaSection() {
  const result = el('div', {'aria-live': 'polite'});
  let today = null;
  const regions = await call('registry.v1.ReferenceData/ListRegions', {}).catch(() => ({regions: []}));
  const provider = await providerField();
  const {form, run} = filterForm('agendafilter', [
    {name: 'gemeente', label: 'Gemeente', input: municipalitySelect()},
    {name: 'regio', label: 'Regio', input: select([['', 'Alle regio’s'],
      ...regions.regions.map(r => [r.code, r.displayName])], '')},
    provider,
    {name: 'soort', label: 'Soort contract', input: codeSelect(FAMILIES, 'Alle soorten')},
    {name: 'termijn', label: 'Soort termijn', input: codeSelect(KINDS, 'Alle termijnen')},
    {name: 'dagen', label: 'Periode', input: select([['30', 'Komende 30 dagen'], ['90', 'Komende 90 dagen'],
      ['180', 'Komende 180 dagen'], ['365', 'Komend jaar']], '180')},
  ], 'Toon agenda', async (v) => {
    result.replaceChildren(el('p', {class: 'muted'}, 'Laden…'));
    try {
      const filters = {municipalityCode: v.gemeente, regionCode: v.regio, provider: v.aanbieder,
        family: v.soort || undefined, kinds: v.termijn ? [v.termijn] : []};
      // The window starts on the service's today (known after the first answer); 180 days is
      // the service's own default.
      if (v.dagen !== '180' && !today) {
        today = (await call('contracts.v1.ContractService/ListAgenda', {pageSize: 1})).today;
      }
      let window = {};
      if (v.dagen !== '180') {
        const end = new Date(Date.UTC(today.year, today.month - 1, today.day + Number(v.dagen)));
        window = {startDate: today,
          endDate: {year: end.getUTCFullYear(), month: end.getUTCMonth() + 1, day: end.getUTCDate()}};
      }
      const agenda = await wholeAgenda(Object.assign(window, filters));
      today = agenda.today;
      result.replaceChildren(...agendaList(agenda));
    } catch (e) {
      result.replaceChildren(errorBox(e));
    }
  });
  run();
  return [form, result];
}

export async function renderManagerStart() {
  show('Agenda van alle gemeenten', await section('Termijnen en deadlines', agendaSection));
}
