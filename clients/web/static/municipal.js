// The overview of a municipal contract manager (their municipality only; the services see to
// that), also shown to the roles whose own workbench is still to come: the agenda, contracts,
// providers, continuity cases, requests for supervision, Jeugdzorg Plus inflow and the
// contract management information of the last quarter.
import {
  call, day, el, idOf, label, link, localPages, municipalityName, pagedList, section, show, state,
  table,
} from './core.js';
import {contractsList} from './contract.js';
import {municipalCeilings, municipalInsight, municipalReport} from './insight.js';

export async function renderOverview() {
  const s = state.session;
  const mine = s.municipality;
  const title = mine ? 'Gemeente ' + municipalityName(mine) : 'Alle gemeenten';

  const agenda = await section('Agenda: komende 180 dagen', async () => {
    // No dates: the service's own window, its today (Europe/Amsterdam) + 180 days; every page.
    const r = {items: []};
    let pageToken = '';
    do {
      const page = await call('contracts.v1.ContractService/ListAgenda',
        {municipalityCode: mine || '', pageSize: 1000, pageToken});
      r.items.push(...(page.items || []));
      pageToken = page.nextPageToken || '';
    } while (pageToken);
    return pagedList('agenda', 'Termijnen en deadlines', [
      {title: 'Datum', value: i => day(i.date)},
      {title: 'Contract', value: i => i.contract ? link('#/contracten/' + idOf(i.contract), i.contractReference) : i.contractReference},
      {title: 'Actie', value: i => i.summary},
    ], localPages(r.items, (i, t) => (i.contractReference + ' ' + i.summary).toLowerCase().includes(t)),
    'Zoek in de agenda', 'Geen termijnen in de komende 180 dagen.');
  });
  const contracts = await section(mine ? 'Contracten waaraan de gemeente deelneemt' : 'Contracten', () =>
    contractsList('contracten', {municipalityCode: mine || ''}));
  const providers = await section(mine ? 'Aanbieders actief in de gemeente' : 'Aanbieders', () =>
    pagedList('aanbieders', 'Aanbieders', [
      {title: 'Naam', value: p => link('#/aanbieders/' + idOf(p.name), p.displayName)},
      {title: 'KvK', value: p => p.kvkNumber},
      {title: 'Wetten', value: p => p.laws.map(label).join(', ')},
      {title: 'Status', value: p => label(p.status)},
    ], async (text, token) => {
      const r = await call('registry.v1.ProviderRegistry/ListProviders',
        {filter: {displayNameContains: text, municipalityCode: mine || ''}, pageSize: 10, pageToken: token});
      return {rows: r.providers, next: r.nextPageToken};
    }, 'Zoek op naam', 'Geen aanbieders gevonden.'));
  const continuity = await section('Continuïteit: open casussen', async () => {
    const r = await call('accountregion.v1.AccountRegionService/ListCases', {openOnly: true});
    return table('Casussen van het accounthoudend gebied', [
      {title: 'Aanbieder', value: c => link('#/aanbieders/' + idOf(c.provider), c.providerName)},
      {title: 'Status', value: c => label(c.status)},
      {title: 'Escalatiestap', value: c => String(c.step)},
      {title: 'Geopend', value: c => day(c.opened)},
    ], r.cases, 'Geen open casussen die de gemeente aangaan.');
  });
  const supervision = await section('Verzoeken om toezicht', async () =>
    pagedList('verzoeken', 'Onderzoeken op verzoek van de gemeente', [
      {title: 'Aanbieder', value: i => link('#/aanbieders/' + idOf(i.provider), i.providerName)},
      {title: 'Soort', value: i => link('#/onderzoeken/' + idOf(i.name), label(i.kind))},
      {title: 'Status', value: i => label(i.status)},
      {title: 'Aangevraagd', value: i => day(i.openedDate)},
      {title: 'Conclusie (samenvatting)', value: i => i.conclusionSummary},
    ], async (text, token) => {
      const r = await call('supervision.v1.SupervisionService/ListInvestigations',
        {requestingMunicipality: mine || '', pageSize: 10, pageToken: token});
      return {rows: r.investigations || [], next: r.nextPageToken};
    }, '', 'Geen verzoeken.'));
  const jzplus = await section('Jeugdzorg Plus: instroom tegen de doelstelling', async () => {
    const r = await call('jzplus.v1.InflowService/GetInflowChart', {municipalityCode: mine || ''});
    return [
      el('figure', {class: 'chart'},
        el('img', {src: 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(r.svg),
          alt: 'Grafiek: instroom Jeugdzorg Plus per jaar' + (mine ? ' voor ' + municipalityName(mine) : '') +
            ' tegen het doelpad van 10% minder per jaar.'}),
        el('figcaption', {class: 'muted'}, r.suppressed
          ? 'Kleine aantallen (1 tot en met 4) zijn afgeschermd en daarvan afgeleide cijfers weggelaten.'
          : 'Instroom per jaar en het doelpad.')),
    ];
  });
  const insight = await municipalInsight();
  const report = await municipalReport();
  const ceilings = await municipalCeilings();
  show(title, agenda, contracts, providers, continuity, supervision, jzplus, insight, report, ceilings);
}