// OZJT Contractbeheer, the web client's entry: login, the menu of the user's role and the
// pages by address. What each role sees is decided by the services; the menu only leaves out
// pages a role has no use for.
import {
  ROLES, actionForm, alertBox, call, el, hooks, link, municipalityName, request, select, show,
  state,
} from './core.js';
import {renderAuditStart} from './audit.js';
import {renderContinuity} from './continuity.js';
import {CONTRACT_WRITERS, renderContract} from './contract.js';
import {renderInsight} from './insight.js';
import {renderJzplus} from './jzplus.js';
import {renderManagerStart} from './manager.js';
import {renderOverview} from './municipal.js';
import {renderProvider} from './provider.js';
import {renderProviders} from './providers.js';
import {renderRegister} from './register.js';
import {renderOutcomes, renderScreeningCase, renderScreeningStart} from './screening.js';
import {renderInvestigation, renderInvestigations, renderPeriodReport, renderSupervisionInbox} from './supervision.js';
import {renderTariffs} from './tariffs.js';

hooks.sessionLost = (message) => logout(message);

function logout(message) {
  state.token = '';
  state.session = null;
  // What one role read is not the next one's: a municipal user sees fewer providers.
  state.providers = null;
  sessionStorage.removeItem('ozjt.token');
  location.hash = '#/';
  renderLogin(message);
}

async function renderLogin(message) {
  document.getElementById('wie').replaceChildren();
  document.getElementById('menu').replaceChildren();
  const config = await request('/api/config', null, 'GET').catch(() => ({dev_login: false}));
  const parts = [];
  if (message) parts.push(el('div', {class: 'alert', role: 'alert'}, message));
  if (config.dev_login) {
    const list = await request('/api/dev-login/municipalities', null, 'GET').catch(() => ({municipalities: []}));
    const gemeente = select(list.municipalities.map(m => [m.cbsCode, m.displayName + ' (' + m.cbsCode + ')']), '0153');
    const role = select(Object.entries(ROLES), 'gemeente_contract_manager');
    parts.push(el('p', {}, 'Demo-omgeving: kies een gemeente en een rol. In productie logt u in via ',
      'het account van uw organisatie.'));
    const subject = el('input', {type: 'text', autocomplete: 'off'});
    parts.push(actionForm('Inloggen (demo)', [
      {name: 'municipality', label: 'Gemeente', input: gemeente},
      {name: 'role', label: 'Rol', input: role},
      {name: 'subject', label: 'Gebruikersnaam (optioneel)', input: subject,
        hint: 'Bijvoorbeeld om als tweede screeningsfunctionaris te besluiten.'},
    ], 'Inloggen', () => request('/api/dev-login', {municipality: gemeente.value, role: role.value,
      subject: subject.value.trim()}),
    (r) => start(r.token)));
  } else {
    const token = el('textarea', {spellcheck: 'false', autocomplete: 'off'});
    parts.push(el('p', {}, 'Log in via het account van uw organisatie; u komt daarna vanzelf terug op ',
      'deze pagina. Heeft u een token gekregen, plak het dan hieronder.'));
    parts.push(actionForm('Inloggen met een token', [
      {name: 'token', label: 'Token', input: token},
    ], 'Inloggen', async () => {
      state.token = token.value.trim();
      await request('/api/session');
      return {token: state.token};
    }, (r) => start(r.token)));
  }
  show('Inloggen', el('div', {class: 'login'}, parts));
}

async function start(token) {
  state.token = token;
  try {
    state.session = await request('/api/session');
  } catch (e) {
    return logout('Inloggen mislukt: ' + e.message);
  }
  sessionStorage.setItem('ozjt.token', token);
  try {
    const r = await call('registry.v1.ReferenceData/ListMunicipalities', {});
    for (const m of r.municipalities) state.municipalities[m.cbsCode] = m.displayName;
  } catch (e) { /* names are a convenience */ }
  const s = state.session;
  document.getElementById('wie').replaceChildren(
    el('span', {}, (ROLES[s.role] || s.role) + (s.municipality ? ' · Gemeente ' + municipalityName(s.municipality) : '') + ' · ' + s.subject),
    el('button', {type: 'button', onclick: () => logout('U bent uitgelogd.')}, 'Uitloggen'));
  route();
}

// ---- routing ----

