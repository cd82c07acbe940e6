// Quality supervision (toezicht) on the page: the supervisor's inbox (municipal requests waiting
// for intake, reviews opened by contract mutations, escalation signals, the supervision
// deadlines), the list of investigations, an investigation with its next steps, findings and
// improvement plans, and the period report. The services decide who sees what: a municipality
// that asked for an investigation gets its status and conclusion summary only.
import {
  actionForm, call, change, day, dayOf, downloadButton, el, errorBox, idOf, label, link,
  municipalityName, pagedList, providerField, refuse, section, select, show, state, table,
} from './core.js';

const SERVICE = 'supervision.v1.SupervisionService/';
// Who records findings, plans and conclusions (the services refuse anyone else).
const SUPERVISORS = ['toezichthouder'];
// The inbox's deadlines (its escalation signals have a table of their own).
const AGENDA_KINDS = ['SUPERVISION_ACTION', 'REINSPECTION', 'CALAMITY_MEASURES']
  .map(k => 'AGENDA_KIND_' + k);
const ordinal = (d) => (d.year * 100 + d.month) * 100 + d.day;

// "investigations/5/plans/1" -> a link to investigation 5.
function investigationLink(name, text) {
  const m = /^investigations\/(\d+)/.exec(name || '');
  return m ? link('#/onderzoeken/' + m[1], text) : text;
}
const providerLink = (i) => link('#/aanbieders/' + idOf(i.provider), i.providerName);
const mayWrite = () => SUPERVISORS.includes(state.session.role);

const INVESTIGATION_COLUMNS = [
  {title: 'Onderzoek', value: i => investigationLink(i.name, i.subject || label(i.kind))},
  {title: 'Aanbieder', value: providerLink},
  {title: 'Soort', value: i => label(i.kind)},
  {title: 'Status', value: i => label(i.status)},
  {title: 'Geopend', value: i => day(i.openedDate)},
  {title: 'Gemeente', value: i => i.requestingMunicipality ? municipalityName(i.requestingMunicipality) : ''},
];

// The newest 50 investigations matching `filter` (the inbox's short lists).
async function investigations(filter) {
  return (await call(SERVICE + 'ListInvestigations', filter)).investigations || [];
}

// ---- the inbox ----

export async function renderSupervisionInbox() {
  const requests = await section('Verzoeken van gemeenten, wachtend op intake', async () =>
    table('Verzoeken van gemeenten', [
      {title: 'Verzoek', value: i => investigationLink(i.name, label(i.kind) + ' bij ' + i.providerName)},
      {title: 'Gemeente', value: i => municipalityName(i.requestingMunicipality)},
      {title: 'Datum incident', value: i => day(i.incidentDate)},
      {title: 'Aangevraagd', value: i => day(i.openedDate)},
      {title: 'Wat er gebeurde', value: i => i.requestText},
    ], await investigations({status: 'STATUS_REQUESTED'}), 'Geen verzoeken die op intake wachten.'));
  const reviews = await section('Reviews na contractwijzigingen', async () =>
    table('Reviews na contractwijzigingen', INVESTIGATION_COLUMNS,
      await investigations({status: 'STATUS_PLANNED', kind: 'KIND_CONTRACT_REVIEW'}),
      'Geen reviews die nog moeten beginnen.'));
  const escalations = await section('Escalatiesignalen', async () =>
    table('Escalatiesignalen', [
      {title: 'Sinds', value: e => day(e.since)},
      {title: 'Aanbieder', value: providerLink},
      {title: 'Signaal', value: e => investigationLink(e.investigation, e.reason)},
    ], (await call(SERVICE + 'ListEscalations', {})).escalations || [], 'Geen escalatiesignalen.'));
  const deadlines = await section('Termijnen, te laat eerst', async () => {
    const r = await call('contracts.v1.ContractService/ListAgenda', {kinds: AGENDA_KINDS, pageSize: 1000});
    const today = ordinal(r.today);
    const late = (i) => ordinal(i.date) < today;
    const items = (r.items || []).filter(late).concat((r.items || []).filter(i => !late(i)));
    return [el('p', {}, 'Van ' + day(r.startDate) + ' t/m ' + day(r.endDate) + '.'),
      table('Termijnen van het toezicht', [
        {title: 'Datum', value: i => late(i) ? [day(i.date), ' ', el('strong', {class: 'late'}, 'te laat')] : day(i.date)},
        {title: 'Soort', value: i => label(i.kind)},
        {title: 'Actie', value: i => investigationLink(i.subject, i.summary)},
      ], items, 'Geen termijnen.')];
  });
  show('Inbox toezicht', requests, reviews, escalations, deadlines);
}

