// KIT screening on the page, for screening officers: the open cases and the evidence expected,
// opening a case, and a case on one screen: the whole checklist (per item its evidence, its
// maximum age and its assessment, saved together, flagged when the evidence is too old on the
// planned decision date), evidence requests, the Bibob referral and advice, the hearing and the
// decision by a second officer. Every opening of a case's content is logged by the service. The
// outcomes (outcome and dates only) are for every OZJT role.
import {
  actionForm, call, change, day, dayOf, el, errorBox, idOf, label, link, parseDutchDay,
  pagedList, providerField, refuse, section, select, show, state, table,
} from './core.js';

const SERVICE = 'screening.v1.ScreeningService/';
const OCCASIONS = ['PROCUREMENT_ROUND', 'NEW_ENTRANT', 'RESCREENING', 'CONTRACT_MUTATION'].map(o => 'OCCASION_' + o);
const RESULTS = ['MEETS', 'DOES_NOT_MEET', 'NOT_APPLICABLE'].map(r => 'ASSESSMENT_RESULT_' + r);
const LOGGED = 'Elke keer dat u de inhoud van een screening opent, legt de dienst dat vast in het auditlog ' +
  '(wie, wanneer, welke screening).';

const caseLink = (c, text) => link('#/screeningen/' + idOf(c.name || c.case), text);
const providerLink = (c) => link('#/aanbieders/' + idOf(c.provider), c.providerName);
// An item's latest assessment, in Dutch.
const resultText = (i) => i.result && i.result !== 'ASSESSMENT_RESULT_UNSPECIFIED' ? label(i.result) : 'niet beoordeeld';
const frameworkText = (c) => (c.frameworkCode || '').toUpperCase() + ' ' + (c.frameworkVersion || '');

// ---- the start page ----

export async function renderScreeningStart() {
  // The open cases and those waiting for Bibob, 25 a page each (the services page).
  const casesOf = (id, caption, status, empty) => pagedList(id, caption, [
    {title: 'Screening', value: c => caseLink(c, c.reference || 'Screening ' + idOf(c.name))},
    {title: 'Aanbieder', value: providerLink},
    {title: 'Aanleiding', value: c => label(c.occasion)},
    {title: 'Kader', value: frameworkText},
    {title: 'Geopend', value: c => day(c.openedDate)},
  ], async (text, token) => {
    const r = await call(SERVICE + 'ListCases', {status, pageSize: 25, pageToken: token});
    return {rows: r.cases || [], next: r.nextPageToken};
  }, '', empty);
  const cases = await section('Open screeningen', () => casesOf('open-screeningen',
    'Open screeningen, nieuwste eerst', 'CASE_STATUS_OPEN', 'Geen open screeningen.'));
  const bibob = await section('Verwezen naar Bibob', () => casesOf('bibob-screeningen',
    'Wachtend op advies van het Landelijk Bureau Bibob', 'CASE_STATUS_REFERRED_TO_BIBOB',
    'Geen screeningen bij het Landelijk Bureau Bibob.'));
  const due = await section('Verwachte bewijsstukken', async () => {
    const r = await call('contracts.v1.ContractService/ListAgenda', {kinds: ['AGENDA_KIND_EVIDENCE_DUE'], pageSize: 1000});
    return table('Bewijsstukken die binnen 14 dagen moeten komen', [
      {title: 'Uiterlijk', value: i => day(i.date)},
      {title: 'Wat', value: i => /^screeningCases\/\d+$/.test(i.subject) ? link('#/screeningen/' + idOf(i.subject), i.summary) : i.summary},
    ], r.items || [], 'Geen bewijsstukken verwacht.');
  });
  const open = await section('Nieuwe screening', () => newCaseForm());
  show('KIT-screening', el('p', {class: 'notice'}, LOGGED), cases, bibob, due, open);
}

