// The web client in a real browser (Debian's chromium, driven by playwright-core), against
// ozjt-host with the demo data: a municipal user of Enschede logs in, sees only Enschede's
// data, sees a contract's providers by name, records a KPI measurement and sees it listed,
// gets Dutch field errors on bad input (never the English status message or a proto field),
// sees the KPI norms a lot missed with decimal commas, and is refused a contract of
// doelgroepenvervoer when logged in for Almelo (not a participant). Every change carries an
// idempotency key (requestId): when its answer is lost (503, network failure) or the server is
// busy (429), the page sends it again with the same key and it is recorded once.
//   node web_e2e.mjs http://127.0.0.1:PORT/ [screenshot.png]
import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {launch, loginAs, stepper} from './browser.mjs';

const base = process.argv[2];
const screenshot = process.argv[3];
const shots = process.env.OZJT_SCREENSHOTS || '';
const browser = await launch();
const step = stepper(browser);

// Logs in through the demo login screen, with the keyboard only.
const login = (page, municipality) => loginAs(page, base, 'gemeente_contract_manager', municipality);

// The id of a contract from the agenda/list links, found by its reference.
async function contractHref(page, reference) {
  const link = page.locator('#contracten').getByRole('link', {name: reference, exact: true});
  await link.waitFor();
  return link.getAttribute('href');
}

// What the status messages of bad input say in English (for logs and operators), and proto
// field paths: none of it may reach the person.
const NOT_FOR_PEOPLE = /YYYY|\b(must|required|characters|invalid|future)\b|measurement\.|note\.|_date|INVALID_ARGUMENT/i;
// English rules read like this; a field error has none of these words.
const ENGLISH = /\b(the|or|to|be|not|is required)\b/i;
// A Dutch sentence, not an English rule: it has a Dutch word.
const DUTCH = /\b(de|het|een|vul|geef|kies|wat|er|als|moet|mag|kan|geen|niet|zijn|van|voor|tekens)\b/i;

// An idempotency key as the page makes them: a UUID version 4.
const UUID4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
// The gateway's answer to UNAVAILABLE (HTTP 503), as when the connection to the database broke
// during the commit: the outcome is unknown to the caller.
const LOST = {status: 503, contentType: 'application/json; charset=utf-8',
  body: JSON.stringify({code: 'UNAVAILABLE', message: 'De database is even niet bereikbaar; probeer het opnieuw.', fields: []})};
const rpc = (method) => '**/api/rpc/ozjt.' + method;
// The form with this submit button, to read its own status line.
const formOf = (page, button) => page.locator('form', {has: page.getByRole('button', {name: button})});

// A field error shown next to its field, in Dutch; no English anywhere on the page.
async function dutchFieldError(page, id) {
  const error = page.locator('#' + id + '-fout');
  await error.waitFor({state: 'visible'});
  const text = await error.innerText();
  assert.match(text, DUTCH, `field error not Dutch: ${text}`);
  assert.doesNotMatch(text, NOT_FOR_PEOPLE, `field error for programmers: ${text}`);
  assert.doesNotMatch(text, ENGLISH, `field error in English: ${text}`);
  assert.equal(await page.locator('#' + id).getAttribute('aria-invalid'), 'true');
  assert.doesNotMatch(await page.locator('main').innerText(), NOT_FOR_PEOPLE);
  return text;
}

const context = await browser.newContext({locale: 'nl-NL', timezoneId: 'Europe/Amsterdam',
  viewport: {width: 1280, height: 900}});
context.setDefaultTimeout(10000);
// The browser keeps its own day: the service (OZJT_TODAY=2026-11-25) picks the quarter of the
// breaches shown, the one before its today (2026-Q3, the demo's measurements).
const page = await context.newPage();
let lotHref = '';

await step('Enschede logs in and sees its own start page', async () => {
  await login(page, '0153');
  await page.getByRole('heading', {name: 'Gemeente Enschede', level: 1}).waitFor();
  await page.getByRole('button', {name: 'Uitloggen'}).waitFor();
  // The agenda: Dutch dates (dd-mm-jjjj) of deadlines within 180 days.
  const agenda = page.locator('#agenda table');
  await agenda.waitFor();
  assert.match(await agenda.locator('tbody tr').first().innerText(), /\d{2}-\d{2}-\d{4}/);
  // The Jeugdzorg Plus chart is there, with a text alternative.
  const chart = page.getByRole('img', {name: /instroom Jeugdzorg Plus/});
  await chart.waitFor();
  // Providers active in Enschede: all listed providers are active there (checked on the first).
  await page.locator('#aanbieders table').waitFor();
});