// ---- the investigations ----

export async function renderInvestigations() {
  const list = el('div');
  const status = select([['', 'Alle statussen'], ...['REQUESTED', 'PLANNED', 'IN_PROGRESS', 'CONCLUDED']
    .map(s => ['STATUS_' + s, label('STATUS_' + s)])], '');
  status.id = 'onderzoeken-status';
  // 25 a page, newest first (the services page: there are thousands nationally).
  const load = () => list.replaceChildren(pagedList('onderzoeken', 'Onderzoeken, nieuwste eerst',
    INVESTIGATION_COLUMNS, async (text, token) => {
      const r = await call(SERVICE + 'ListInvestigations',
        {status: status.value || undefined, pageSize: 25, pageToken: token});
      return {rows: r.investigations || [], next: r.nextPageToken};
    }, '', 'Geen onderzoeken.'));
  status.addEventListener('change', load);
  load();
  const parts = [el('section', {}, el('h2', {}, 'Alle onderzoeken'),
    el('div', {class: 'filters'}, el('div', {}, el('label', {for: status.id}, 'Status'), status)), list)];
  if (mayWrite()) parts.push(await section('Nieuw onderzoek', () => newInvestigationForm()));
  show('Onderzoeken', ...parts);
}

async function newInvestigationForm() {
  const provider = await providerField();
  const kind = select(['PROACTIVE', 'SIGNAL', 'INCIDENT', 'CALAMITY', 'MUNICIPAL_REQUEST']
    .map(k => ['KIND_' + k, label('KIND_' + k)]), 'KIND_PROACTIVE');
  const establishment = el('input', {type: 'text', autocomplete: 'off'});
  const subject = el('input', {type: 'text', autocomplete: 'off'});
  return [provider.extra, actionForm('Onderzoek openen', [
    {name: 'investigation.provider', label: 'Aanbieder', input: provider.input, hint: provider.hint},
    {name: 'investigation.kind', label: 'Soort', input: kind},
    {name: 'investigation.subject', label: 'Onderwerp', input: subject},
    {name: 'investigation.establishment', label: 'Vestiging (leeg: de hele aanbieder)', input: establishment},
  ], 'Onderzoek openen', (f) => {
    const e = establishment.value.trim();
    return change(SERVICE + 'CreateInvestigation', {investigation: {provider: provider.required('investigation.provider'), kind: kind.value,
      subject: subject.value.trim(), scope: e ? 'SCOPE_ESTABLISHMENT' : 'SCOPE_PROVIDER', establishment: e}},
    f.form, f.progress);
  }, (i) => { location.hash = '#/onderzoeken/' + idOf(i.name); })];
}

// ---- one investigation ----

function facts(i) {
  const row = (term, value) => value ? [el('dt', {}, term), el('dd', {}, value)] : null;
  const scope = i.scope === 'SCOPE_ESTABLISHMENT' ? 'vestiging ' + i.establishment
    : i.scope === 'SCOPE_CONTRACT' ? link('#/contracten/' + idOf(i.contract), 'het contract') : 'de hele aanbieder';
  return el('dl', {class: 'facts'},
    row('Aanbieder', providerLink(i)),
    row('Soort', label(i.kind)),
    row('Reikwijdte', scope),
    row('Status', label(i.status)),
    row('Geopend', day(i.openedDate)),
    row('Gestart', day(i.startedDate)),
    row('Afgerond', day(i.concludedDate)),
    row('Toezichthouders', (i.supervisors || []).join(', ')),
    row('Verzoek van', i.requestingMunicipality ? 'gemeente ' + municipalityName(i.requestingMunicipality) : ''),
    row('Wat er gebeurde', i.requestText),
    row('Datum incident', day(i.incidentDate)),
    row('Conclusie', i.conclusion),
    row('Samenvatting voor de gemeente', i.conclusionSummary),
    row('Rapport', i.reportReference));
}

