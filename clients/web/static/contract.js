// A contract's page: its terms, options and notice deadlines, tariffs, the KPIs of vervoer and
// the contract management notes; and the paged contract list other pages show.
import {
  ApiError, actionForm, call, change, day, el, errorBox, euroText, idOf, label, link, localPages, money,
  municipalityName, pagedList, parseDutchDay, parseEuro, section, show, stamp, state, table,
} from './core.js';
import {decisionForm, decisionText, lettersSection} from './letters.js';
import {editAndHistory} from './versioned.js';
import {vervoerSections} from './vervoer.js';

// The roles that change contracts; the page shows them the edit and the history.
export const CONTRACT_WRITERS = ['ozjt_contract_manager', 'admin'];

// Contracts as versioned.js shows their history and edits them: the facts compared, the
// fields edited, and what each method did.
const FACTS = [
  ['Kenmerk', c => c.reference],
  ['Titel', c => c.title],
  ['Status', c => label(c.status)],
  ['Soort', c => label(c.family)],
  ['Aanbieders', c => (c.providerDisplayNames || []).join(', ')],
  ['Gemeenten', c => (c.participations || []).map(p => municipalityName(p.municipalityCode) +
    ' (' + day(p.validFrom) + (p.validTo ? ' t/m ' + day(p.validTo) : '') + ')').join(', ')],
  ['Contractpartij', c => c.contractingParty],
  ['Begindatum', c => day(c.startDate)],
  ['Einddatum', c => day(c.endDate)],
  ['Waarde per jaar', c => money(c.valueCents)],
  ['Opzegtermijn', c => (c.noticeMonths || 6) + ' maanden'],
  ['Verlengingsopties', c => (c.options || []).map(o => 'optie ' + o.number + ': ' + o.lengthMonths + ' mnd' +
    (o.decision ? ', besluit ' + decisionText(o) : '') +
    (o.exercise ? ', gebruikt (aangezegd ' + day(o.exercise.noticeDate) + ')' : '')).join('; ')],
  ['Documenten', c => (c.documents || []).map(d => d.title).join(', ')],
];

const METHODS = {
  CreateContract: 'Vastgelegd', UpdateContract: 'Gewijzigd', ExerciseOption: 'Optie gebruikt',
  DecideOption: 'Besluit over optie',
  CreateLegalStep: 'Juridische stap',
};

const EDITABLE = [
  // [field name as the service names it, label, read the contract, read the input -> value | error]
  ['title', 'Titel', c => c.title, t => ({value: t.trim()})],
  ['contracting_party', 'Contractpartij', c => c.contractingParty, t => ({value: t.trim()})],
  ['end_date', 'Einddatum (dd-mm-jjjj)', c => day(c.endDate), t => {
    const d = parseDutchDay(t);
    return d ? {value: d} : {error: 'Schrijf de einddatum als dd-mm-jjjj, bijv. 31-12-2027.'};
  }],
  ['value_cents', 'Waarde per jaar (euro)', c => euroText(c.valueCents), t => {
    const cents = parseEuro(t);
    return cents !== null ? {value: cents} : {error: 'Schrijf een bedrag in euro, bijv. 9.500.000,00.'};
  }],
  ['notice_months', 'Opzegtermijn (maanden)', c => String(c.noticeMonths || 6), t => (/^\d{1,2}$/.test(t.trim())
    ? {value: Number(t.trim())} : {error: 'Vul een aantal maanden in, bijv. 6.'})],
];
const CONTRACT = {key: 'contract', noun: 'Contract', service: 'contracts.v1.ContractService', get: 'GetContract',
  update: 'UpdateContract', history: 'ListContractHistory', facts: FACTS, editable: EDITABLE, methods: METHODS};

