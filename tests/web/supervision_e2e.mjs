// The supervisor's workbench in a real browser, against ozjt-host with the demo data
// (OZJT_TODAY=2026-11-25): the inbox (Enschede's calamity request waiting for intake, the
// escalation of the demo's action overdue since 01-11-2026, the supervision deadlines), the
// request taken in and started, a finding (a bad date refused next to its field), a plan with
// two actions, one of them done, the other an escalation on a host that sees 01-02-2027
// (OZJT_LATER_URL, started by web_e2e.sh), the conclusion; then Enschede sees the status and the summary
// but no finding, and a contract manager is told the investigations page is not theirs.
// axe-core with no serious or critical violation; the inbox fits a phone.
//   node supervision_e2e.mjs http://127.0.0.1:PORT/   (OZJT_SCREENSHOTS=DIR: screenshots there)
import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {PHONE, assertAccessible, assertFitsTheScreen, dutchContext, launch, loginAs, menuLinks, stepper} from './browser.mjs';

const base = process.argv[2];
const shots = process.env.OZJT_SCREENSHOTS || '';
const browser = await launch();
const step = stepper(browser);
const context = await dutchContext(browser);
const page = await context.newPage();
let investigation = '';

await step('a supervisor starts on the inbox: requests, escalations, deadlines', async () => {
  await loginAs(page, base, 'toezichthouder');
  await page.getByRole('heading', {name: 'Inbox toezicht', level: 1}).waitFor();
  assert.deepEqual(await menuLinks(page), ['Inbox', 'Onderzoeken', 'Aanbieders', 'Rapportage']);
  const requests = page.getByRole('table', {name: 'Verzoeken van gemeenten'}).locator('tbody tr');
  // The demo's calamity (and web_e2e.mjs's incident, asked by Enschede before this test).
  const calamity = requests.filter({hasText: 'Calamiteit'});
  await calamity.waitFor();
  assert.match(await calamity.innerText(), /^Calamiteit bij .+\s+Enschede\s+19-11-2026\s+20-11-2026\s+Aanbieder meldt een calamiteit/);
  const escalations = page.getByRole('table', {name: 'Escalatiesignalen'}).locator('tbody tr');
  await escalations.first().waitFor();
  assert.match(await escalations.allInnerTexts().then(t => t.join('\n')),
    /Verbeteractie 1 van plan 1 is sinds 01-11-2026 over tijd \(teamleider jeugd\)/);
  assert.match(await escalations.allInnerTexts().then(t => t.join('\n')), /Kritieke bevinding: Jeugdwet art\. 4\.1\.1/);
  const deadlines = page.getByRole('table', {name: 'Termijnen van het toezicht'}).locator('tbody tr');
  await deadlines.first().waitFor();
  // Overdue first: the demo's escalation of 12-10-2026.
  assert.match(await deadlines.first().innerText(), /^\d\d-\d\d-2026\s+te laat/);
  await assertAccessible(page, 'the supervisor inbox (1280x800)');
  if (shots) await page.screenshot({path: join(shots, 'supervisor-start-desktop.png')});
});

