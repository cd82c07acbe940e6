// The screening officer's workbench in a real browser, against ozjt-host with the demo data
// (OZJT_TODAY=2026-11-25): a KIT case opened by one officer; the whole checklist filled and
// saved at once, the Gedragsverklaring flagged as too old on the planned decision date and
// refreshed; a bad row refused with nothing saved; the assessing officer's decision refused
// (four eyes) in Dutch; a second officer admits with conditions; a contract manager sees the
// outcome and cannot open the case's content. axe-core clean; the start page fits a phone.
//   node screening_e2e.mjs http://127.0.0.1:PORT/   (OZJT_SCREENSHOTS=DIR: screenshots there)
import assert from 'node:assert/strict';
import {join} from 'node:path';
import {PHONE, assertAccessible, assertFitsTheScreen, dutchContext, launch, loginAs, menuLinks, stepper} from './browser.mjs';

const base = process.argv[2];
const shots = process.env.OZJT_SCREENSHOTS || '';
const browser = await launch();
const step = stepper(browser);
const page = await (await dutchContext(browser)).newPage();
const ITEMS = ['I1', 'I2', 'I3', 'I4', 'I5', 'I6', 'I7', 'Q1', 'Q2', 'R1', 'R2'];
const PROVIDER = 'Zorggroep Dinkeldal (fictief)';
let address = '';