async function newCaseForm() {
  const provider = await providerField();
  const frameworks = (await call(SERVICE + 'ListFrameworks', {})).frameworks || [];
  const framework = select([['', 'Het geldende KIT-kader'], ...frameworks.map(f =>
    [f.name, f.title + ' (' + f.code.toUpperCase() + ' ' + f.version + ')'])], '');
  const occasion = select(OCCASIONS.map(o => [o, label(o)]), 'OCCASION_PROCUREMENT_ROUND');
  const contract = select([['', 'Geen (kies eerst de aanbieder)']], '');
  const reference = el('input', {type: 'text', autocomplete: 'off'});
  // The provider's contracts, for a re-screening or a mutation.
  provider.input.addEventListener('change', async () => {
    const chosen = provider.read(provider.input.value);
    if (!chosen.value) return;
    const r = await call('contracts.v1.ContractService/ListContracts', {filter: {provider: chosen.value}, pageSize: 100})
      .catch(() => ({contracts: []}));
    contract.replaceChildren(...[['', 'Geen'], ...(r.contracts || []).map(c => [c.name, c.reference + ': ' + c.title])]
      .map(([v, t]) => el('option', {value: v}, t)));
  });
  return [provider.extra, actionForm('Screening openen', [
    {name: 'provider', label: 'Aanbieder', input: provider.input, hint: provider.hint},
    {name: 'occasion', label: 'Aanleiding', input: occasion},
    {name: 'framework', label: 'Toetsingskader', input: framework},
    {name: 'contract', label: 'Contract', input: contract, hint: 'Nodig bij een herscreening en na een contractwijziging.'},
    {name: 'reference', label: 'Kenmerk (bijv. de inkoopronde)', input: reference},
  ], 'Screening openen', (f) => {
    return change(SERVICE + 'CreateCase', {provider: provider.required('provider'), occasion: occasion.value, framework: framework.value,
      contract: contract.value, reference: reference.value.trim()}, f.form, f.progress);
  }, (c) => { location.hash = '#/screeningen/' + idOf(c.name); })];
}

// ---- one case ----

function facts(c) {
  const row = (term, value) => value ? [el('dt', {}, term), el('dd', {}, value)] : null;
  return el('dl', {class: 'facts'},
    row('Aanbieder', providerLink(c)),
    row('Aanleiding', label(c.occasion)),
    row('Contract', c.contract ? link('#/contracten/' + idOf(c.contract), 'naar het contract') : ''),
    row('Kader', frameworkText(c)),
    row('Kenmerk', c.reference),
    row('Status', label(c.status)),
    row('Geopend', day(c.openedDate) + ' door ' + c.openedBy));
}