// The form to exercise the next option (notice date, proof of receipt, the provider's consent
// when the option is not unilateral), for an awarded or running contract with an option left;
// version() is the version shown now (an edit on this page moves it on).
function exerciseForm(c, version, done) {
  const next = (c.options || []).find(o => !o.exercise);
  const running = ['CONTRACT_STATUS_AWARDED', 'CONTRACT_STATUS_ACTIVE'].includes(c.status);
  if (!next || !running || (next.decision && next.decision.outcome === 'OPTION_OUTCOME_DECLINE')) return null;
  const date = el('input', {type: 'text', autocomplete: 'off'});
  const proof = el('input', {type: 'text', autocomplete: 'off'});
  const consent = el('input', {type: 'text', autocomplete: 'off'});
  const fields = [
    {name: 'notice_date', label: 'Aangezegd op (dd-mm-jjjj)', input: date,
      hint: 'Uiterlijk ' + day(next.noticeDeadline) + '; ook achteraf vast te leggen als de aanzegging op tijd was.'},
    {name: 'receipt_proof', label: 'Bewijs van ontvangst', input: proof, hint: 'Bijv. het nummer van de aangetekende brief.'},
  ];
  if (!next.unilateral) fields.push({name: 'consent_reference', label: 'Instemming van de aanbieder', input: consent});
  return actionForm('Optie ' + next.number + ' gebruiken: ' + next.lengthMonths + ' maanden verlengen', fields,
    'Optie ' + next.number + ' vastleggen', (f) => {
      const notice = parseDutchDay(date.value);
      if (!notice) {
        throw new ApiError(400, {code: 'INVALID_ARGUMENT', fields: [{field: 'notice_date',
          description: 'Schrijf de datum als dd-mm-jjjj, bijv. 25-11-2026.'}]});
      }
      return change('contracts.v1.ContractService/ExerciseOption', {contract: c.name, optionNumber: next.number,
        noticeDate: notice, receiptProof: proof.value.trim(), consentReference: consent.value.trim(), version: version()},
      f.form, f.progress);
    }, done);
}

function contractColumns() {
  return [
    {title: 'Kenmerk', value: c => link('#/contracten/' + idOf(c.name), c.reference)},
    {title: 'Titel', value: c => c.title},
    {title: 'Looptijd', value: c => day(c.startDate) + ' t/m ' + day(c.endDate)},
    {title: 'Status', value: c => label(c.status)},
  ];
}

export function contractsList(id, filter) {
  return pagedList(id, 'Contracten', contractColumns(), async (text, token) => {
    const r = await call('contracts.v1.ContractService/ListContracts',
      {filter: Object.assign({text}, filter), pageSize: 10, pageToken: token});
    return {rows: r.contracts, next: r.nextPageToken};
  }, 'Zoek op kenmerk of titel', 'Geen contracten gevonden.');
}

