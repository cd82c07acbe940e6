// A provider's page: its registry facts, contracts, KIT outcomes, continuity and supervision,
// and the request for an investigation.
import {
  actionForm, call, change, day, el, errorBox, idOf, label, link, municipalityName, pagedList, parseDay,
  section, select, show, state, table,
} from './core.js';
import {contractsList} from './contract.js';
import {editAndHistory} from './versioned.js';

// The roles that change providers; the page shows them the edit and the history.
const PROVIDER_WRITERS = ['ozjt_contract_manager', 'admin'];

const TIERS = ['TIER_STRATEGIC', 'TIER_LOCAL'];
const STATUSES = ['APPLICANT', 'CONTRACTED', 'SUSPENDED', 'ENDED'].map(s => 'PROVIDER_STATUS_' + s);

// Providers as versioned.js shows their history and edits them.
const PROVIDER = {
  key: 'provider', noun: 'Aanbieder', service: 'registry.v1.ProviderRegistry', get: 'GetProvider',
  update: 'UpdateProvider', history: 'ListProviderHistory',
  facts: [
    ['Naam', p => p.displayName],
    ['KvK-nummer', p => p.kvkNumber],
    ['Rechtsvorm', p => label(p.legalForm)],
    ['AGB-codes', p => (p.agbCodes || []).join(', ')],
    ['Vestigingen', p => (p.establishments || []).map(e => e.name || e.establishmentNumber).join(', ')],
    ['Wetten', p => (p.laws || []).map(label).join(', ')],
    ['Actief in', p => (p.municipalityCodes || []).map(municipalityName).join(', ')],
    ['Niveau', p => label(p.tier)],
    ['Status', p => label(p.status)],
  ],
  editable: [
    ['display_name', 'Naam', p => p.displayName, t => ({value: t.trim()})],
    ['agb_codes', 'AGB-codes (gescheiden door komma’s)', p => (p.agbCodes || []).join(', '),
      t => ({value: t.split(/[\s,;]+/).filter(Boolean)})],
    ['tier', 'Niveau', p => p.tier, t => ({value: t}), TIERS.map(c => [c, label(c)])],
    ['status', 'Status', p => p.status, t => ({value: t}), STATUSES.map(c => [c, label(c)])],
  ],
  methods: {CreateProvider: 'Vastgelegd', UpdateProvider: 'Gewijzigd', ImportProviders: 'Geïmporteerd',
    ImportTurnover: 'Omzet geïmporteerd'},
};

