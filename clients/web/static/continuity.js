// Continuity, the account-holding region's duty, for OZJT's contract managers: the early-warning
// list with its reasons, Twente's portfolio, and the continuity cases with their steps (treden)
// 1-6, recovery plans, action log and the regions informed; opening a case, moving it to
// another step, logging an action, resolving it.
import {
  actionForm, call, change, day, dayOf, el, errorBox, idOf, label, link, money, providerField, refuse,
  section, select, show, table,
} from './core.js';

// The steps of the draaiboek (docs/domain.md section 5).
const STEPS = {
  1: 'trede 1', 2: 'trede 2', 3: 'trede 3: zorgelijk, herstelplan nodig', 4: 'trede 4', 5: 'trede 5',
  6: 'trede 6: faillissement (sluit de casus)',
};
const stepChoices = () => Object.entries(STEPS).map(([n, text]) => [n, text]);

const providerLink = (provider, name) => link('#/aanbieders/' + idOf(provider), name);

function warnings(list) {
  return table('Vroegsignalering, hoogste risico eerst', [
    {title: 'Aanbieder', value: w => providerLink(w.provider.provider, w.provider.providerName)},
    {title: 'Score', value: w => String(w.score), num: true},
    {title: 'Redenen', value: w => el('ul', {class: 'plain'}, w.reasons.map(r => el('li', {}, r)))},
    {title: 'Open casus', value: w => w.caseStep ? 'trede ' + w.caseStep : 'geen'},
  ], list, 'Geen aanbieders met een signaal.');
}

function portfolio(list, regions) {
  return table('Aanbieders waarvoor Twente accounthoudend gebied is', [
    {title: 'Aanbieder', value: a => providerLink(a.provider, a.providerName)},
    {title: 'Grondslag', value: a => a.basis === 'assignment' ? 'toegewezen' : 'grootste omzet in ' + a.derivedFromYear},
    {title: 'Omzet laatste jaar', value: a => money(a.latestTurnoverCents), num: true},
    {title: 'Landelijk gemonitord', value: a => a.monitored ? 'ja (omzet boven € 2 mln.)' : 'nee'},
    {title: 'Regio', value: a => regions[a.regionCode] || a.regionCode},
  ], list, 'Geen aanbieders in de portefeuille.');
}

function caseView(c, regions, reload) {
  const facts = el('dl', {class: 'facts'},
    el('dt', {}, 'Status'), el('dd', {}, label(c.status)),
    el('dt', {}, 'Trede'), el('dd', {}, STEPS[c.step] || String(c.step)),
    el('dt', {}, 'Herstelplan uiterlijk'), el('dd', {}, day(c.recoveryPlanDue) || 'geen'),
    el('dt', {}, 'Geopend'), el('dd', {}, day(c.opened) + (c.closed && c.closed.year ? ', gesloten ' + day(c.closed) : '')),
    el('dt', {}, 'Regio’s geïnformeerd'), el('dd', {}, (c.regionsInformed || []).map(r =>
      (regions[r.regionCode] || r.regionCode) + ' op ' + day(r.date)).join(', ') || 'nog geen'));
  const steps = table('Treden', [
    {title: 'Trede', value: s => String(s.step), num: true},
    {title: 'Datum', value: s => day(s.date)},
    {title: 'Door', value: s => s.changedBy},
    {title: 'Toelichting', value: s => s.note},
  ], c.steps || []);
  const actions = table('Logboek', [
    {title: 'Datum', value: a => day(a.date)},
    {title: 'Door', value: a => a.actor},
    {title: 'Actie', value: a => a.text},
  ], c.actions || [], 'Nog niets in het logboek.');
  const open = c.status === 'CASE_STATUS_OPEN';
  return el('article', {class: 'case'}, el('h3', {}, c.providerName),
    el('p', {}, providerLink(c.provider, 'Naar de aanbieder')), facts, steps, actions,
    open ? caseForms(c, regions, reload) : null);
}