export async function renderContract(id) {
  const name = 'contracts/' + id;
  let c;
  try {
    c = await call('contracts.v1.ContractService/GetContract', {name});
  } catch (e) {
    return show('Contract', errorBox(e), el('p', {}, link('#/', 'Terug naar de start')));
  }
  // The contracted providers by name (the service sends them with the contract), each a link
  // to its page when the user may open it (a municipality opens the providers active in it).
  const names = c.providerDisplayNames || [];
  const openable = await Promise.all(c.providers.map(p =>
    call('registry.v1.ProviderRegistry/GetProvider', {name: p}).then(r => r.displayName, () => '')));
  const providers = c.providers.map((p, i) => {
    const shown = names[i] || openable[i] || 'een aanbieder die u niet kunt inzien';
    return [i ? ', ' : '', openable[i] ? link('#/aanbieders/' + idOf(p), shown) : shown];
  });
  const factsOf = (c) => el('dl', {class: 'facts'},
    el('dt', {}, 'Kenmerk'), el('dd', {}, c.reference),
    el('dt', {}, 'Status'), el('dd', {}, label(c.status)),
    el('dt', {}, 'Soort'), el('dd', {}, label(c.family)),
    el('dt', {}, 'Looptijd'), el('dd', {}, day(c.startDate) + ' t/m ' + day(c.endDate)),
    el('dt', {}, 'Waarde per jaar'), el('dd', {}, money(c.valueCents)),
    el('dt', {}, 'Opzegtermijn'), el('dd', {}, (c.noticeMonths || 6) + ' maanden'),
    el('dt', {}, 'Contractpartij'), el('dd', {}, c.contractingParty),
    el('dt', {}, 'Aanbieders'), el('dd', {}, providers.length ? providers : 'nog geen'),
    el('dt', {}, 'Gemeenten'), el('dd', {}, el('ul', {class: 'plain'}, c.participations.map(p =>
      el('li', {}, municipalityName(p.municipalityCode) + ': vanaf ' + day(p.validFrom) +
        (p.validTo && p.validTo.year ? ' t/m ' + day(p.validTo) : ''))))),
    el('dt', {}, 'Documenten'), el('dd', {}, (c.documents || []).length
      ? el('ul', {class: 'plain'}, c.documents.map(d => el('li', {}, d.title + (d.date ? ' (' + day(d.date) + ')' : '') + ': ',
        el('code', {}, d.link))))
      : 'geen'),
    el('dt', {}, 'Versie'), el('dd', {}, String(c.version)));
  const facts = factsOf(c);
  const options = table('Verlengingsopties', [
    {title: 'Optie', value: o => String(o.number)},
    {title: 'Verlenging', value: o => o.lengthMonths + ' maanden'},
    {title: 'Eenzijdig', value: o => o.unilateral ? 'ja' : 'nee'},
    {title: 'Uiterlijk aanzeggen', value: o => day(o.noticeDeadline) || (o.exercise ? day(o.exercise.noticeDeadline) : '')},
    {title: 'Gebruikt', value: o => o.exercise && o.exercise.noticeDate
      ? 'aangezegd ' + day(o.exercise.noticeDate) + (o.exercise.recordedAfterTheFact ? ' (achteraf vastgelegd)' : '') : 'nee'},
    {title: 'Besluit', value: decisionText},
  ], c.options, 'Geen verlengingsopties.');

  const tariffs = await section('Tarieven', async () => {
    const r = await call('contracts.v1.TariffService/ListTariffLines', {contract: name});
    return pagedList('tarieven', 'Tariefregels', [
      {title: 'Product', value: t => t.productCode},
      {title: 'Omschrijving', value: t => t.description},
      {title: 'Eenheid', value: t => t.unit},
      {title: 'Tarief', value: t => money(t.amountCents), num: true},
      {title: 'Geldig', value: t => day(t.validFrom) + (t.validTo && t.validTo.year ? ' t/m ' + day(t.validTo) : '')},
    ], localPages(r.lines, (t, q) => (t.productCode + ' ' + t.description).toLowerCase().includes(q)),
    'Zoek op product', 'Geen tariefregels.');
  });
  const parts = [facts];
  let shownVersion = c.version;
  // The terms and the history: for the roles that change contracts (the service decides).
  if (CONTRACT_WRITERS.includes(state.session.role)) {
    parts.push(el('p', {}, link('#/contracten/' + id + '/tarieven', 'Tarieven en indexatie beheren')),
      ...editAndHistory(CONTRACT, c, {facts, factsOf, title: (changed) => changed.reference + ': ' + changed.title,
        saved: (changed) => { shownVersion = changed.version; }}));
  }
  parts.push(el('h2', {}, 'Verlengingsopties en aanzegtermijnen'), options);
  const writer = CONTRACT_WRITERS.includes(state.session.role);
  if (writer) {
    parts.push(decisionForm(c, () => shownVersion, () => renderContract(id)),
      exerciseForm(c, () => shownVersion, () => renderContract(id)));
  }
  // Letters: OZJT's own roles (the service decides; municipal users do not get them).
  if (writer || state.session.role === 'auditor') parts.push(...await lettersSection(c, writer));
  parts.push(tariffs);

  if ((c.family || '').startsWith('CONTRACT_FAMILY_VERVOER')) {
    parts.push(...await vervoerSections(c, CONTRACT_WRITERS.includes(state.session.role)));
  }

  const notes = el('div');
  async function loadNotes() {
    try {
      const r = await call('contracts.v1.ContractService/ListContractNotes', {contract: name});
      notes.replaceChildren(table('Notities', [
        {title: 'Datum', value: n => stamp(n.createTime)},
        {title: 'Door', value: n => n.author},
        {title: 'Gemeente', value: n => municipalityName(n.municipalityCode)},
        {title: 'Notitie', value: n => n.text},
      ], r.notes, 'Nog geen notities.'));
    } catch (e) { notes.replaceChildren(errorBox(e)); }
  }
  loadNotes();
  const text = el('textarea', {});
  parts.push(el('section', {}, el('h2', {}, 'Contractmanagement: notities'),
    actionForm('Notitie vastleggen', [{name: 'note.text', label: 'Notitie', input: text}], 'Notitie opslaan',
      (f) => change('contracts.v1.ContractService/CreateContractNote', {note: {contract: name, text: text.value}},
        f.form, f.progress),
      () => { text.value = ''; loadNotes(); }),
    notes));
  show(c.reference + ': ' + c.title, ...parts, el('p', {}, link('#/', 'Terug naar de start')));
}