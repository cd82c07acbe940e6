// Decisions about extension options and the letters to providers: the decision (who decided,
// when: e.g. the AO Jeugd) that precedes exercising or declining an option; the letters the
// service composes as PDF (an option exercised or declined, a notice of default, a
// termination, a termination by notice) for each provider; and the day each was sent with its
// proof of receipt.
import {
  ApiError, actionForm, call, change, day, downloadButton, el, errorBox, label, parseDutchDay, select, table,
} from './core.js';

// The form to record the decision about the next option, for an awarded or running contract
// with an option left; version() is the version shown now.
export function decisionForm(c, version, done) {
  const next = (c.options || []).find(o => !o.exercise);
  const running = ['CONTRACT_STATUS_AWARDED', 'CONTRACT_STATUS_ACTIVE'].includes(c.status);
  if (!next || !running || (next.decision && next.decision.outcome === 'OPTION_OUTCOME_DECLINE')) return null;
  const outcome = select([['OPTION_OUTCOME_EXTEND', 'Verlengen (optie lichten)'],
    ['OPTION_OUTCOME_DECLINE', 'Niet verlengen']], 'OPTION_OUTCOME_EXTEND');
  const by = el('input', {type: 'text', autocomplete: 'off'});
  const date = el('input', {type: 'text', autocomplete: 'off'});
  const reference = el('input', {type: 'text', autocomplete: 'off'});
  const article = el('input', {type: 'text', autocomplete: 'off'});
  return actionForm('Besluit over optie ' + next.number + ' vastleggen', [
    {name: 'decision.outcome', label: 'Besluit', input: outcome,
      hint: 'Niet verlengen is definitief: het contract eindigt op ' + day(c.endDate) + '.'},
    {name: 'decision.decided_by', label: 'Besloten door', input: by, hint: 'Bijv. AO Jeugd.'},
    {name: 'decision.decision_date', label: 'Datum besluit (dd-mm-jjjj)', input: date},
    {name: 'decision.reference', label: 'Kenmerk besluit (niet verplicht)', input: reference},
    {name: 'decision.article', label: 'Artikel met de verlengingsoptie (niet verplicht)', input: article,
      hint: 'Bijv. artikel 2.3; de brief noemt het.'},
  ], 'Besluit vastleggen', (f) => {
    const when = parseDutchDay(date.value);
    if (!when) {
      throw new ApiError(400, {code: 'INVALID_ARGUMENT', fields: [{field: 'decision.decision_date',
        description: 'Schrijf de datum als dd-mm-jjjj, bijv. 02-09-2026.'}]});
    }
    return change('contracts.v1.ContractService/DecideOption', {contract: c.name, optionNumber: next.number,
      decision: {outcome: outcome.value, decidedBy: by.value.trim(), decisionDate: when,
        reference: reference.value.trim(), article: article.value.trim()}, version: version()},
    f.form, f.progress);
  }, done);
}

// What a decision reads as in the options table.
export function decisionText(o) {
  if (!o.decision) return '';
  return label(o.decision.outcome) + ': ' + o.decision.decidedBy + ', ' + day(o.decision.decisionDate) +
    (o.decision.reference ? ' (' + o.decision.reference + ')' : '');
}

const LEGAL_LETTERS = {
  LEGAL_STEP_KIND_INGEBREKESTELLING: 'LETTER_KIND_INGEBREKESTELLING',
  LEGAL_STEP_KIND_ONTBINDING: 'LETTER_KIND_ONTBINDING',
  LEGAL_STEP_KIND_OPZEGGING: 'LETTER_KIND_OPZEGGING',
};

// The letters a contract has: per option decided or exercised, and per legal step with a
// letter, one for each provider.
function lettersOf(c, steps) {
  const subjects = [];
  for (const o of c.options || []) {
    const declined = o.decision && o.decision.outcome === 'OPTION_OUTCOME_DECLINE';
    if (declined) subjects.push({kind: 'LETTER_KIND_OPTION_DECLINE', optionNumber: o.number, what: 'optie ' + o.number});
    else if (o.exercise || o.decision) subjects.push({kind: 'LETTER_KIND_OPTION_EXERCISE', optionNumber: o.number, what: 'optie ' + o.number});
  }
  for (const s of steps) {
    if (LEGAL_LETTERS[s.kind]) subjects.push({kind: LEGAL_LETTERS[s.kind], legalStep: s.name, what: 'stap van ' + day(s.date)});
  }
  const out = [];
  (c.providers || []).forEach((p, i) => {
    for (const s of subjects) out.push({...s, provider: p, providerName: (c.providerDisplayNames || [])[i] || p});
  });
  return out;
}

