// The auditor's start page: the audit log with filters, each record's before and after, and
// the check of its hash chain (ozjt.audit.v1.AuditLog).
import {
  ROLES, alertBox, call, el, errorBox, filterForm, pagedList, readDayStart, section, show,
} from './core.js';

function auditTime(t) {
  if (!t) return '';
  return new Date(t).toLocaleString('nl-NL', {timeZone: 'Europe/Amsterdam', dateStyle: 'short', timeStyle: 'medium'});
}

// Before and after of a record: withheld content says so; otherwise the JSON, folded.
function auditContent(r) {
  if (r.contentWithheld) return el('span', {class: 'muted'}, 'Inhoud afgeschermd: vertrouwelijk');
  if (!r.beforeJson && !r.afterJson) return '';
  const pretty = (text) => { try { return JSON.stringify(JSON.parse(text), null, 2); } catch (e) { return text; } };
  return el('details', {},
    el('summary', {}, r.beforeJson ? 'Voor en na' : 'Na'),
    r.beforeJson ? el('div', {}, el('strong', {}, 'Voor'), el('pre', {}, pretty(r.beforeJson))) : null,
    el('div', {}, el('strong', {}, 'Na'), el('pre', {}, pretty(r.afterJson))));
}

function auditLog() {
  const text = () => el('input', {type: 'text'});
  const list = el('div');
  const {form, run} = filterForm('audit', [
    {name: 'entityType', label: 'Soort object', hint: 'bijv. provider, contract, screening_case', input: text()},
    {name: 'entityId', label: 'Id van het object', input: text()},
    {name: 'since', label: 'Vanaf (dd-mm-jjjj)', input: text(), read: readDayStart},
    {name: 'until', label: 'Tot (dd-mm-jjjj, niet t/m)', input: text(), read: readDayStart},
  ], 'Toon auditregels', (v) => {
    const filter = {entityType: v.entityType, entityId: v.entityId};
    if (v.since) filter.startTime = v.since;
    if (v.until) filter.endTime = v.until;
    list.replaceChildren(pagedList('auditregels', 'Auditregels, nieuwste eerst', [
      {title: 'Tijd', value: r => auditTime(r.time)},
      {title: 'Wie', value: r => r.actor},
      {title: 'Rol', value: r => ROLES[r.role] || r.role},
      {title: 'Actie', value: r => (r.method || '').split('/').pop()},
      {title: 'Object', value: r => r.entityType + ' ' + r.entityId},
      {title: 'Inhoud', value: auditContent},
    ], async (text, token) => {
      const r = await call('audit.v1.AuditLog/ListAuditRecords',
        Object.assign({pageSize: 20, pageToken: token, actor: text}, filter));
      return {rows: r.records || [], next: r.nextPageToken};
    }, 'Wie (gebruiker)', 'Geen auditregels met deze voorwaarden.'));
  });
  run();
  return [form, list];
}

function auditChain() {
  const result = el('div', {'aria-live': 'polite'});
  const button = el('button', {type: 'button'}, 'Controleer de keten');
  button.addEventListener('click', async () => {
    button.disabled = true;
    result.replaceChildren(el('p', {class: 'muted', role: 'status'}, 'Bezig met controleren…'));
    try {
      const r = await call('audit.v1.AuditLog/VerifyAuditChain', {});
      const checked = Number(r.records || 0).toLocaleString('nl-NL');
      result.replaceChildren(r.intact
        ? el('div', {class: 'notice', role: 'status'},
            el('p', {}, 'De auditketen is ongeschonden: ' + checked + ' regels gecontroleerd op ' + auditTime(r.verifiedAt) + '.'),
            el('p', {}, 'Laatste hash: ', el('code', {}, r.headHash)),
            el('p', {class: 'hint'}, 'Noteer deze hash buiten het systeem; een latere controle die bij dezelfde regel op dezelfde hash uitkomt, bewijst dat er daarvoor niets is veranderd.'),
            Number(r.unchainedRecords || 0) > 0
              ? el('p', {}, Number(r.unchainedRecords).toLocaleString('nl-NL') + ' recente regels staan nog niet in de keten (de server voegt ze binnen een seconde toe; controleer later opnieuw om ze mee te nemen).')
              : null)
        : alertBox('De auditketen is VERBROKEN op positie ' + r.brokenAtPosition +
            (Number(r.brokenAtRecord) ? ' (auditregel ' + r.brokenAtRecord + ')' : '') + ': ' + r.reason +
            ' De ' + checked + ' regels ervoor zijn ongeschonden.'));
    } catch (e) {
      result.replaceChildren(errorBox(e));
    }
    button.disabled = false;
  });
  return [el('p', {}, 'Elke auditregel draagt de hash van de vorige; de controle rekent de hele keten na.'), button, result];
}

export async function renderAuditStart() {
  const log = await section('Auditlog', async () => auditLog());
  const chain = await section('Hashketen van het auditlog', async () => auditChain());
  show('Audit', log, chain);
}