// The steps the status may still take: intake (plan it), start, conclude.
function nextSteps(i, reload) {
  const forms = [];
  const move = (status, body) => (f) => change(SERVICE + 'UpdateInvestigationStatus',
    Object.assign({investigation: i.name, status, version: i.version}, body), f.form, f.progress);
  if (i.status === 'STATUS_REQUESTED') {
    forms.push(actionForm('Intake: het onderzoek plannen', [], 'Inplannen', move('STATUS_PLANNED', {}), reload));
  }
  if (i.status === 'STATUS_REQUESTED' || i.status === 'STATUS_PLANNED') {
    forms.push(actionForm('Het onderzoek starten', [], 'Starten', move('STATUS_IN_PROGRESS', {}), reload));
  }
  const conclusion = el('textarea', {});
  const summary = el('textarea', {});
  const report = el('input', {type: 'text', autocomplete: 'off'});
  forms.push(actionForm('Het onderzoek afronden', [
    {name: 'conclusion', label: 'Conclusie', input: conclusion},
    {name: 'conclusion_summary', label: 'Samenvatting voor de gemeente', input: summary,
      hint: 'Dit ziet de gemeente die om het onderzoek vroeg; de bevindingen ziet zij niet.'},
    {name: 'report_reference', label: 'Kenmerk van het rapport', input: report},
  ], 'Afronden', (f) => move('STATUS_CONCLUDED', {conclusion: conclusion.value, conclusionSummary: summary.value,
    reportReference: report.value})(f), reload));
  return forms;
}

function findingsTable(i) {
  return table('Bevindingen', [
    {title: 'Nr.', value: f => String(f.number), num: true},
    {title: 'Norm', value: f => [label(f.requirementKind) + ' ' + f.requirementReference,
      f.requirementText ? el('br') : null, f.requirementText]},
    {title: 'Ernst', value: f => label(f.severity)},
    {title: 'Waargenomen', value: f => f.observed},
    {title: 'Bewijs', value: f => (f.evidence || []).join(', ')},
    {title: 'Datum', value: f => day(f.date)},
    {title: 'Opgelost', value: f => f.resolved ? 'ja' : 'nee'},
  ], i.findings || [], 'Nog geen bevindingen.');
}

function findingForm(i, reload) {
  const kind = select(['TENDER_REQUIREMENT', 'LEGAL_NORM'].map(k => ['REQUIREMENT_KIND_' + k,
    label('REQUIREMENT_KIND_' + k)]), 'REQUIREMENT_KIND_TENDER_REQUIREMENT');
  const reference = el('input', {type: 'text', autocomplete: 'off'});
  const text = el('textarea', {});
  const observed = el('textarea', {});
  const severity = select(['OBSERVATION', 'MINOR', 'MAJOR', 'CRITICAL'].map(s => ['SEVERITY_' + s,
    label('SEVERITY_' + s)]), 'SEVERITY_MINOR');
  const evidence = el('textarea', {});
  const date = el('input', {type: 'text', autocomplete: 'off'});
  return actionForm('Bevinding vastleggen', [
    {name: 'finding.requirement_kind', label: 'Soort norm', input: kind},
    {name: 'finding.requirement_reference', label: 'Norm', input: reference, hint: 'Bijv. Bestek 4.2.1 of Jeugdwet art. 4.1.1.'},
    {name: 'finding.requirement_text', label: 'Tekst van de norm', input: text},
    {name: 'finding.observed', label: 'Wat is waargenomen', input: observed},
    {name: 'finding.severity', label: 'Ernst', input: severity},
    {name: 'finding.evidence', label: 'Bewijs (één per regel)', input: evidence, hint: 'Kenmerken van documenten, gesprekken, dossiers.'},
    {name: 'finding.date', label: 'Datum (dd-mm-jjjj)', input: date},
  ], 'Bevinding vastleggen', (f) => {
    const errors = [];
    const finding = {requirementKind: kind.value, requirementReference: reference.value, requirementText: text.value,
      observed: observed.value, severity: severity.value,
      evidence: evidence.value.split('\n').map(x => x.trim()).filter(Boolean),
      date: dayOf(date, 'finding.date', errors, true)};
    refuse(errors);
    return change(SERVICE + 'CreateFinding', {investigation: i.name, finding}, f.form, f.progress);
  }, reload);
}