await step('the contract management information of Enschede only, small counts suppressed', async () => {
  const part = page.locator('section', {has: page.getByRole('heading', {name: /^Contractinformatie/})});
  await part.getByLabel('Kwartaal').selectOption('2026-K3');
  await part.getByRole('button', {name: 'Toon de cijfers'}).click();
  await part.getByText(/^Cijfers van Enschede over 2026-K3/).waitFor();
  const text = await part.getByRole('table', {name: 'Per contract, aanbieder en product'}).innerText();
  assert.match(text, /<5/);                 // one to four clients of a provider and product
  assert.match(text, /\bx\b/);            // and such a row's money and waits hidden
  assert.doesNotMatch(await part.innerText(), /Declaratieregels met een ander tarief/);  // OZJT only
  assert.equal(await part.getByLabel('Gemeente').count(), 0);  // no other municipality to choose
  if (shots) {  // the part's first screen: the total and the first rows
    await part.getByRole('heading', {name: /^Contractinformatie/}).scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, -16));
    await page.screenshot({path: join(shots, 'municipality-insight-desktop.png')});
  }
});

await step('the report of Enschede: the chart and the CSV, small counts suppressed', async () => {
  const part = page.locator('section', {has: page.getByRole('heading', {name: /^Rapportage contractinformatie/})});
  await part.getByLabel('Periode').selectOption('2026-K3');
  await part.getByRole('button', {name: 'Toon de rapportage'}).click();
  await part.getByRole('img', {name: /toegekende en nog openstaande declaraties/}).waitFor();
  await part.getByText(/^Kleine aantallen \(1 tot en met 4\) zijn afgeschermd/).waitFor();
  const [csv] = await Promise.all([page.waitForEvent('download'),
    part.getByRole('button', {name: 'Download als CSV (Excel)'}).click()]);
  assert.equal(csv.suggestedFilename(), 'contractinformatie-enschede-2026-k3.csv');
  const text = await readFile(await csv.path(), 'utf8');
  assert.match(text, /<5/);
  assert.match(text, /\r\nTotaal;;;x;/);
  assert.equal(await part.getByLabel('Gemeente').count(), 0);
});

await step('the spending ceilings of Enschede, with the 70% signal and the notice', async () => {
  const part = page.locator('section', {has: page.getByRole('heading', {name: 'Bestedingsruimte (art. 1.5)'})});
  await part.getByLabel('Jaar').selectOption('2026');
  await part.getByRole('button', {name: 'Toon de bestedingsruimtes'}).click();
  const text = await part.getByRole('table', {name: 'Bestedingsruimtes 2026'}).innerText();
  assert.match(text, /Enschede\s+JH-2025[\s\S]*70% besteed[\s\S]*melding 20-11-2026/);
  assert.equal(await part.getByLabel('Gemeente').count(), 0);
  assert.equal(await part.getByRole('button', {name: 'Bestedingsruimte vastleggen'}).count(), 0);
});

