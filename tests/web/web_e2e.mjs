// The web client in a real browser (Debian's chromium, driven by playwright-core), against
// ozjt-host with the demo data: a municipal user of Enschede logs in, sees only Enschede's
// data, records a KPI measurement and sees it listed, gets a field error on bad input, and is
// refused a contract of doelgroepenvervoer when logged in for Almelo (not a participant).
//   node web_e2e.mjs http://127.0.0.1:PORT/ [screenshot.png]
import assert from 'node:assert/strict';
import {chromium} from 'playwright-core';

const base = process.argv[2];
const screenshot = process.argv[3];
const browser = await chromium.launch({
  executablePath: process.env.OZJT_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
async function step(name, body) {
  process.stdout.write(`-- ${name}\n`);
  try {
    await body();
  } catch (e) {
    // The steps build on each other: stop at the first failure.
    process.stdout.write(`FAIL: ${name}: ${e.stack || e}\n`);
    await browser.close();
    process.exit(1);
  }
}

// Logs in through the demo login screen, with the keyboard only.
async function login(page, municipality) {
  await page.goto(base);
  await page.getByRole('heading', {name: 'Inloggen', exact: true}).waitFor();
  await page.getByLabel('Gemeente').selectOption(municipality);
  await page.getByLabel('Rol').selectOption('gemeente_contract_manager');
  await page.getByRole('button', {name: 'Inloggen'}).focus();
  await page.keyboard.press('Enter');
}

// The id of a contract from the agenda/list links, found by its reference.
async function contractHref(page, reference) {
  const link = page.locator('#contracten').getByRole('link', {name: reference, exact: true});
  await link.waitFor();
  return link.getAttribute('href');
}

const context = await browser.newContext({locale: 'nl-NL', timezoneId: 'Europe/Amsterdam',
  viewport: {width: 1280, height: 900}});
context.setDefaultTimeout(10000);
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

await step('contract detail: terms, options, tariffs in euros', async () => {
  await page.goto(base + lotHref);
  await page.getByRole('heading', {name: /DGV-2023-P1/, level: 1}).waitFor();
  await page.getByText('Verlengingsopties en aanzegtermijnen').waitFor();
  const tariffs = page.locator('#tarieven table');
  await tariffs.waitFor();
  assert.match(await tariffs.locator('tbody tr').first().innerText(), /€\s?\d/);
});

await step('a bad KPI measurement gets its error next to the field', async () => {
  await page.getByLabel('Periode').fill('oktober');
  await page.getByLabel('KPI', {exact: true}).selectOption('KPI_KIND_PUNCTUALITY');
  await page.getByLabel('Waarde').fill('93,40');
  await page.getByLabel('Bron').selectOption('MEASUREMENT_SOURCE_MONITORING');
  await page.getByRole('button', {name: 'Meting vastleggen'}).click();
  const error = page.locator('#f-measurement-period-fout');
  await error.waitFor({state: 'visible'});
  assert.match(await error.innerText(), /YYYY-MM/);
  assert.equal(await page.getByLabel('Periode').getAttribute('aria-invalid'), 'true');
});

await step('a good KPI measurement is recorded and listed', async () => {
  await page.getByLabel('Periode').fill('2026-10');
  await page.getByRole('button', {name: 'Meting vastleggen'}).click();
  await page.getByRole('status').filter({hasText: 'Opgeslagen.'}).waitFor();
  const row = page.locator('table', {hasText: 'Metingen'}).locator('tbody tr', {hasText: '93.40'});
  await row.first().waitFor();
  const text = await row.first().innerText();
  assert.match(text, /2026-10/);
  assert.match(text, /Enschede/);
  assert.match(text, /Punctualiteit/);
});

await step('a note is recorded on the contract', async () => {
  await page.getByLabel('Notitie', {exact: true}).fill('Overleg met vervoerder over punctualiteit op 3 december.');
  await page.getByRole('button', {name: 'Notitie opslaan'}).click();
  await page.locator('table', {hasText: 'Notities'}).getByText('Overleg met vervoerder').waitFor();
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
  // Empty description: the service names the field, shown next to it.
  await page.getByRole('button', {name: 'Verzoek indienen'}).click();
  await page.locator('#f-description-fout').waitFor({state: 'visible'});
  await page.getByLabel('Omschrijving').fill('Melding van ouders over onveilige situatie op de groep.');
  await page.getByLabel('Datum van het incident').fill('2026-11-20');
  await page.getByRole('button', {name: 'Verzoek indienen'}).click();
  await page.getByRole('status').filter({hasText: 'Opgeslagen.'}).waitFor();
  // It appears among the municipality's requests on the start page.
  await page.goto(base + '#/');
  await page.getByRole('table', {name: 'Onderzoeken op verzoek van de gemeente'}).getByText('Incident').first().waitFor();
});

await step('logging out returns to the login screen', async () => {
  await page.getByRole('button', {name: 'Uitloggen'}).click();
  await page.getByRole('heading', {name: 'Inloggen', exact: true}).waitFor();
});

await browser.close();
process.stdout.write('all browser steps passed\n');