function planView(i, p, reload) {
  const actions = table('Verbeteracties van plan ' + p.number, [
    {title: 'Nr.', value: a => String(a.number), num: true},
    {title: 'Actie', value: a => a.text},
    {title: 'Eigenaar', value: a => a.owner},
    {title: 'Uiterlijk', value: a => a.overdue ? [day(a.dueDate), ' ', el('strong', {class: 'late'}, 'te laat')] : day(a.dueDate)},
    {title: 'Afgerond', value: a => day(a.doneDate) || 'nee'},
  ], p.actions || []);
  const when = [p.followUpDate && p.followUpDate.year ? 'vervolgcontact ' + day(p.followUpDate) : '',
    p.reinspectionDate && p.reinspectionDate.year ? 'herinspectie ' + day(p.reinspectionDate) : ''].filter(Boolean);
  const condition = p.closed ? 'Gesloten op ' + day(p.closedDate) + ': ' + label(p.verdict) +
    (p.verdictText ? ' (' + p.verdictText + ')' : '') : 'Open' + (when.length ? '; ' + when.join(', ') : '');
  const forms = [];
  if (!p.closed && mayWrite() && i.status !== 'STATUS_CONCLUDED') {
    const open = (p.actions || []).filter(a => !a.doneDate || !a.doneDate.year);
    if (open.length) {
      const action = select(open.map(a => [String(a.number), a.number + ': ' + a.text]), String(open[0].number));
      action.id = 'plan-' + p.number + '-actie';
      const done = el('input', {type: 'text', autocomplete: 'off', id: 'plan-' + p.number + '-afgerond'});
      forms.push(actionForm('Verbeteractie afgerond', [
        {name: 'action', label: 'Verbeteractie', input: action},
        {name: 'done_date', label: 'Afgerond op (dd-mm-jjjj)', input: done},
      ], 'Afgerond vastleggen', (f) => {
        const errors = [];
        const body = {investigation: i.name, plan: p.number, action: Number(action.value),
          doneDate: dayOf(done, 'done_date', errors, true)};
        refuse(errors);
        return change(SERVICE + 'CompleteAction', body, f.form, f.progress);
      }, reload, 4));
    }
    const verdict = select([['VERDICT_EFFECTIVE', label('VERDICT_EFFECTIVE')],
      ['VERDICT_INSUFFICIENT', label('VERDICT_INSUFFICIENT')]], 'VERDICT_EFFECTIVE');
    verdict.id = 'plan-' + p.number + '-oordeel';
    const text = el('input', {type: 'text', autocomplete: 'off', id: 'plan-' + p.number + '-toelichting'});
    forms.push(actionForm('Verbeterplan sluiten', [
      {name: 'verdict', label: 'Oordeel', input: verdict, hint: 'Doeltreffend kan pas als elke actie is uitgevoerd; het lost de bevindingen van het plan op.'},
      {name: 'verdict_text', label: 'Toelichting', input: text},
    ], 'Plan sluiten', (f) => change(SERVICE + 'ClosePlan', {investigation: i.name, plan: p.number,
      verdict: verdict.value, verdictText: text.value}, f.form, f.progress), reload, 4));
  }
  return el('article', {class: 'case'},
    el('h3', {}, 'Verbeterplan ' + p.number + ' (bevinding ' + (p.findings || []).join(', ') + ')'),
    el('p', {}, condition), actions, forms.length ? el('div', {class: 'case-forms'}, forms) : null);
}

// A new plan: the findings it improves and up to three actions (empty rows are left out).
function planForm(i, reload) {
  const findings = el('input', {type: 'text', autocomplete: 'off', inputmode: 'numeric'});
  const rows = [1, 2, 3].map(n => ({
    n,
    text: el('input', {type: 'text', autocomplete: 'off', id: 'actie-' + n + '-tekst'}),
    owner: el('input', {type: 'text', autocomplete: 'off', id: 'actie-' + n + '-eigenaar'}),
    due: el('input', {type: 'text', autocomplete: 'off', id: 'actie-' + n + '-datum'}),
  }));
  const reinspection = el('input', {type: 'text', autocomplete: 'off'});
  const fields = [{name: 'plan.findings', label: 'Bevindingen (nummers, gescheiden door komma’s)', input: findings}];
  for (const r of rows) {
    const k = r.n - 1;
    fields.push({name: 'plan.actions[' + k + '].text', label: 'Actie ' + r.n + (r.n > 1 ? ' (optioneel)' : ''), input: r.text},
      {name: 'plan.actions[' + k + '].owner', label: 'Eigenaar van actie ' + r.n, input: r.owner},
      {name: 'plan.actions[' + k + '].due_date', label: 'Actie ' + r.n + ' uiterlijk (dd-mm-jjjj)', input: r.due});
  }
  fields.push({name: 'plan.reinspection_date', label: 'Herinspectie (dd-mm-jjjj, optioneel)', input: reinspection});
  return actionForm('Verbeterplan vastleggen', fields, 'Plan vastleggen', (f) => {
    const errors = [];
    const numbers = findings.value.split(/[\s,;]+/).filter(Boolean);
    if (numbers.some(x => !/^\d+$/.test(x))) {
      errors.push({field: 'plan.findings', description: 'Noem de bevindingen met hun nummers, bijv. 1, 2.'});
    }
    const used = rows.filter(r => r.n === 1 || r.text.value.trim() || r.owner.value.trim() || r.due.value.trim());
    const actions = used.map((r, k) => ({text: r.text.value, owner: r.owner.value,
      dueDate: dayOf(r.due, 'plan.actions[' + k + '].due_date', errors, true)}));
    const plan = {findings: numbers.map(Number), actions,
      reinspectionDate: dayOf(reinspection, 'plan.reinspection_date', errors, false)};
    refuse(errors);
    return change(SERVICE + 'CreatePlan', {investigation: i.name, plan}, f.form, f.progress);
  }, reload);
}