await step('the request is taken in and started', async () => {
  await page.getByRole('table', {name: 'Verzoeken van gemeenten'}).getByRole('link', {name: /^Calamiteit/}).click();
  await page.getByRole('heading', {name: 'Calamiteit gemeld door gemeente Enschede', level: 1}).waitFor();
  investigation = page.url().replace(/^.*#/, '#');
  assert.match(investigation, /^#\/onderzoeken\/\d+$/);
  await page.getByText('Aanbieder meldt een calamiteit op een woongroep in Enschede').waitFor();
  await page.getByRole('button', {name: 'Inplannen'}).click();
  await page.locator('dd', {hasText: /^Gepland$/}).waitFor();
  // Only the steps still open: planned can start or conclude, not be planned again.
  assert.equal(await page.getByRole('button', {name: 'Inplannen'}).count(), 0);
  await page.getByRole('button', {name: 'Starten'}).click();
  await page.locator('dd', {hasText: /^In uitvoering$/}).waitFor();
  assert.equal(await page.getByRole('button', {name: 'Starten'}).count(), 0);
});

await step('a finding: a bad date is refused at its field, then it is recorded', async () => {
  await page.getByLabel('Norm', {exact: true}).fill('Jeugdwet art. 4.1.1');
  await page.getByLabel('Soort norm').selectOption('REQUIREMENT_KIND_LEGAL_NORM');
  await page.getByLabel('Tekst van de norm').fill('Verantwoorde hulp: voldoende gekwalificeerd personeel');
  await page.getByLabel('Wat is waargenomen').fill('Geen tweede medewerker aanwezig tijdens het incident');
  await page.getByLabel('Ernst').selectOption('SEVERITY_MAJOR');
  await page.getByLabel('Bewijs (één per regel)').fill('Rooster week 47\nGesprek teamleider 22-11-2026');
  await page.getByLabel('Datum (dd-mm-jjjj)').fill('32-11-2026');
  await page.getByRole('button', {name: 'Bevinding vastleggen'}).click();
  const error = page.locator('#f-finding-date-fout');
  await error.waitFor({state: 'visible'});
  assert.match(await error.innerText(), /dd-mm-jjjj/);
  // A day in the future: the service's Dutch, next to the field.
  await page.getByLabel('Datum (dd-mm-jjjj)').fill('01-12-2026');
  await page.getByRole('button', {name: 'Bevinding vastleggen'}).click();
  await error.waitFor({state: 'visible'});
  assert.match(await error.innerText(), /toekomst/);
  await page.getByLabel('Datum (dd-mm-jjjj)').fill('24-11-2026');
  await page.getByRole('button', {name: 'Bevinding vastleggen'}).click();
  const findings = page.getByRole('table', {name: 'Bevindingen'}).locator('tbody tr');
  await findings.first().waitFor();
  assert.match(await findings.first().innerText(), /^1\s+Wettelijke norm Jeugdwet art\. 4\.1\.1\s+Verantwoorde hulp: voldoende gekwalificeerd personeel\s+Ernstig\s+Geen tweede medewerker.*\s+Rooster week 47, Gesprek teamleider 22-11-2026\s+24-11-2026\s+nee$/s);
});

await step('a plan with two actions; one is done', async () => {
  await page.getByLabel('Bevindingen (nummers, gescheiden door komma’s)').fill('1');
  await page.getByLabel('Actie 1', {exact: true}).fill('Tweede medewerker op de woongroep in de avond');
  await page.getByLabel('Eigenaar van actie 1').fill('locatiemanager');
  await page.getByLabel('Actie 1 uiterlijk (dd-mm-jjjj)').fill('10-12-2026');
  await page.getByLabel('Actie 2 (optioneel)').fill('Calamiteitenprotocol bespreken met het team');
  await page.getByLabel('Eigenaar van actie 2').fill('teamleider');
  await page.getByLabel('Actie 2 uiterlijk (dd-mm-jjjj)').fill('15-01-2027');
  await page.getByRole('button', {name: 'Plan vastleggen'}).click();
  const actions = page.getByRole('table', {name: 'Verbeteracties van plan 1'}).locator('tbody tr');
  await actions.nth(1).waitFor();
  assert.equal(await actions.count(), 2);
  assert.match(await actions.nth(1).innerText(), /^2\s+Calamiteitenprotocol bespreken met het team\s+teamleider\s+15-01-2027\s+nee$/);
  await page.getByLabel('Verbeteractie', {exact: true}).selectOption('1');
  await page.getByLabel('Afgerond op (dd-mm-jjjj)').fill('25-11-2026');
  await page.getByRole('button', {name: 'Afgerond vastleggen'}).click();
  await page.getByRole('table', {name: 'Verbeteracties van plan 1'}).locator('tbody tr').first()
    .filter({hasText: /25-11-2026$/}).waitFor();
  // Effective needs every action done: the service says so, without its hint for CLI users.
  await page.getByLabel('Toelichting', {exact: true}).fill('Alles gedaan');
  await page.getByRole('button', {name: 'Plan sluiten'}).click();
  const refused = page.locator('form', {hasText: 'Verbeterplan sluiten'}).getByRole('alert');
  await refused.waitFor();
  assert.equal(await refused.innerText(), 'Verbeteractie 2 van plan 1 is nog niet uitgevoerd; het oordeel ' +
    '‘doeltreffend’ vraagt dat elke actie is uitgevoerd.');
  await assertAccessible(page, 'an investigation (1280x800)');
  if (shots) await page.screenshot({path: join(shots, 'supervisor-investigation-desktop.png'), fullPage: true});
});

await step('on 01-02-2027 the undone action is overdue past the grace period: an escalation', async () => {
  // A second host on the same database that sees that day (web_e2e.sh, OZJT_LATER_URL).
  const later = await (await dutchContext(browser)).newPage();
  await loginAs(later, process.env.OZJT_LATER_URL, 'toezichthouder');
  // The signals of this investigation: the undone action 2, not action 1 (done on 25-11-2026).
  const ours = later.getByRole('table', {name: 'Escalatiesignalen'})
    .locator('tbody tr', {has: later.locator(`a[href="${investigation}"]`)});
  await ours.first().waitFor();
  const texts = (await ours.allInnerTexts()).filter(t => /Verbeteractie/.test(t));
  assert.equal(texts.length, 1, texts.join('\n'));
  assert.match(texts[0], /^30-01-2027\s+Jeugd-GGZ Hazelaar \(fictief\)\s+Verbeteractie 2 van plan 1 is sinds 15-01-2027 over tijd \(teamleider\)$/);
  await later.context().close();
});

await step('the investigation is concluded with a summary for Enschede', async () => {
  await page.getByLabel('Conclusie', {exact: true}).fill('Bezetting in de avond onvoldoende; verbeterplan loopt');
  await page.getByLabel('Samenvatting voor de gemeente').fill('Onderzoek afgerond; de aanbieder verbetert de bezetting');
  await page.getByLabel('Kenmerk van het rapport').fill('RAP-2026-041');
  await page.getByRole('button', {name: 'Afronden'}).click();
  await page.locator('dd', {hasText: /^Afgerond$/}).waitFor();
  assert.equal(await page.getByRole('button', {name: 'Bevinding vastleggen'}).count(), 0);
});

await step('a proactive investigation opened from the list (an unknown provider refused at its field)', async () => {
  await page.getByRole('navigation', {name: 'Hoofdmenu'}).getByRole('link', {name: 'Onderzoeken'}).click();
  await page.getByRole('heading', {name: 'Onderzoeken', level: 1}).waitFor();
  await page.getByRole('table', {name: 'Onderzoeken, nieuwste eerst'}).waitFor();
  await page.getByLabel('Aanbieder', {exact: true}).fill('Bestaat Niet BV');
  await page.getByLabel('Onderwerp').fill('Jaarlijkse inspectie veiligheid');
  await page.getByRole('button', {name: 'Onderzoek openen'}).click();
  const error = page.locator('#f-investigation-provider-fout');
  await error.waitFor({state: 'visible'});
  assert.match(await error.innerText(), /Geen aanbieder met deze naam/);
  await page.getByLabel('Aanbieder', {exact: true}).fill('Zorggroep Dinkeldal (fictief)');
  await page.getByRole('button', {name: 'Onderzoek openen'}).click();
  await page.getByRole('heading', {name: 'Jaarlijkse inspectie veiligheid', level: 1}).waitFor();
  await page.locator('dd', {hasText: /^Gepland$/}).waitFor();
});

await step('the period report, with its CSV for Excel', async () => {
  await page.getByRole('navigation', {name: 'Hoofdmenu'}).getByRole('link', {name: 'Rapportage'}).click();
  await page.getByRole('heading', {name: 'Rapportage toezicht', level: 1}).waitFor();
  await page.getByLabel('Van (dd-mm-jjjj)').fill('01-01-2026');
  await page.getByLabel('Tot en met (dd-mm-jjjj)').fill('25-11-2026');
  await page.getByRole('button', {name: 'Rapportage maken'}).click();
  await page.getByRole('heading', {name: 'Rapportage 01-01-2026 t/m 25-11-2026', level: 2}).waitFor();
  const kinds = page.getByRole('table', {name: 'Onderzoeken per soort'}).locator('tbody tr');
  assert.match(await kinds.filter({hasText: 'Calamiteit'}).innerText(), /^Calamiteit\s+1\s+1$/);
  const [download] = await Promise.all([page.waitForEvent('download'),
    page.getByRole('button', {name: 'Download de rapportage (CSV)'}).click()]);
  assert.equal(download.suggestedFilename(), 'toezicht-rapportage.csv');
  const csv = await readFile(await download.path(), 'utf8');
  assert.ok(csv.startsWith('\uFEFF'), csv.slice(0, 40));
  assert.match(csv, /;/);
  await assertAccessible(page, 'the period report (1280x800)');
});

await step('Enschede sees the status and the summary, never the finding', async () => {
  const enschede = await (await dutchContext(browser)).newPage();
  await loginAs(enschede, base, 'gemeente_contract_manager', '0153');
  const requests = enschede.getByRole('table', {name: 'Onderzoeken op verzoek van de gemeente'});
  await requests.getByRole('link', {name: 'Calamiteit'}).click();
  await enschede.getByText('Onderzoek afgerond; de aanbieder verbetert de bezetting').waitFor();
  const text = await enschede.locator('main').innerText();
  assert.doesNotMatch(text, /Geen tweede medewerker|Jeugdwet art\. 4\.1\.1|Bevindingen|RAP-2026-041/);
  await enschede.context().close();
});

await step('a contract manager is told the investigations page is not theirs', async () => {
  const manager = await (await dutchContext(browser)).newPage();
  await loginAs(manager, base, 'ozjt_contract_manager');
  await manager.getByRole('heading', {name: 'Agenda van alle gemeenten', level: 1}).waitFor();
  await manager.goto(base + '#/onderzoeken');
  await manager.getByText('Deze pagina is voor toezichthouders; u bent ingelogd als Contractmanager OZJT.').waitFor();
  await manager.context().close();
});

await step('on a phone (390x844): the inbox fits the screen', async () => {
  const phone = await (await dutchContext(browser, PHONE)).newPage();
  await loginAs(phone, base, 'toezichthouder');
  await phone.getByRole('table', {name: 'Escalatiesignalen'}).waitFor();
  await assertFitsTheScreen(phone, 'the supervisor inbox on a phone');
  await assertAccessible(phone, 'the supervisor inbox (390x844)');
  if (shots) await phone.screenshot({path: join(shots, 'supervisor-start-phone.png')});
  await phone.context().close();
});

await browser.close();
console.log('all supervision steps passed');