await step('the contracts list is paged and searchable, and holds Enschede\'s contracts', async () => {
  const list = page.locator('#contracten');
  await list.locator('table').waitFor();
  await list.getByLabel('Zoek op kenmerk of titel').fill('DGV-2023-P1');
  await list.getByRole('button', {name: 'Zoeken'}).click();
  lotHref = await contractHref(page, 'DGV-2023-P1');
  assert.match(lotHref, /^#\/contracten\/\d+$/);
  await list.getByLabel('Zoek op kenmerk of titel').fill('bestaat-niet');
  await list.getByRole('button', {name: 'Zoeken'}).click();
  await list.getByText('Geen contracten gevonden.').waitFor();
});

if (screenshot) {
  await step('screenshot of the start page', async () => {
    await page.goto(base + '#/');
    await page.locator('#aanbieders table').waitFor();
    await page.locator('#agenda table').waitFor();
    await page.getByRole('img', {name: /instroom Jeugdzorg Plus/}).waitFor();
    await page.screenshot({path: screenshot, fullPage: false});
  });
}

await step('contract detail: terms, options, tariffs in euros, providers by name', async () => {
  await page.goto(base + lotHref);
  await page.getByRole('heading', {name: /DGV-2023-P1/, level: 1}).waitFor();
  await page.getByText('Verlengingsopties en aanzegtermijnen').waitFor();
  const tariffs = page.locator('#tarieven table');
  await tariffs.waitFor();
  assert.match(await tariffs.locator('tbody tr').first().innerText(), /€\s?\d/);
  // The provider: its name, a link to its page (not an id, not a raw address).
  const providers = page.locator('dt:text-is("Aanbieders") + dd');
  const provider = providers.getByRole('link');
  assert.equal(await provider.count(), 1);
  const name = (await provider.innerText()).trim();
  assert.match(name, /[A-Za-z]{3}/);
  assert.doesNotMatch(name, /^\d+$|http|providers\//);
  assert.equal((await providers.innerText()).trim(), name);
  assert.match(await provider.getAttribute('href'), /^#\/aanbieders\/\d+$/);
  await provider.click();
  await page.getByRole('heading', {name, exact: true, level: 1}).waitFor();
  await page.goBack();
  await page.getByRole('heading', {name: /DGV-2023-P1/, level: 1}).waitFor();
});

await step('a bad KPI measurement gets its Dutch error next to the field', async () => {
  await page.getByLabel('Periode', {exact: true}).fill('oktober');
  await page.getByLabel('KPI', {exact: true}).selectOption('KPI_KIND_PUNCTUALITY');
  await page.getByLabel('Waarde', {exact: true}).fill('93,40');
  await page.getByLabel('Bron', {exact: true}).selectOption('MEASUREMENT_SOURCE_MONITORING');
  await page.getByRole('button', {name: 'Meting vastleggen'}).click();
  await dutchFieldError(page, 'f-measurement-period');
  // The form keeps what was typed, to be corrected.
  assert.equal(await page.getByLabel('Waarde', {exact: true}).inputValue(), '93,40');
});

await step('a good KPI measurement (decimal comma) is recorded, listed and the form emptied', async () => {
  await page.getByLabel('Periode', {exact: true}).fill('2026-10');
  await page.getByRole('button', {name: 'Meting vastleggen'}).click();
  await page.getByRole('status').filter({hasText: 'Opgeslagen.'}).waitFor();
  const row = page.locator('table', {hasText: 'Metingen'}).locator('tbody tr', {hasText: '93,40 %'});
  await row.first().waitFor();
  const text = await row.first().innerText();
  assert.match(text, /2026-10/);
  assert.match(text, /Enschede/);
  assert.match(text, /Punctualiteit/);
  assert.equal(await page.getByLabel('Periode', {exact: true}).inputValue(), '');
  assert.equal(await page.getByLabel('KPI', {exact: true}).inputValue(), '');
  assert.equal(await page.getByLabel('Waarde', {exact: true}).inputValue(), '');
  assert.equal(await page.getByLabel('Bron', {exact: true}).inputValue(), '');
  assert.match(await page.getByText(/komma/).first().innerText(), /decimaalteken/);
});

await step('a measurement whose answers keep getting lost: retried with one key, then the error with the form kept; saved again it is recorded once', async () => {
  // The first request reaches the server (it is recorded there) but its answer is lost; the
  // second finds the server too busy (429); the next three do not get through at all; the sixth
  // (the button pressed again) goes through.
  const bodies = [];
  await page.route(rpc('contracts.v1.VervoerService/RecordKpiMeasurement'), async (route) => {
    bodies.push(route.request().postDataJSON());
    if (bodies.length === 1) {
      await route.fetch();
      await route.fulfill(LOST);
    } else if (bodies.length === 2) {
      await route.fulfill({status: 429, contentType: 'application/json; charset=utf-8',
        body: JSON.stringify({code: 'RESOURCE_EXHAUSTED', message: 'De server is op dit moment te druk; probeer het zo opnieuw.', fields: []})});
    } else if (bodies.length <= 5) {
      await route.abort('connectionrefused');
    } else {
      await route.continue();
    }
  });
  const form = formOf(page, 'Meting vastleggen');
  await page.getByLabel('Periode', {exact: true}).fill('2026-10');
  await page.getByLabel('KPI', {exact: true}).selectOption('KPI_KIND_SATISFACTION');
  await page.getByLabel('Waarde', {exact: true}).fill('8,10');
  await page.getByLabel('Bron', {exact: true}).selectOption('MEASUREMENT_SOURCE_SURVEY');
  await page.getByRole('button', {name: 'Meting vastleggen'}).click();
  // The page says it is trying again, and the button waits meanwhile.
  await form.getByRole('status').filter({hasText: 'De server is even niet bereikbaar; opnieuw proberen (5 van 5)'})
    .waitFor({timeout: 15000});
  assert.equal(await page.getByRole('button', {name: 'Meting vastleggen'}).isDisabled(), true);
  // After five attempts (0,5 + 1 + 2 + 4 seconds apart): the error, and what was typed stays.
  const alert = form.getByRole('alert');
  await alert.waitFor({timeout: 15000});
  const text = await alert.innerText();
  assert.match(text, /niet bereikbaar/);
  assert.match(text, /Wat u heeft ingevuld staat er nog/);
  assert.match(text, /opnieuw op ‘Meting vastleggen’; zolang u niets wijzigt, wordt het niet dubbel vastgelegd/);
  assert.equal(bodies.length, 5);
  assert.equal(await page.getByLabel('Periode', {exact: true}).inputValue(), '2026-10');
  assert.equal(await page.getByLabel('KPI', {exact: true}).inputValue(), 'KPI_KIND_SATISFACTION');
  assert.equal(await page.getByLabel('Waarde', {exact: true}).inputValue(), '8,10');
  assert.equal(await page.getByLabel('Bron', {exact: true}).inputValue(), 'MEASUREMENT_SOURCE_SURVEY');
  // Pressed again: the same key, so the server answers with what it recorded the first time.
  await page.getByRole('button', {name: 'Meting vastleggen'}).click();
  await form.getByRole('status').filter({hasText: 'Opgeslagen.'}).waitFor();
  await page.unroute(rpc('contracts.v1.VervoerService/RecordKpiMeasurement'));
  assert.equal(bodies.length, 6);
  assert.match(bodies[0].requestId || '', UUID4);
  for (const b of bodies) assert.equal(b.requestId, bodies[0].requestId);
  const rows = page.locator('table', {hasText: 'Metingen'}).locator('tbody tr', {hasText: '2026-10'})
    .filter({hasText: 'Klanttevredenheid (cijfer)'});
  await rows.first().waitFor();
  assert.equal(await rows.count(), 1);
  assert.match(await rows.first().innerText(), /8,10/);
  assert.equal(await page.getByLabel('Waarde', {exact: true}).inputValue(), '');
});

await step('the norms a lot missed, on the framework and the lot: which lot, decimal commas', async () => {
  await page.goto(base + '#/');
  const list = page.locator('#contracten');
  await list.getByLabel('Zoek op kenmerk of titel').fill('DGV-2023');
  await list.getByRole('button', {name: 'Zoeken'}).click();
  // The framework agreement shows its lots' breaches, each naming its lot (a link).
  await page.goto(base + await contractHref(page, 'DGV-2023'));
  await page.getByRole('heading', {name: /^DGV-2023:/, level: 1}).waitFor();
  const framework = page.getByRole('table', {name: 'Overschrijdingen in 2026-Q3'});
  await framework.waitFor();
  const lots = await framework.locator('tbody tr td:first-child').allInnerTexts();
  assert.deepEqual(lots, ['DGV-2023-P2', 'DGV-2023-P2', 'DGV-2023-P2', 'DGV-2023-P2']);
  await framework.getByRole('link', {name: 'DGV-2023-P2'}).first().click();
  await page.getByRole('heading', {name: /^DGV-2023-P2:/, level: 1}).waitFor();
  const breaches = page.getByRole('table', {name: 'Overschrijdingen in 2026-Q3'});
  const punctuality = breaches.locator('tbody tr', {hasText: 'Punctualiteit'});
  await punctuality.waitFor();
  const cells = await punctuality.locator('td').allInnerTexts();
  assert.deepEqual(cells.slice(0, 4), ['DGV-2023-P2', 'Punctualiteit (%)', '93,80 %', 'minimaal 95,00 %']);
  const complaints = await breaches.locator('tbody tr', {hasText: 'Klachten'}).locator('td').allInnerTexts();
  assert.deepEqual(complaints.slice(2, 4), ['1,90', 'maximaal 1,50']);
  for (const row of await breaches.locator('tbody tr').all()) {
    const [, , measured, norm] = await row.locator('td').allInnerTexts();
    assert.match(measured, /^\d+,\d\d( %)?$/);
    assert.match(norm, /^(minimaal|maximaal) \d+,\d\d( %)?$/);
  }
  await page.goto(base + lotHref);
  await page.getByRole('heading', {name: /DGV-2023-P1/, level: 1}).waitFor();
});

await step('an empty note gets its Dutch error next to the field; a note is recorded', async () => {
  await page.getByRole('button', {name: 'Notitie opslaan'}).click();
  await dutchFieldError(page, 'f-note-text');
  await page.getByLabel('Notitie', {exact: true}).fill('Overleg met vervoerder over punctualiteit op 3 december.');
  await page.getByRole('button', {name: 'Notitie opslaan'}).click();
  await page.locator('table', {hasText: 'Notities'}).getByText('Overleg met vervoerder').waitFor();
});

await step('a note saved but its answer lost: the page sends it again with the same key and it is listed once', async () => {
  // The first request is saved by the server, but the page gets the gateway's 503 (the answer
  // was lost after the commit); the retry takes a moment, so the page's notice can be read.
  const bodies = [];
  await page.route(rpc('contracts.v1.ContractService/CreateContractNote'), async (route) => {
    bodies.push(route.request().postDataJSON());
    if (bodies.length === 1) {
      await route.fetch();
      await route.fulfill(LOST);
    } else {
      if (bodies.length === 2) await new Promise(resolve => setTimeout(resolve, 1500));
      await route.continue();
    }
  });
  const form = formOf(page, 'Notitie opslaan');
  const notes = page.locator('table', {hasText: 'Notities'});
  const first = 'Toezegging vervoerder: twee extra chauffeurs vanaf januari.';
  await page.getByLabel('Notitie', {exact: true}).fill(first);
  await page.getByRole('button', {name: 'Notitie opslaan'}).click();
  await form.getByRole('status').filter({hasText: 'De server is even niet bereikbaar; opnieuw proberen (2 van 5)'}).waitFor();
  await form.getByRole('status').filter({hasText: 'Opgeslagen.'}).waitFor();
  await notes.getByText(first).first().waitFor();
  assert.equal(bodies.length, 2);
  assert.match(bodies[0].requestId || '', UUID4);
  assert.equal(bodies[1].requestId, bodies[0].requestId);
  assert.equal(bodies[1].note.text, first);
  assert.equal(await notes.getByText(first).count(), 1, 'the retried note is not listed exactly once');
  assert.equal(await form.getByRole('alert').count(), 0);
  // The next note is another change: a new key.
  const second = 'Evaluatiegesprek met de vervoerder gepland in februari.';
  await page.getByLabel('Notitie', {exact: true}).fill(second);
  await page.getByRole('button', {name: 'Notitie opslaan'}).click();
  await notes.getByText(second).first().waitFor();
  await page.unroute(rpc('contracts.v1.ContractService/CreateContractNote'));
  assert.equal(bodies.length, 3);
  assert.match(bodies[2].requestId || '', UUID4);
  assert.notEqual(bodies[2].requestId, bodies[0].requestId);
  assert.equal(await notes.getByText(first).count(), 1);
  assert.equal(await notes.getByText(second).count(), 1);
});

await step('Almelo does not take part in vervoer: the same contract by URL is refused', async () => {
  const other = await browser.newContext({locale: 'nl-NL'});
  other.setDefaultTimeout(10000);
  const almelo = await other.newPage();
  await login(almelo, '0141');
  await almelo.getByRole('heading', {name: 'Gemeente Almelo', level: 1}).waitFor();
  await almelo.goto(base + lotHref);
  await almelo.getByRole('alert').filter({hasText: 'Niet gevonden, of niet zichtbaar voor uw gemeente.'}).waitFor();
  assert.equal(await almelo.getByText('DGV-2023-P1').count(), 0);
  // Nor does a search for it find it.
  await almelo.goto(base + '#/');
  const list = almelo.locator('#contracten');
  await list.getByLabel('Zoek op kenmerk of titel').fill('DGV-2023-P1');
  await list.getByRole('button', {name: 'Zoeken'}).click();
  await list.getByText('Geen contracten gevonden.').waitFor();
  await other.close();
});

await step('provider detail and a request for an investigation', async () => {
  await page.goto(base + '#/');
  const first = page.locator('#aanbieders tbody tr a').first();
  await first.click();
  await page.getByRole('heading', {name: 'KIT-screening'}).waitFor();
  await page.getByRole('heading', {name: 'Toezicht', exact: true}).waitFor();
  // Each request carries its key; a corrected form is another request (a new key).
  const keys = [];
  page.on('request', r => {
    if (r.url().endsWith('.SupervisionService/RequestInvestigation')) keys.push(r.postDataJSON().requestId);
  });
  // Empty description: the service names the field, shown next to it.
  await page.getByRole('button', {name: 'Verzoek indienen'}).click();
  await dutchFieldError(page, 'f-description');
  await page.getByLabel('Omschrijving', {exact: true}).fill('Melding van ouders over onveilige situatie op de groep.');
  await page.getByLabel('Datum van het incident').fill('2026-11-20');
  await page.getByRole('button', {name: 'Verzoek indienen'}).click();
  await page.getByRole('status').filter({hasText: 'Opgeslagen.'}).waitFor();
  assert.equal(keys.length, 2);
  for (const k of keys) assert.match(k || '', UUID4);
  assert.notEqual(keys[0], keys[1]);
  // It appears among the municipality's requests on the start page.
  await page.goto(base + '#/');
  await page.getByRole('table', {name: 'Onderzoeken op verzoek van de gemeente'}).getByText('Incident').first().waitFor();
});

await step('an auditor reads the audit log and verifies its hash chain; a municipal user may not', async () => {
  const other = await browser.newContext({locale: 'nl-NL', timezoneId: 'Europe/Amsterdam'});
  other.setDefaultTimeout(15000);
  const auditor = await other.newPage();
  await auditor.goto(base);
  await auditor.getByRole('heading', {name: 'Inloggen', exact: true}).waitFor();
  await auditor.getByLabel('Rol', {exact: true}).selectOption('auditor');
  await auditor.getByRole('button', {name: 'Inloggen'}).click();
  await auditor.getByRole('heading', {name: 'Audit', level: 1}).waitFor();
  // The municipal sections are not shown to an auditor.
  assert.equal(await auditor.getByRole('heading', {name: 'Contracten waaraan de gemeente deelneemt'}).count(), 0);
  // The records of providers, with the Dutch role names and the note recorded above.
  await auditor.getByLabel('Soort object').fill('contract_note');
  await auditor.getByRole('button', {name: 'Toon auditregels'}).click();
  const records = auditor.getByRole('table', {name: 'Auditregels, nieuwste eerst'});
  await records.getByText('Contractmanager gemeente').first().waitFor();
  await records.getByText('contract_note', {exact: false}).first().waitFor();
  // A day that does not exist is refused next to its field, in Dutch, and nothing is asked.
  await auditor.getByLabel('Vanaf (dd-mm-jjjj)').fill('31-02-2026');
  await auditor.getByRole('button', {name: 'Toon auditregels'}).click();
  const since = auditor.locator('#audit-since-fout');
  await since.waitFor({state: 'visible'});
  assert.match(await since.innerText(), /dd-mm-jjjj/);
  // A period in days: nothing before the demo's records began is after 01-01-2999.
  await auditor.getByLabel('Vanaf (dd-mm-jjjj)').fill('01-01-2999');
  await auditor.getByRole('button', {name: 'Toon auditregels'}).click();
  await auditor.getByText('Geen auditregels met deze voorwaarden.').waitFor();
  // The chain, checked by the service.
  await auditor.getByRole('button', {name: 'Controleer de keten'}).click();
  await auditor.getByText(/^De auditketen is ongeschonden: [\d.]+ regels gecontroleerd/).waitFor();
  assert.match(await auditor.locator('code').first().innerText(), /^[0-9a-f]{64}$/);
  await other.close();
  // The municipal user's page cannot call the audit log: the service refuses it.
  const refused = await page.evaluate(async () => {
    const r = await fetch('/api/rpc/ozjt.audit.v1.AuditLog/VerifyAuditChain', {method: 'POST',
      headers: {'content-type': 'application/json', authorization: 'Bearer ' + sessionStorage.getItem('ozjt.token')},
      body: '{}'});
    return r.status;
  });
  assert.equal(refused, 403);
});

await step('logging out returns to the login screen', async () => {
  await page.getByRole('button', {name: 'Uitloggen'}).click();
  await page.getByRole('heading', {name: 'Inloggen', exact: true}).waitFor();
});

await browser.close();
process.stdout.write('all browser steps passed\n');