export async function renderInvestigation(id) {
  let i;
  try {
    i = await call(SERVICE + 'GetInvestigation', {name: 'investigations/' + id});
  } catch (e) {
    return show('Onderzoek', errorBox(e), el('p', {}, link('#/', 'Naar uw startpagina')));
  }
  const reload = () => renderInvestigation(id);
  const title = i.subject || label(i.kind) + ' bij ' + i.providerName;
  const open = i.status !== 'STATUS_CONCLUDED';
  const parts = [facts(i)];
  if (state.session.role === 'gemeente_contract_manager') {
    parts.push(el('p', {class: 'muted'}, 'U ziet van een onderzoek op verzoek van uw gemeente de status en, ',
      'na afronding, de samenvatting van de conclusie. De bevindingen blijven bij het toezicht.'));
    return show(title, ...parts);
  }
  if (open && mayWrite()) parts.push(el('section', {}, el('h2', {}, 'Volgende stap'), nextSteps(i, reload)));
  parts.push(el('section', {}, el('h2', {}, 'Bevindingen'), findingsTable(i),
    open && mayWrite() ? findingForm(i, reload) : null));
  parts.push(el('section', {}, el('h2', {}, 'Verbeterplannen'),
    (i.plans || []).length ? (i.plans || []).map(p => planView(i, p, reload)) : el('p', {class: 'muted'}, 'Nog geen verbeterplan.'),
    open && mayWrite() && (i.findings || []).length ? planForm(i, reload) : null));
  parts.push(el('p', {class: 'muted'}, 'Het openen van de bevindingen wordt vastgelegd in het auditlog.'));
  show(title, ...parts);
}

// ---- the period report ----

export async function renderPeriodReport() {
  const from = el('input', {type: 'text', autocomplete: 'off'});
  const to = el('input', {type: 'text', autocomplete: 'off'});
  const result = el('div', {'aria-live': 'polite'});
  const form = actionForm('Periode kiezen', [
    {name: 'start_date', label: 'Van (dd-mm-jjjj)', input: from},
    {name: 'end_date', label: 'Tot en met (dd-mm-jjjj)', input: to},
  ], 'Rapportage maken', (f) => {
    const errors = [];
    const body = {startDate: dayOf(from, 'start_date', errors, true), endDate: dayOf(to, 'end_date', errors, true)};
    refuse(errors);
    return call(SERVICE + 'GetPeriodReport', body);
  }, (r) => {
    result.replaceChildren(
      el('h2', {}, 'Rapportage ' + day(r.startDate) + ' t/m ' + day(r.endDate)),
      table('Onderzoeken per soort', [
        {title: 'Soort', value: k => label(k.kind)},
        {title: 'Geopend', value: k => String(k.opened || 0), num: true},
        {title: 'Afgerond', value: k => String(k.concluded || 0), num: true},
      ], r.investigations || [], 'Geen onderzoeken in deze periode.'),
      table('Bevindingen per ernst', [
        {title: 'Ernst', value: s => label(s.severity)},
        {title: 'Bevindingen', value: s => String(s.findings || 0), num: true},
      ], r.findings || [], 'Geen bevindingen in deze periode.'),
      el('p', {}, 'Verbeterplannen gesloten: ' + (r.plansClosed || 0) + '; open met een actie over tijd: ' +
        (r.plansOverdue || 0) + '; escalatiesignalen: ' + (r.escalations || 0) + '.'),
      downloadButton('Download de rapportage (CSV)', async () => ({fileName: 'toezicht-rapportage.csv',
        content: '\uFEFF' + r.csv, said: 'Het bestand toezicht-rapportage.csv is gedownload.'})),
      // Every provider's summary reads every investigation: made when asked for.
      downloadButton('Download de samenvattingen per aanbieder (CSV)', async () => ({
        fileName: 'toezicht-aanbieders.csv',
        content: '\uFEFF' + (await call(SERVICE + 'GetPeriodReport',
          {startDate: r.startDate, endDate: r.endDate, withProviderSummaries: true})).summariesCsv,
        said: 'Het bestand toezicht-aanbieders.csv is gedownload.'})));
  });
  show('Rapportage toezicht', el('section', {}, form), result);
}