function sameLetter(a, d) {
  return d.kind === a.kind && d.provider === a.provider && (d.optionNumber || 0) === (a.optionNumber || 0) &&
    (d.legalStep || '') === (a.legalStep || '');
}

function pdfBytes(base64) {
  const raw = atob(base64 || '');
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

// The section "Brieven aan aanbieders": each letter with its download and, when sent, the day
// and the proof; `writer`: the form to record a sending.
export async function lettersSection(c, writer) {
  const box = el('div');
  const load = async () => {
    try {
      const [steps, sent] = await Promise.all([
        call('contracts.v1.ContractService/ListLegalSteps', {contract: c.name}),
        call('contracts.v1.ContractService/ListLetterDispatches', {contract: c.name})]);
      const letters = lettersOf(c, steps.steps || []);
      const dispatches = sent.dispatches || [];
      const rows = letters.map(l => ({...l, sent: dispatches.find(d => sameLetter(l, d))}));
      const parts = [table('Brieven aan aanbieders', [
        {title: 'Brief', value: l => label(l.kind) + ' (' + l.what + ')'},
        {title: 'Aanbieder', value: l => l.providerName},
        {title: 'Verzonden', value: l => l.sent ? day(l.sent.sentDate) + ', bewijs: ' + l.sent.receiptProof : 'nog niet vastgelegd'},
        {title: 'PDF', value: l => downloadButton('Download ' + label(l.kind).toLowerCase() + ' voor ' + l.providerName,
          async () => {
            const r = await call('contracts.v1.ContractService/GetContractLetter', {contract: c.name,
              kind: l.kind, optionNumber: l.optionNumber || 0, legalStep: l.legalStep || '', provider: l.provider});
            return {fileName: r.fileName, content: pdfBytes(r.pdf), type: 'application/pdf',
              said: 'De brief "' + r.subject + '" (' + r.fileName + ') is gedownload.'};
          })},
      ], rows, 'Nog geen brieven: leg eerst een besluit over een optie of een juridische stap vast.')];
      const open = rows.filter(l => !l.sent);
      if (writer && open.length) parts.push(sentForm(c, open, load));
      box.replaceChildren(...parts);
    } catch (e) { box.replaceChildren(errorBox(e)); }
  };
  await load();
  return [el('h2', {}, 'Brieven aan aanbieders'), box];
}

function sentForm(c, open, done) {
  const which = select(open.map((l, i) => [String(i), label(l.kind) + ' (' + l.what + ') aan ' + l.providerName]), '0');
  const date = el('input', {type: 'text', autocomplete: 'off'});
  const proof = el('input', {type: 'text', autocomplete: 'off'});
  return actionForm('Verzending van een brief vastleggen', [
    {name: 'dispatch.kind', label: 'Brief', input: which},
    {name: 'dispatch.sent_date', label: 'Verzonden op (dd-mm-jjjj)', input: date},
    {name: 'dispatch.receipt_proof', label: 'Bewijs van ontvangst', input: proof,
      hint: 'Bijv. het nummer van de aangetekende brief of de ontvangstbevestiging.'},
  ], 'Verzending vastleggen', (f) => {
    const sent = parseDutchDay(date.value);
    if (!sent) {
      throw new ApiError(400, {code: 'INVALID_ARGUMENT', fields: [{field: 'dispatch.sent_date',
        description: 'Schrijf de datum als dd-mm-jjjj, bijv. 03-09-2026.'}]});
    }
    const l = open[Number(which.value)];
    return change('contracts.v1.ContractService/RecordLetterSent', {dispatch: {contract: c.name, kind: l.kind,
      optionNumber: l.optionNumber || 0, legalStep: l.legalStep || '', provider: l.provider, sentDate: sent,
      receiptProof: proof.value.trim()}}, f.form, f.progress);
  }, done);
}