// The checklist as one form: a row per item with its evidence (the latest, its validity on the
// planned decision date and what is wrong) and inputs for new evidence and an assessment. Only
// the rows filled in are sent; the service's errors ("evidence[2].reference") go to their row.
function checklist(c, maxAge, planned, reload) {
  const rows = (c.items || []).map(it => {
    const id = it.itemCode.replace(/\W/g, '');
    const input = (name, label) => el('input', {type: 'text', autocomplete: 'off', id: 'kit-' + id + '-' + name,
      'aria-label': label + ' ' + it.itemCode});
    const r = {item: it,
      documentDate: input('document', 'Datum op het document'),
      receivedDate: input('ontvangen', 'Ontvangen op'),
      reference: input('kenmerk', 'Kenmerk van het bewijsstuk'),
      result: select([['', '—'], ...RESULTS.map(x => [x, label(x)])], ''),
      finding: input('bevinding', 'Bevinding'),
      error: el('p', {class: 'field-error', id: 'kit-' + id + '-fout', hidden: true})};
    r.result.id = 'kit-' + id + '-oordeel';
    r.result.setAttribute('aria-label', 'Oordeel ' + it.itemCode);
    for (const x of [r.documentDate, r.receivedDate, r.reference, r.result, r.finding]) x.setAttribute('aria-describedby', r.error.id);
    return r;
  });
  const evidenceText = (it) => {
    if (!it.evidence) return 'geen';
    const e = it.evidence;
    return [day(e.documentDate) + ', ' + e.reference,
      it.evidenceValidUntil && it.evidenceValidUntil.year ? el('br') : null,
      it.evidenceValidUntil && it.evidenceValidUntil.year ? 'geldig t/m ' + day(it.evidenceValidUntil) : null];
  };
  // Evidence too old on the planned decision date: flagged, before it is assessed.
  const tooOld = (it) => it.evidence && !it.evidenceValid;
  const body = el('tbody', {}, rows.map(r => el('tr', {class: tooOld(r.item) ? 'flagged' : null},
    el('th', {scope: 'row'}, r.item.itemCode + ' ' + r.item.title, r.item.required ? '' : ' (niet verplicht)'),
    el('td', {}, maxAge[r.item.itemCode] ? maxAge[r.item.itemCode] + ' mnd' : '—'),
    el('td', {}, evidenceText(r.item)),
    el('td', {}, tooOld(r.item) ? el('strong', {class: 'late'}, 'Te oud: ' + r.item.problem) : (r.item.problem || 'in orde')),
    el('td', {}, resultText(r.item)),
    el('td', {}, r.documentDate), el('td', {}, r.receivedDate), el('td', {}, r.reference),
    el('td', {}, r.result), el('td', {}, r.finding, r.error))));
  const general = el('div', {'aria-live': 'assertive'});
  const submit = el('button', {type: 'submit'}, 'Checklist opslaan');
  const form = el('form', {class: 'checklist', novalidate: true},
    el('div', {class: 'table-box', tabindex: '0', role: 'region', 'aria-label': 'Checklist'},
      el('table', {}, el('caption', {}, 'Checklist, gecontroleerd op ' + (planned ? day(planned) : 'vandaag')),
        el('thead', {}, el('tr', {}, ['Onderdeel', 'Max. leeftijd', 'Bewijsstuk', 'Controle', 'Oordeel',
          'Nieuw: datum document', 'Ontvangen op', 'Kenmerk', 'Oordeel', 'Bevinding']
          .map(t => el('th', {scope: 'col'}, t)))), body)),
    el('p', {class: 'hint'}, 'Datums als dd-mm-jjjj. Alleen de regels die u invult worden opgeslagen, in één keer: ',
      'een fout ergens en er wordt niets opgeslagen.'),
    submit, general);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (submit.disabled) return;
    for (const r of rows) { r.error.hidden = true; r.error.textContent = ''; }
    general.replaceChildren();
    const evidence = [], assessments = [], evidenceRows = [], assessmentRows = [], errors = [];
    const mark = (r, text) => { r.error.textContent = (r.error.textContent ? r.error.textContent + ' ' : '') + text; r.error.hidden = false; };
    for (const r of rows) {
      if (r.documentDate.value.trim() || r.receivedDate.value.trim() || r.reference.value.trim()) {
        const doc = parseDutchDay(r.documentDate.value), got = parseDutchDay(r.receivedDate.value);
        if (!doc || !got) { mark(r, 'Schrijf beide datums als dd-mm-jjjj, bijv. 01-11-2026.'); errors.push(r); }
        evidence.push({itemCode: r.item.itemCode, documentDate: doc || undefined, receivedDate: got || undefined,
          reference: r.reference.value.trim()});
        evidenceRows.push(r);
      }
      if (r.result.value || r.finding.value.trim()) {
        assessments.push({itemCode: r.item.itemCode, result: r.result.value || undefined, finding: r.finding.value.trim()});
        assessmentRows.push(r);
      }
    }
    if (!evidence.length && !assessments.length) {
      general.replaceChildren(el('div', {class: 'alert', role: 'alert'}, 'Vul bij ten minste één onderdeel een bewijsstuk of een beoordeling in.'));
      return;
    }
    if (errors.length) {
      general.replaceChildren(el('div', {class: 'alert', role: 'alert'}, 'Controleer de gemarkeerde regels.'));
      return;
    }
    submit.disabled = true;
    try {
      await change(SERVICE + 'SaveChecklist', {case: c.name, version: c.version, evidence, assessments}, form,
        (text) => general.replaceChildren(el('p', {class: 'muted', role: 'status'}, text)));
      reload();
    } catch (e) {
      const elsewhere = [];
      for (const v of e.fields || []) {
        const m = /^(evidence|assessments)\[(\d+)\]\./.exec(v.field);
        const r = m ? (m[1] === 'evidence' ? evidenceRows : assessmentRows)[Number(m[2])] : null;
        if (r) mark(r, v.description); else elsewhere.push(v.description);
      }
      const text = (e.fields || []).length ? ['Controleer de gemarkeerde regels; er is niets opgeslagen.', ...elsewhere].join(' ') : e.message;
      general.replaceChildren(el('div', {class: 'alert', role: 'alert'}, text));
      submit.disabled = false;
    }
  });
  return form;
}