// The pages of each role: [address, menu text, render]; the first is the start page. A page
// not in the role's list is not in its menu, and opened by its address it says whose it is.
const MANAGER = [['/', 'Agenda', renderManagerStart], ['/contracten', 'Contractregister', renderRegister],
  ['/aanbieders', 'Aanbieders', renderProviders], ['/continuiteit', 'Continuïteit', renderContinuity],
  ['/jeugdzorg-plus', 'Jeugdzorg Plus', renderJzplus], ['/contractinformatie', 'Contractinformatie', renderInsight],
  ['/kit-uitkomsten', 'KIT-uitkomsten', renderOutcomes]];
const PAGES = {
  ozjt_contract_manager: MANAGER,
  admin: [...MANAGER, ['/audit', 'Auditlog', renderAuditStart]],
  auditor: [['/', 'Auditlog', renderAuditStart]],
  screening_officer: [['/', 'Screeningen', renderScreeningStart], ['/aanbieders', 'Aanbieders', renderProviders],
    ['/kit-uitkomsten', 'KIT-uitkomsten', renderOutcomes]],
  toezichthouder: [['/', 'Inbox', renderSupervisionInbox], ['/onderzoeken', 'Onderzoeken', renderInvestigations],
    ['/aanbieders', 'Aanbieders', renderProviders], ['/toezicht-rapportage', 'Rapportage', renderPeriodReport]],
};
const OVERVIEW = [['/', 'Overzicht', renderOverview]];
// Who a page is for, to say so to someone else.
const PAGE_ROLES = {
  '/contracten': 'contractmanagers van OZJT',
  '/aanbieders': 'contractmanagers van OZJT',
  '/continuiteit': 'contractmanagers van OZJT',
  '/jeugdzorg-plus': 'contractmanagers van OZJT',
  '/contractinformatie': 'contractmanagers van OZJT',
  '/audit': 'auditors',
  '/onderzoeken': 'toezichthouders',
  '/kit-uitkomsten': 'contractmanagers en screeningsfunctionarissen van OZJT',
  '/toezicht-rapportage': 'toezichthouders',
};

function notForRole(whose) {
  return show('Niet voor uw rol', alertBox('Deze pagina is voor ' + whose + '; u bent ingelogd als ' +
    (ROLES[state.session.role] || state.session.role) + '.'), el('p', {}, link('#/', 'Naar uw startpagina')));
}

function pagesOf(role) { return PAGES[role] || OVERVIEW; }

function menu(hash) {
  const nav = document.getElementById('menu');
  const pages = state.session ? pagesOf(state.session.role) : [];
  nav.replaceChildren(...pages.map(([path, text]) =>
    el('a', {href: '#' + path, 'aria-current': path === hash ? 'page' : null}, text)));
}

function route() {
  if (!state.session) return renderLogin();
  const hash = location.hash.replace(/^#/, '') || '/';
  menu(hash);
  let m;
  if ((m = /^\/contracten\/(\d+)$/.exec(hash))) return renderContract(m[1]);
  if ((m = /^\/contracten\/(\d+)\/tarieven$/.exec(hash))) {
    if (CONTRACT_WRITERS.includes(state.session.role)) return renderTariffs(m[1]);
    return notForRole('contractmanagers van OZJT');
  }
  if ((m = /^\/aanbieders\/(\d+)$/.exec(hash))) return renderProvider(m[1]);
  if ((m = /^\/onderzoeken\/(\d+)$/.exec(hash))) return renderInvestigation(m[1]);
  if ((m = /^\/screeningen\/(\d+)$/.exec(hash))) return renderScreeningCase(m[1]);
  const page = pagesOf(state.session.role).find(([path]) => path === hash);
  if (page) return page[2]();
  if (PAGE_ROLES[hash]) return notForRole(PAGE_ROLES[hash]);
  return show('Pagina niet gevonden', alertBox('Deze pagina bestaat niet.'), el('p', {}, link('#/', 'Naar uw startpagina')));
}

window.addEventListener('hashchange', () => { if (state.session) route(); });
window.addEventListener('DOMContentLoaded', () => {
  // The identity provider sends the user back with #token=...; take it and clean the address.
  const fromIdp = /^#token=([\w.-]+)$/.exec(location.hash);
  if (fromIdp) {
    history.replaceState(null, '', location.pathname + '#/');
    return start(fromIdp[1]);
  }
  if (state.token) return start(state.token);
  renderLogin();
});