function caseForms(c, regions, reload) {
  const id = idOf(c.name);
  const step = select(stepChoices(), String(Math.min(c.step + 1, 6)));
  step.id = 'trede-' + id;
  const date = el('input', {type: 'text', autocomplete: 'off', id: 'trede-datum-' + id});
  const due = el('input', {type: 'text', autocomplete: 'off', id: 'herstelplan-' + id, value: day(c.recoveryPlanDue)});
  const note = el('input', {type: 'text', autocomplete: 'off', id: 'trede-toelichting-' + id});
  const move = actionForm('Naar een andere trede', [
    {name: 'step', label: 'Trede', input: step},
    {name: 'date', label: 'Datum van de trede (dd-mm-jjjj)', input: date},
    {name: 'recovery_plan_due', label: 'Herstelplan uiterlijk (dd-mm-jjjj)', input: due, hint: 'Nodig vanaf trede 3.'},
    {name: 'note', label: 'Toelichting', input: note},
  ], 'Trede vastleggen', (f) => {
    const errors = [];
    const body = {case: c.name, step: Number(step.value), version: c.version, note: note.value.trim(),
      date: dayOf(date, 'date', errors, true), recoveryPlanDue: dayOf(due, 'recovery_plan_due', errors, false)};
    refuse(errors);
    return change('accountregion.v1.AccountRegionService/MoveCaseStep', body, f.form, f.progress);
  }, reload, 4);
  const text = el('input', {type: 'text', autocomplete: 'off', id: 'actie-' + id});
  const when = el('input', {type: 'text', autocomplete: 'off', id: 'actie-datum-' + id});
  const log = actionForm('Actie in het logboek', [
    {name: 'action.text', label: 'Actie', input: text, hint: 'Bijv. gesprek met de bestuurder, regio’s geïnformeerd.'},
    {name: 'action.date', label: 'Datum van de actie (dd-mm-jjjj)', input: when},
  ], 'Actie vastleggen', (f) => {
    const errors = [];
    const body = {case: c.name, version: c.version,
      action: {text: text.value.trim(), date: dayOf(when, 'action.date', errors, true)}};
    refuse(errors);
    return change('accountregion.v1.AccountRegionService/UpdateCase', body, f.form, f.progress);
  }, reload, 4);
  const resolve = actionForm('Casus afsluiten', [], 'Afsluiten als opgelost', (f) =>
    change('accountregion.v1.AccountRegionService/UpdateCase', {case: c.name, version: c.version, resolve: true},
      f.form, f.progress), reload, 4);
  return el('div', {class: 'case-forms'}, move, log, resolve);
}

async function openCaseForm(reload) {
  const provider = await providerField();
  const date = el('input', {type: 'text', autocomplete: 'off'});
  const step = select(stepChoices(), '1');
  const due = el('input', {type: 'text', autocomplete: 'off'});
  const note = el('input', {type: 'text', autocomplete: 'off'});
  provider.name = 'provider';
  return [provider.extra, actionForm('Casus openen', [
    {name: 'provider', label: 'Aanbieder', input: provider.input, hint: provider.hint},
    {name: 'date', label: 'Datum (dd-mm-jjjj)', input: date},
    {name: 'step', label: 'Trede', input: step},
    {name: 'recovery_plan_due', label: 'Herstelplan uiterlijk (dd-mm-jjjj)', input: due, hint: 'Nodig vanaf trede 3.'},
    {name: 'note', label: 'Toelichting', input: note},
  ], 'Casus openen', (f) => {
    const errors = [];
    const chosen = provider.read(provider.input.value);
    if (chosen.error || !chosen.value) errors.push({field: 'provider', description: chosen.error || 'Kies een aanbieder.'});
    const body = {provider: chosen.value, step: Number(step.value), note: note.value.trim(),
      date: dayOf(date, 'date', errors, true), recoveryPlanDue: dayOf(due, 'recovery_plan_due', errors, false)};
    refuse(errors);
    return change('accountregion.v1.AccountRegionService/OpenCase', body, f.form, f.progress);
  }, reload)];
}

export async function renderContinuity() {
  const regionList = await call('registry.v1.ReferenceData/ListRegions', {}).catch(() => ({regions: []}));
  const regions = Object.fromEntries((regionList.regions || []).map(r => [r.code, r.displayName]));
  const cases = el('div');
  const loadCases = async () => {
    try {
      const r = await call('accountregion.v1.AccountRegionService/ListCases', {});
      const list = r.cases || [];
      cases.replaceChildren(...(list.length ? list.map(c => caseView(c, regions, loadCases))
        : [el('p', {class: 'muted'}, 'Geen continuïteitscasussen.')]));
    } catch (e) { cases.replaceChildren(errorBox(e)); }
  };
  loadCases();
  show('Continuïteit',
    await section('Vroegsignalering', async () =>
      warnings((await call('accountregion.v1.AccountRegionService/ListEarlyWarnings', {})).warnings || [])),
    await section('Portefeuille', async () =>
      portfolio((await call('accountregion.v1.AccountRegionService/ListPortfolio', {})).providers || [], regions)),
    el('section', {}, el('h2', {}, 'Casussen, open eerst'), cases),
    await section('Nieuwe casus', async () => openCaseForm(loadCases)));
}