function requestsView(c, reload) {
  const list = table('Gevraagde bewijsstukken', [
    {title: 'Onderdeel', value: q => q.itemCode},
    {title: 'Gevraagd', value: q => day(q.requestedDate) + ' door ' + q.requestedBy},
    {title: 'Uiterlijk', value: q => day(q.dueDate)},
    {title: 'Ontvangen', value: q => day(q.fulfilledDate) || 'nog niet'},
  ], c.evidenceRequests || [], 'Nog niets gevraagd.');
  const item = select((c.items || []).map(i => [i.itemCode, i.itemCode + ' ' + i.title]), (c.items[0] || {}).itemCode);
  const date = el('input', {type: 'text', autocomplete: 'off'});
  const form = actionForm('Bewijsstuk opvragen (14 dagen)', [
    {name: 'item_code', label: 'Onderdeel', input: item},
    {name: 'requested_date', label: 'Gevraagd op (dd-mm-jjjj)', input: date},
  ], 'Opvragen', (f) => {
    const errors = [];
    const body = {case: c.name, itemCode: item.value, requestedDate: dayOf(date, 'requested_date', errors, true)};
    refuse(errors);
    return change(SERVICE + 'RequestEvidence', body, f.form, f.progress);
  }, reload);
  return [list, form];
}

async function bibobView(c, reload) {
  const b = c.bibob;
  const advised = b && b.advice && b.advice !== 'BIBOB_ADVICE_UNSPECIFIED';
  const parts = [];
  if (b && b.referredDate && b.referredDate.year || b && b.reusedFromCase) {
    parts.push(el('p', {}, b.reusedFromCase ? ['Advies hergebruikt van ', caseLink({name: b.reusedFromCase}, 'een eerdere screening'), '.']
      : 'Doorverwezen op ' + day(b.referredDate) + ' (' + b.reference + ').',
    advised ? ' Advies: ' + label(b.advice) + ' van ' + day(b.adviceDate) + ' (' + b.adviceReference + ').' : ' Nog geen advies.'));
  }
  if (c.status === 'CASE_STATUS_DECIDED') return parts.length ? parts : el('p', {class: 'muted'}, 'Niet doorverwezen.');
  if (!b || !b.referredDate || !b.referredDate.year) {
    const date = el('input', {type: 'text', autocomplete: 'off'});
    const reference = el('input', {type: 'text', autocomplete: 'off'});
    parts.push(actionForm('Doorverwijzen naar het Landelijk Bureau Bibob', [
      {name: 'referred_date', label: 'Doorverwezen op (dd-mm-jjjj)', input: date},
      {name: 'reference', label: 'Kenmerk van de doorverwijzing', input: reference},
    ], 'Doorverwijzen', (f) => {
      const errors = [];
      const body = {case: c.name, referredDate: dayOf(date, 'referred_date', errors, true), reference: reference.value.trim()};
      refuse(errors);
      return change(SERVICE + 'ReferToBibob', body, f.form, f.progress);
    }, reload));
    const earlier = ((await call(SERVICE + 'ListCases', {provider: c.provider})).cases || []).filter(x => x.name !== c.name);
    if (earlier.length) {
      const which = select(earlier.map(x => [x.name, (x.reference || x.name) + ' (' + day(x.openedDate) + ')']), earlier[0].name);
      parts.push(actionForm('Of: het advies van een eerdere screening hergebruiken (tot 5 jaar oud)', [
        {name: 'reuse_advice_of', label: 'Eerdere screening', input: which},
      ], 'Advies hergebruiken', (f) => change(SERVICE + 'ReferToBibob', {case: c.name, reuseAdviceOf: which.value},
        f.form, f.progress), reload));
    }
  } else if (!advised) {
    const advice = select(['NO_RISK', 'LESSER_RISK', 'SERIOUS_RISK'].map(a => ['BIBOB_ADVICE_' + a, label('BIBOB_ADVICE_' + a)]), 'BIBOB_ADVICE_NO_RISK');
    const date = el('input', {type: 'text', autocomplete: 'off'});
    const reference = el('input', {type: 'text', autocomplete: 'off'});
    parts.push(actionForm('Advies van het Landelijk Bureau Bibob', [
      {name: 'advice', label: 'Advies', input: advice},
      {name: 'advice_date', label: 'Datum van het advies (dd-mm-jjjj)', input: date},
      {name: 'reference', label: 'Kenmerk van het advies', input: reference},
    ], 'Advies vastleggen', (f) => {
      const errors = [];
      const body = {case: c.name, advice: advice.value, adviceDate: dayOf(date, 'advice_date', errors, true),
        reference: reference.value.trim()};
      refuse(errors);
      return change(SERVICE + 'RecordBibobAdvice', body, f.form, f.progress);
    }, reload));
  }
  return parts;
}

