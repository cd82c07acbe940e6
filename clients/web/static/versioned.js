// What contracts and providers share: the history of a versioned resource (every version: who,
// when, what changed; two versions side by side) and its edit with the version check: an edit
// of a version someone else changed meanwhile is refused by the service (ABORTED), and the page
// says who changed it and when, keeps everything typed, and offers to load the new version
// underneath it. A kind says which resource: {key ('contract'), service, get, update, history
// (method names), noun ('Contract'), facts: [[label, read]], editable: [[field, label, read,
// parse, choices?]], methods: {Method: 'what it did'}}.
import {ApiError, actionForm, call, change, el, errorBox, select, table} from './core.js';

function hourMinute(time) {
  return new Date(time).toLocaleTimeString('nl-NL', {timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit'});
}
function dayAndTime(time) {
  return new Date(time).toLocaleString('nl-NL', {timeZone: 'Europe/Amsterdam', dateStyle: 'short', timeStyle: 'short'});
}

function changedFacts(kind, older, newer) {
  return kind.facts.filter(([, read]) => read(older) !== read(newer)).map(([name]) => name);
}

function what(kind, v) {
  const m = (v.method || '').split('/').pop();
  return kind.methods[m] || m || 'Gewijzigd';
}

// ---- history ----

async function allVersions(kind, name) {
  const versions = [];
  let pageToken = '';
  do {
    const r = await call(kind.service + '/' + kind.history, {name, pageSize: 100, pageToken});
    versions.push(...(r.versions || []));
    pageToken = r.nextPageToken || '';
  } while (pageToken);
  return versions;  // newest first
}

function sideBySide(kind, a, b) {
  const older = Number(a[kind.key].version) <= Number(b[kind.key].version) ? a : b;
  const newer = older === a ? b : a;
  const title = (v) => 'Versie ' + v[kind.key].version + ' (' + dayAndTime(v.changeTime) + ')';
  return el('div', {class: 'table-box', tabindex: '0', role: 'region', 'aria-label': 'Twee versies naast elkaar'},
    el('table', {class: 'compare'},
      el('caption', {}, 'Versie ' + older[kind.key].version + ' naast versie ' + newer[kind.key].version +
        '; gewijzigde velden zijn gemarkeerd'),
      el('thead', {}, el('tr', {}, el('th', {scope: 'col'}, 'Veld'), el('th', {scope: 'col'}, title(older)),
        el('th', {scope: 'col'}, title(newer)))),
      el('tbody', {}, kind.facts.map(([name, read]) => {
        const changed = read(older[kind.key]) !== read(newer[kind.key]);
        return el('tr', {class: changed ? 'changed' : null},
          el('th', {scope: 'row'}, name, changed ? el('span', {class: 'visually-hidden'}, ' (gewijzigd)') : null),
          el('td', {}, read(older[kind.key])), el('td', {}, read(newer[kind.key])));
      }))));
}

async function historySection(kind, name) {
  const versions = await allVersions(kind, name);
  const list = table('Versies, nieuwste eerst', [
    {title: 'Versie', value: v => String(v[kind.key].version)},
    {title: 'Wanneer', value: v => dayAndTime(v.changeTime)},
    {title: 'Door', value: v => v.actor},
    {title: 'Wat', value: v => what(kind, v)},
    {title: 'Gewijzigd', value: v => {
      const i = versions.indexOf(v);
      return i + 1 < versions.length ? changedFacts(kind, versions[i + 1][kind.key], v[kind.key]).join(', ') || 'niets zichtbaars' : 'eerste versie';
    }},
  ], versions, 'Geen versies.');
  if (versions.length < 2) return [list];
  const options = versions.map(v => [String(v[kind.key].version), 'Versie ' + v[kind.key].version + ' · ' + dayAndTime(v.changeTime) + ' · ' + v.actor]);
  const left = select(options, String(versions[1][kind.key].version));
  const right = select(options, String(versions[0][kind.key].version));
  left.id = 'versie-links';
  right.id = 'versie-rechts';
  const shown = el('div');
  const compare = () => shown.replaceChildren(sideBySide(kind,
    versions.find(v => String(v[kind.key].version) === left.value),
    versions.find(v => String(v[kind.key].version) === right.value)));
  left.addEventListener('change', compare);
  right.addEventListener('change', compare);
  compare();
  return [list, el('h3', {}, 'Twee versies vergelijken'),
    el('div', {class: 'filters'},
      el('div', {}, el('label', {for: left.id}, 'Versie'), left),
      el('div', {}, el('label', {for: right.id}, 'naast versie'), right)),
    shown];
}

// ---- edit ----

const camel = (field) => field.replace(/_(\w)/g, (_, x) => x.toUpperCase());

// The form with the resource's editable fields; done(resource, reloaded) after a save or a
// reload. Only the fields changed are sent (the update mask), with the version read.
function editForm(kind, resource, done) {
  const EDITABLE = kind.editable;
  let current = resource;
  const inputs = {};
  // A field with a list of [value, text] choices is a choice; any other is typed.
  for (const [field, , read, , choices] of EDITABLE) {
    inputs[field] = choices ? select(choices, read(current))
      : el('input', {type: 'text', value: read(current), autocomplete: 'off'});
  }
  const stale = el('div', {'aria-live': 'assertive'});
  const form = actionForm(kind.noun + ' wijzigen', EDITABLE.map(([field, text]) => ({
    name: kind.key + '.' + field, label: text, input: inputs[field],
  })), 'Wijzigingen opslaan', async (f) => {
    stale.replaceChildren();
    const body = {name: current.name, version: current.version};
    const mask = [];
    const fields = [];
    for (const [field, , read, parse] of EDITABLE) {
      if (inputs[field].value === read(current)) continue;
      const r = parse(inputs[field].value);
      if (r.error) fields.push({field: kind.key + '.' + field, description: r.error});
      body[camel(field)] = r.value;
      mask.push(camel(field));
    }
    if (fields.length) throw new ApiError(400, {code: 'INVALID_ARGUMENT', fields});
    if (!mask.length) throw new ApiError(400, {code: 'INVALID_ARGUMENT', message: 'U heeft niets gewijzigd.'});
    try {
      return await change(kind.service + '/' + kind.update, {[kind.key]: body, updateMask: mask.join(',')},
        f.form, f.progress);
    } catch (e) {
      if (e.code === 'ABORTED') await showStale(e);
      throw e;
    }
  }, (saved) => { current = saved; done(saved); });

  // Someone else saved a newer version: who and when, and a button that loads it under what
  // was typed (the inputs keep their text; saving again sends it against the new version).
  async function showStale(e) {
    let newest = null;
    try {
      newest = (await call(kind.service + '/' + kind.history, {name: current.name, pageSize: 1})).versions[0];
    } catch (ignored) { /* the sentence below says enough */ }
    e.message = newest
      ? 'Gewijzigd door ' + newest.actor + ' om ' + hourMinute(newest.changeTime) + '; laad opnieuw. Wat u heeft ingevuld blijft staan.'
      : 'Iemand anders heeft dit intussen gewijzigd; laad opnieuw. Wat u heeft ingevuld blijft staan.';
    const reload = el('button', {type: 'button', class: 'secondary'}, 'Laad opnieuw (uw invoer blijft staan)');
    reload.addEventListener('click', async () => {
      try {
        const before = current;
        current = await call(kind.service + '/' + kind.get, {name: current.name});
        // A field left as it was shows the new version's value; what was typed stays.
        for (const [field, , read] of EDITABLE) {
          if (inputs[field].value === read(before)) inputs[field].value = read(current);
        }
        stale.replaceChildren(el('p', {class: 'notice', role: 'status'}, 'Versie ' + current.version +
          ' is geladen. Controleer uw invoer en sla opnieuw op.'));
        done(current, true);
      } catch (err) {
        stale.replaceChildren(errorBox(err));
      }
    });
    stale.replaceChildren(reload);
  }
  form.append(stale);
  return form;
}

// The "Wijzigen" and "Geschiedenis" sections of a resource's page. After a save (or a newer
// version loaded under a refused one) the page's facts (view.facts, drawn by
// view.factsOf(resource)) show the new version, after a save its heading too (view.title), and
// the history is read again; view.saved(resource) hears of each new version. The form keeps
// what was typed.
export function editAndHistory(kind, resource, view) {
  let facts = view.facts;
  const shown = (changed, reloaded) => {
    const next = view.factsOf(changed);
    facts.replaceWith(next);
    facts = next;
    if (!reloaded) document.querySelector('main h1').textContent = view.title(changed);
    if (view.saved) view.saved(changed);
  };
  const history = el('section', {}, el('h2', {}, 'Geschiedenis'));
  const loadHistory = async () => {
    try { history.replaceChildren(el('h2', {}, 'Geschiedenis'), ...await historySection(kind, resource.name)); }
    catch (e) { history.replaceChildren(el('h2', {}, 'Geschiedenis'), errorBox(e)); }
  };
  loadHistory();
  const edit = editForm(kind, resource, (changed, reloaded) => { shown(changed, reloaded); loadHistory(); });
  return [el('section', {}, el('h2', {}, 'Wijzigen'), edit), history];
}