await step('a screening officer opens a KIT case; the page says every opening is logged', async () => {
  await loginAs(page, base, 'screening_officer', '', 'ayse.screening');
  await page.getByRole('heading', {name: 'KIT-screening', level: 1}).waitFor();
  assert.deepEqual(await menuLinks(page), ['Screeningen', 'Aanbieders', 'KIT-uitkomsten']);
  await page.getByText(/Elke keer dat u de inhoud van een screening opent, legt de dienst dat vast/).waitFor();
  await page.getByLabel('Aanbieder', {exact: true}).fill(PROVIDER);
  await page.getByLabel('Aanleiding').selectOption('OCCASION_PROCUREMENT_ROUND');
  await page.getByLabel('Kenmerk (bijv. de inkoopronde)').fill('Inkoop Jeugd 2027 (browsertest)');
  await page.getByRole('button', {name: 'Screening openen'}).click();
  await page.getByRole('heading', {name: 'Screening ' + PROVIDER + ': Inkoop Jeugd 2027 (browsertest)', level: 1}).waitFor();
  address = page.url().replace(/^.*#/, '#');
  assert.match(address, /^#\/screeningen\/\d+$/);
  await page.getByText('Het openen van deze screening is vastgelegd in het auditlog.').waitFor();
  await assertAccessible(page, 'the KIT case (1280x800)');
});

await step('the checklist saved at once; the Gedragsverklaring is too old on the planned day', async () => {
  await page.getByLabel('Controleer de checklist op (dd-mm-jjjj; leeg: vandaag)').fill('01-12-2026');
  await page.getByRole('button', {name: 'Controleren'}).click();
  await page.getByRole('table', {name: 'Checklist, gecontroleerd op 01-12-2026'}).waitFor();
  for (const item of ITEMS) {
    await page.locator(`#kit-${item}-document`).fill(item === 'I2' ? '30-11-2024' : '01-10-2026');
    await page.locator(`#kit-${item}-ontvangen`).fill('20-11-2026');
    await page.locator(`#kit-${item}-kenmerk`).fill('DMS/' + item);
  }
  await page.getByRole('button', {name: 'Checklist opslaan'}).click();
  const i2 = page.locator('tr.flagged');
  await i2.waitFor();
  assert.equal(await i2.count(), 1);
  assert.doesNotMatch(await page.locator('main').innerText(), /unspecified/i);
  assert.match(await i2.innerText(), /^I2 .*Te oud: bewijsstuk van 30-11-2024 is ouder dan 24 maanden \(geldig t\/m 30-11-2026\)/s);
  // The day is kept: the check is still on 01-12-2026.
  await page.getByRole('table', {name: 'Checklist, gecontroleerd op 01-12-2026'}).waitFor();
  if (shots) await page.screenshot({path: join(shots, 'screening-checklist-desktop.png'), fullPage: true});
});

await step('a bad row is refused with nothing saved; then refreshed and assessed together', async () => {
  await page.locator('#kit-I2-document').fill('01-11-2026');
  await page.locator('#kit-I2-ontvangen').fill('25-11-2026');
  await page.locator('#kit-I2-kenmerk').fill('DMS/I2-nieuw');
  for (const item of ITEMS) {
    await page.locator(`#kit-${item}-oordeel`).selectOption('ASSESSMENT_RESULT_MEETS');
    if (item !== 'I5') await page.locator(`#kit-${item}-bevinding`).fill('In orde: ' + item);
  }
  await page.getByRole('button', {name: 'Checklist opslaan'}).click();
  const error = page.locator('#kit-I5-fout');
  await error.waitFor({state: 'visible'});
  assert.match(await error.innerText(), /Beschrijf wat u vond/);
  assert.doesNotMatch(await error.innerText(), /--finding/);
  await page.getByText('Controleer de gemarkeerde regels; er is niets opgeslagen.').waitFor();
  assert.equal(await page.locator('tr.flagged').count(), 1);
  await page.locator('#kit-I5-bevinding').fill('In orde: I5');
  await page.getByRole('button', {name: 'Checklist opslaan'}).click();
  await page.locator('tr', {has: page.locator('#kit-I2-document')}).filter({hasText: 'DMS/I2-nieuw'}).waitFor();
  assert.equal(await page.locator('tr.flagged').count(), 0);
  const rows = page.getByRole('table', {name: /^Checklist, gecontroleerd op/}).locator('tbody tr');
  for (let i = 0; i < ITEMS.length; i++) assert.match(await rows.nth(i).innerText(), /in orde\s+Voldoet/);
});

await step('the assessing officer may not decide (four eyes)', async () => {
  await page.getByLabel('Uitkomst', {exact: true}).selectOption('OUTCOME_ADMITTED_WITH_CONDITIONS');
  await page.getByLabel('Redenen').fill('Getoetst aan KIT 2024; verklaring vernieuwd');
  await page.getByLabel('Voorwaarden (één per regel)').fill('Jaarrekening 2026 uiterlijk 01-07-2027\nVOG nieuwe bestuurder');
  await page.getByRole('button', {name: 'Besluit vastleggen'}).click();
  const refused = page.locator('form', {hasText: 'Besluit vastleggen'}).getByRole('alert');
  await refused.waitFor();
  assert.equal(await refused.innerText(), 'U hebt deze screening zelf beoordeeld; het besluit neemt een ander (vier-ogenprincipe).');
});

await step('a second officer admits with conditions', async () => {
  const second = await (await dutchContext(browser)).newPage();
  await loginAs(second, base, 'screening_officer', '', 'bram.screening');
  await second.getByRole('heading', {name: 'KIT-screening', level: 1}).waitFor();
  await second.goto(base + address);
  await second.getByRole('heading', {name: /^Screening Zorggroep Dinkeldal/, level: 1}).waitFor();
  await second.getByLabel('Uitkomst', {exact: true}).selectOption('OUTCOME_ADMITTED_WITH_CONDITIONS');
  await second.getByLabel('Redenen').fill('Getoetst aan KIT 2024; verklaring vernieuwd');
  await second.getByLabel('Voorwaarden (één per regel)').fill('Jaarrekening 2026 uiterlijk 01-07-2027\nVOG nieuwe bestuurder');
  await second.getByRole('button', {name: 'Besluit vastleggen'}).click();
  const decisions = second.getByRole('table', {name: 'Besluiten'}).locator('tbody tr');
  await decisions.first().waitFor();
  assert.match(await decisions.first().innerText(),
    /^Toegelaten onder voorwaarden\s+25-11-2026\s+bram\.screening\s+Getoetst aan KIT 2024.*Jaarrekening 2026 uiterlijk 01-07-2027\s+VOG nieuwe bestuurder\s+\d\d-\d\d-20\d\d$/s);
  await assertAccessible(second, 'a decided KIT case (1280x800)');
  await second.context().close();
});

await step('a contract manager sees the outcome, never the content', async () => {
  const manager = await (await dutchContext(browser)).newPage();
  await loginAs(manager, base, 'ozjt_contract_manager');
  await manager.getByRole('heading', {name: 'Agenda van alle gemeenten', level: 1}).waitFor();
  await manager.getByRole('navigation', {name: 'Hoofdmenu'}).getByRole('link', {name: 'KIT-uitkomsten'}).click();
  const outcomes = manager.getByRole('table', {name: 'KIT-uitkomsten'}).locator('tbody tr');
  await outcomes.filter({hasText: PROVIDER}).filter({hasText: 'Toegelaten onder voorwaarden'}).first().waitFor();
  await manager.goto(base + address);
  await manager.getByText('Niet zichtbaar voor uw rol of gemeente.').waitFor();
  assert.doesNotMatch(await manager.locator('main').innerText(), /DMS\/|Jaarrekening|In orde: I1/);
  await manager.context().close();
});

await step('on a phone (390x844): the start page fits the screen', async () => {
  const phone = await (await dutchContext(browser, PHONE)).newPage();
  await loginAs(phone, base, 'screening_officer');
  await phone.getByRole('table', {name: 'Open screeningen, nieuwste eerst'}).waitFor();
  await assertFitsTheScreen(phone, 'the screening start page on a phone');
  await assertAccessible(phone, 'the screening start page (390x844)');
  if (shots) await phone.screenshot({path: join(shots, 'screening-start-phone.png')});
  await phone.context().close();
  await page.goto(base + '#/');
  await page.getByRole('heading', {name: 'KIT-screening', level: 1}).waitFor();
  await page.getByRole('table', {name: 'Open screeningen, nieuwste eerst'}).waitFor();
  if (shots) await page.screenshot({path: join(shots, 'screening-start-desktop.png')});
});

await browser.close();
console.log('all screening steps passed');