function hearingView(c, reload) {
  const list = table('Hoor en wederhoor', [
    {title: 'Datum', value: h => day(h.date)},
    {title: 'Wat de aanbieder inbracht', value: h => h.summary},
    {title: 'Vastgelegd door', value: h => h.recordedBy},
  ], c.hearings || [], 'Nog geen hoor en wederhoor (nodig vóór een afwijzing).');
  if (c.status === 'CASE_STATUS_DECIDED') return list;
  const date = el('input', {type: 'text', autocomplete: 'off'});
  const summary = el('textarea', {});
  return [list, actionForm('Hoor en wederhoor vastleggen', [
    {name: 'hearing.date', label: 'Datum (dd-mm-jjjj)', input: date},
    {name: 'hearing.summary', label: 'Wat de aanbieder inbracht', input: summary},
  ], 'Vastleggen', (f) => {
    const errors = [];
    const body = {case: c.name, hearing: {date: dayOf(date, 'hearing.date', errors, true), summary: summary.value}};
    refuse(errors);
    return change(SERVICE + 'RecordHearing', body, f.form, f.progress);
  }, reload)];
}

function decisionView(c, reload) {
  const list = table('Besluiten', [
    {title: 'Uitkomst', value: d => label(d.outcome)},
    {title: 'Datum', value: d => day(d.date)},
    {title: 'Door', value: d => d.decidedBy},
    {title: 'Redenen', value: d => d.reasons},
    {title: 'Voorwaarden', value: d => (d.conditions || []).length ? el('ul', {class: 'plain'}, d.conditions.map(x => el('li', {}, x))) : ''},
    {title: 'Geldig tot', value: d => day(d.validUntil)},
  ], c.decisions || [], 'Nog geen besluit.');
  if (c.status === 'CASE_STATUS_DECIDED') return list;
  const outcome = select(['ADMITTED', 'ADMITTED_WITH_CONDITIONS', 'REFUSED', 'REFERRED_TO_BIBOB']
    .map(o => ['OUTCOME_' + o, label('OUTCOME_' + o)]), 'OUTCOME_ADMITTED');
  const reasons = el('textarea', {});
  const conditions = el('textarea', {});
  return [list, el('p', {}, 'Het besluit neemt een tweede screeningsfunctionaris: wie onderdelen beoordeelde, besluit ',
    'niet (vier ogen). Afwijzen kan pas na hoor en wederhoor.'),
  actionForm('Besluiten', [
    {name: 'outcome', label: 'Uitkomst', input: outcome},
    {name: 'reasons', label: 'Redenen', input: reasons},
    {name: 'conditions', label: 'Voorwaarden (één per regel)', input: conditions, hint: 'Alleen bij toelaten onder voorwaarden.'},
  ], 'Besluit vastleggen', (f) => change(SERVICE + 'DecideCase', {case: c.name, outcome: outcome.value,
    reasons: reasons.value, conditions: conditions.value.split('\n').map(x => x.trim()).filter(Boolean)},
  f.form, f.progress), reload)];
}