export async function renderProvider(id) {
  const name = 'providers/' + id;
  let p;
  try {
    p = await call('registry.v1.ProviderRegistry/GetProvider', {name});
  } catch (e) {
    return show('Aanbieder', errorBox(e), el('p', {}, link('#/', 'Terug naar de start')));
  }
  const mine = state.session.municipality;
  const factsOf = (p) => el('dl', {class: 'facts'},
    el('dt', {}, 'KvK-nummer'), el('dd', {}, p.kvkNumber),
    el('dt', {}, 'Rechtsvorm'), el('dd', {}, label(p.legalForm)),
    el('dt', {}, 'Status'), el('dd', {}, label(p.status)),
    el('dt', {}, 'Niveau'), el('dd', {}, label(p.tier)),
    el('dt', {}, 'Wetten'), el('dd', {}, p.laws.map(label).join(', ')),
    el('dt', {}, 'AGB-codes'), el('dd', {}, p.agbCodes.join(', ')),
    el('dt', {}, 'Actief in'), el('dd', {}, p.municipalityCodes.map(municipalityName).join(', ')));
  const facts = factsOf(p);
  const parts = [facts];
  // The edit and the history: for the roles that change providers (the service decides).
  if (PROVIDER_WRITERS.includes(state.session.role)) {
    parts.push(...editAndHistory(PROVIDER, p, {facts, factsOf, title: (changed) => changed.displayName}));
  }
  const contracts = await section('Contracten', () => contractsList('aanbieder-contracten', {provider: name, municipalityCode: mine || ''}));
  const kit = await section('KIT-screening', async () => {
    const r = await call('screening.v1.ScreeningService/ListOutcomes', {provider: name});
    return table('Uitkomsten', [
      {title: 'Uitkomst', value: o => label(o.outcome)},
      {title: 'Besluit', value: o => day(o.decidedDate)},
      {title: 'Geldig tot', value: o => day(o.validUntil)},
      {title: 'Toetsingskader', value: o => o.frameworkTitle},
    ], r.outcomes, 'Geen besluit bekend.');
  });
  const continuity = await section('Continuïteit', async () => {
    const r = await call('accountregion.v1.AccountRegionService/ListCases', {provider: name});
    return table('Casussen', [
      {title: 'Status', value: c => label(c.status)},
      {title: 'Escalatiestap', value: c => String(c.step)},
      {title: 'Geopend', value: c => day(c.opened)},
      {title: 'Gesloten', value: c => day(c.closed)},
    ], r.cases, 'Geen continuïteitscasussen.');
  });
  const supervision = await section('Toezicht', async () => {
    const s = await call('supervision.v1.SupervisionService/GetProviderSummary', {provider: name});
    const summary = el('dl', {class: 'facts'},
      el('dt', {}, 'Open onderzoeken'), el('dd', {}, String(s.investigationsOpen)),
      el('dt', {}, 'Open bevindingen (kritiek/ernstig)'), el('dd', {}, s.openCritical + ' / ' + s.openMajor),
      el('dt', {}, 'Verbeterplannen open / te laat'), el('dd', {}, s.plansOpen + ' / ' + s.plansOverdue),
      el('dt', {}, 'Laatste inspectie'), el('dd', {}, day(s.lastInspection) || 'onbekend'));
    if (mine) return summary;
    // OZJT's roles: every investigation of the provider, each with its findings and plans.
    return [summary, pagedList('aanbieder-onderzoeken', 'Onderzoeken bij deze aanbieder', [
      {title: 'Onderzoek', value: i => link('#/onderzoeken/' + idOf(i.name), i.subject || label(i.kind))},
      {title: 'Soort', value: i => label(i.kind)},
      {title: 'Status', value: i => label(i.status)},
      {title: 'Geopend', value: i => day(i.openedDate)},
      {title: 'Afgerond', value: i => day(i.concludedDate)},
    ], async (text, token) => {
      const r = await call('supervision.v1.SupervisionService/ListInvestigations',
        {provider: name, pageSize: 10, pageToken: token});
      return {rows: r.investigations || [], next: r.nextPageToken};
    }, '', 'Geen onderzoeken.')];
  });
  const kind = select([['KIND_INCIDENT', 'Incident'], ['KIND_CALAMITY', 'Calamiteit']], 'KIND_INCIDENT');
  const description = el('textarea', {});
  const incident = el('input', {type: 'date'});
  const request = el('section', {}, el('h2', {}, 'Onderzoek aanvragen'),
    actionForm('Verzoek om een onderzoek naar een incident of calamiteit', [
      {name: 'kind', label: 'Soort', input: kind},
      {name: 'description', label: 'Omschrijving', input: description, hint: 'Wat is er gebeurd? Geen namen of BSN van cliënten.'},
      {name: 'incident_date', label: 'Datum van het incident', input: incident},
    ], 'Verzoek indienen', (f) => change('supervision.v1.SupervisionService/RequestInvestigation', {
      provider: name, kind: kind.value, description: description.value, incidentDate: parseDay(incident.value),
    }, f.form, f.progress), () => { description.value = ''; }));
  // Only a municipality requests an investigation.
  const mayRequest = state.session.role === 'gemeente_contract_manager';
  show(p.displayName, ...parts, contracts, kit, continuity, supervision, mayRequest ? request : null,
    el('p', {}, link('#/', 'Terug naar de start')));
}