export async function renderScreeningCase(id, planned) {
  let c;
  try {
    c = await call(SERVICE + 'GetCase', {name: 'screeningCases/' + id, decisionDate: planned || undefined});
  } catch (e) {
    return show('Screening', errorBox(e), el('p', {}, link('#/', 'Naar uw startpagina')));
  }
  const frameworks = (await call(SERVICE + 'ListFrameworks', {}).catch(() => ({frameworks: []}))).frameworks || [];
  const framework = frameworks.find(f => f.name === c.framework) || {items: []};
  const maxAge = Object.fromEntries((framework.items || []).map(i => [i.code, i.maxAgeMonths || 0]));
  const reload = () => renderScreeningCase(id, planned);
  const officer = state.session.role === 'screening_officer';
  const open = c.status !== 'CASE_STATUS_DECIDED';
  // The planned decision date the checklist is checked on.
  const when = el('input', {type: 'text', autocomplete: 'off', value: planned ? day(planned) : ''});
  const plan = actionForm('Geplande besluitdatum', [
    {name: 'decision_date', label: 'Controleer de checklist op (dd-mm-jjjj; leeg: vandaag)', input: when},
  ], 'Controleren', async () => {
    const errors = [];
    const d = dayOf(when, 'decision_date', errors, false);
    refuse(errors);
    await call(SERVICE + 'GetCase', {name: c.name, decisionDate: d});
    return d;
  }, (d) => renderScreeningCase(id, d));
  const items = el('section', {}, el('h2', {}, 'Checklist'), officer && open ? plan : null,
    officer && open ? checklist(c, maxAge, planned, reload)
      : table('Checklist', [
        {title: 'Onderdeel', value: i => i.itemCode + ' ' + i.title},
        {title: 'Bewijsstuk', value: i => i.evidence ? day(i.evidence.documentDate) + ', ' + i.evidence.reference : 'geen'},
        {title: 'Controle', value: i => i.problem || 'in orde'},
        {title: 'Oordeel', value: resultText},
      ], c.items || []));
  const parts = [el('p', {class: 'notice'}, 'Het openen van deze screening is vastgelegd in het auditlog.'), facts(c), items];
  if (officer) {
    parts.push(el('section', {}, el('h2', {}, 'Bewijsstukken opvragen'), open ? requestsView(c, reload) : null));
    parts.push(el('section', {}, el('h2', {}, 'Bibob'), await bibobView(c, reload)));
    parts.push(el('section', {}, el('h2', {}, 'Hoor en wederhoor'), hearingView(c, reload)));
  }
  parts.push(el('section', {}, el('h2', {}, 'Besluit'), officer ? decisionView(c, reload)
    : table('Besluiten', [{title: 'Uitkomst', value: d => label(d.outcome)}, {title: 'Datum', value: d => day(d.date)},
      {title: 'Redenen', value: d => d.reasons}], c.decisions || [], 'Nog geen besluit.')));
  show('Screening ' + c.providerName + (c.reference ? ': ' + c.reference : ''), ...parts);
}

// ---- outcomes, for every OZJT role ----

export async function renderOutcomes() {
  show('KIT-uitkomsten', el('p', {}, 'De besluiten van de KIT-screening: uitkomst en datums. De inhoud van een ',
    'screening is alleen voor screeningsfunctionarissen.'),
  await section('Besluiten, nieuwste eerst', async () => {
    const r = await call(SERVICE + 'ListOutcomes', {});
    return table('KIT-uitkomsten', [
      {title: 'Aanbieder', value: o => link('#/aanbieders/' + idOf(o.provider), o.providerName)},
      {title: 'Uitkomst', value: o => label(o.outcome)},
      {title: 'Besluit', value: o => day(o.decidedDate)},
      {title: 'Geldig tot', value: o => day(o.validUntil)},
      {title: 'Kader', value: o => o.frameworkTitle},
    ], r.outcomes || [], 'Nog geen besluiten.');
  }));
}
