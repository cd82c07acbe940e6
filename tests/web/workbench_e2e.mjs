// The workbenches of OZJT's own roles in a real browser, against ozjt-host with the demo data
// (OZJT_TODAY=2026-11-25): a contract manager's agenda of all municipalities (overdue first,
// counts per kind, filters, a bad provider name refused next to its field) and contract
// register (filters, ending within N months, the CSV for Dutch Excel); the menu of each role,
// and a page of another role refused by the page and by the service; axe-core with no serious
// or critical violation and no page wider than the screen, at 1280x800 and at 390x844.
//   node workbench_e2e.mjs http://127.0.0.1:PORT/   (OZJT_SCREENSHOTS=DIR: screenshots there)
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {PHONE, assertAccessible, assertFitsTheScreen, dutchContext, launch, loginAs, menuLinks, stepper} from './browser.mjs';

const base = process.argv[2];
const shots = process.env.OZJT_SCREENSHOTS || '';
const browser = await launch();
const step = stepper(browser);

const context = await dutchContext(browser);
const page = await context.newPage();
const agendaRows = () => page.getByRole('table', {name: 'Termijnen en deadlines, te laat eerst'}).locator('tbody tr');
let contractAddress = '';

await step('a contract manager starts on the agenda of all municipalities, overdue first', async () => {
  await loginAs(page, base, 'ozjt_contract_manager');
  await page.getByRole('heading', {name: 'Agenda van alle gemeenten', level: 1}).waitFor();
  assert.deepEqual(await menuLinks(page), ['Agenda', 'Contractregister', 'Aanbieders', 'Continuïteit', 'Jeugdzorg Plus',
    'Contractinformatie', 'KIT-uitkomsten']);
  await agendaRows().first().waitFor();
  // Overdue first, oldest first: the demo's escalation signal (a critical finding of
  // 12-10-2026) and its improvement action due 01-11-2026, marked.
  assert.match(await agendaRows().nth(0).innerText(), /^12-10-2026\s+te laat\s+Escalatiesignaal toezicht/);
  // Its subject: the provider, by name, a link to its page.
  const provider = agendaRows().nth(0).getByRole('link');
  assert.equal(await provider.innerText(), 'Jeugd-GGZ Kanaalzicht (fictief)');
  assert.match(await provider.getAttribute('href'), /^#\/aanbieders\/\d+$/);
  assert.match(await agendaRows().filter({hasText: 'Verbeteractie'}).first().innerText(), /^01-11-2026\s+te laat/);
  // The window is the service's: from its today.
  await page.getByText(/^Van 25-11-2026 t\/m 24-05-2027: \d+ termijnen, waarvan \d+ te laat \(bovenaan\)\.$/).waitFor();
  // Counts per kind, e.g. the notice deadline of JZP-2024.
  const counts = page.getByRole('list', {name: 'Aantal per soort'});
  assert.match(await counts.getByRole('listitem').filter({hasText: 'Aanzegtermijn'}).innerText(), /^Aanzegtermijn: 1$/);
  assert.match(await counts.getByRole('listitem').filter({hasText: 'Escalatiesignaal'}).innerText(),
    /^Escalatiesignaal toezicht: \d+ \(\d+ te laat\)$/);
  if (shots) await page.screenshot({path: join(shots, 'manager-start-desktop.png')});
  // The subject is a link: the contract by its reference.
  await page.getByLabel('Zoek in de agenda').fill('JZP-2024');
  await page.getByRole('button', {name: 'Zoeken', exact: true}).click();
  const jzp = agendaRows().filter({hasText: '30-11-2026'});
  await jzp.getByRole('link', {name: 'JZP-2024'}).waitFor();
  assert.match(await jzp.innerText(), /Aanzegtermijn/);
  await assertAccessible(page, 'the agenda (1280x800)');
});

await step('the agenda filters by kind and family; an unknown provider is refused at its field', async () => {
  await page.getByLabel('Soort termijn', {exact: true}).selectOption('AGENDA_KIND_NOTICE_DEADLINE');
  await page.getByLabel('Soort contract', {exact: true}).selectOption('CONTRACT_FAMILY_JEUGDZORG_PLUS');
  await page.getByRole('button', {name: 'Toon agenda'}).click();
  await page.getByText(/^Van 25-11-2026 t\/m 24-05-2027: 1 termijn\.$/).waitFor();
  assert.match(await agendaRows().first().innerText(), /30-11-2026\s+Aanzegtermijn\s+JZP-2024/);
  await page.getByLabel('Aanbieder', {exact: true}).fill('Bestaat Niet BV');
  await page.getByRole('button', {name: 'Toon agenda'}).click();
  const error = page.locator('#agendafilter-aanbieder-fout');
  await error.waitFor({state: 'visible'});
  assert.match(await error.innerText(), /Geen aanbieder met deze naam/);
  assert.equal(await page.getByLabel('Aanbieder', {exact: true}).getAttribute('aria-invalid'), 'true');
});

await step('the contract register filters, shows providers by name and exports CSV for Excel', async () => {
  await page.getByRole('navigation', {name: 'Hoofdmenu'}).getByRole('link', {name: 'Contractregister'}).click();
  await page.getByRole('heading', {name: 'Contractregister', level: 1}).waitFor();
  const rows = page.getByRole('table', {name: 'Contracten op kenmerk'}).locator('tbody tr');
  await rows.first().waitFor();
  // Ending within: a number of months, refused in Dutch otherwise.
  await page.getByLabel('Eindigt binnen (maanden)').fill('twee');
  await page.getByRole('button', {name: 'Zoeken', exact: true}).click();
  await page.locator('#register-maanden-fout').waitFor({state: 'visible'});
  await page.getByLabel('Eindigt binnen (maanden)').fill('2');
  await page.getByRole('button', {name: 'Zoeken', exact: true}).click();
  await page.getByRole('table', {name: 'Contracten op kenmerk'}).getByRole('link', {name: 'MC-2022'}).waitFor();
  assert.equal(await rows.count(), 1);
  // Jeugdzorg Plus: the value in euros, the next notice day, the provider by name.
  await page.getByLabel('Eindigt binnen (maanden)').fill('');
  await page.getByLabel('Soort contract', {exact: true}).selectOption('CONTRACT_FAMILY_JEUGDZORG_PLUS');
  await page.getByRole('button', {name: 'Zoeken', exact: true}).click();
  await page.getByRole('table', {name: 'Contracten op kenmerk'}).getByRole('link', {name: 'JZP-2024'}).waitFor();
  assert.equal(await rows.count(), 1);
  const row = await rows.first().innerText();
  assert.match(row, /€\s?9\.500\.000,00/);
  assert.match(row, /01-01-2024 t\/m 31-05-2027/);
  assert.match(row, /30-11-2026/);
  const provider = rows.first().locator('td').nth(2).getByRole('link');
  assert.match(await provider.getAttribute('href'), /^#\/aanbieders\/\d+$/);
  assert.doesNotMatch(await provider.innerText(), /^\d+$|providers\//);
  const providerName = (await provider.innerText()).trim();
  // The CSV: a byte order mark, ';' between fields, a decimal comma, dates dd-mm-jjjj.
  const [download] = await Promise.all([page.waitForEvent('download'),
    page.getByRole('button', {name: 'Download als CSV (Excel)'}).click()]);
  assert.equal(download.suggestedFilename(), 'contractregister.csv');
  const csv = await readFile(await download.path(), 'utf8');
  assert.ok(csv.startsWith('\uFEFFKenmerk;Titel;Status;Soort;Aanbieders;Gemeenten;Waarde per jaar (EUR);'), csv.slice(0, 80));
  const lines = csv.trim().split('\r\n');
  assert.equal(lines.length, 2);
  assert.equal(lines[1], ['JZP-2024', 'Kleinschalige Jeugdzorg Plus', 'Lopend', 'Jeugdzorg Plus', providerName,
    lines[1].split(';')[5], '9500000,00', '01-01-2024', '31-05-2027', '30-11-2026'].join(';'));
  assert.match(lines[1].split(';')[5], /^Almelo, .*Enschede/);
  await page.getByText('Het bestand contractregister.csv is gedownload.').waitFor();
  await assertAccessible(page, 'the contract register (1280x800)');
  if (shots) await page.screenshot({path: join(shots, 'manager-register-desktop.png')});
});

await step('the contract detail, as a contract manager sees it', async () => {
  await page.getByRole('table', {name: 'Contracten op kenmerk'}).getByRole('link', {name: 'JZP-2024'}).click();
  await page.getByRole('heading', {name: /^JZP-2024: Kleinschalige Jeugdzorg Plus$/, level: 1}).waitFor();
  await page.locator('#tarieven table').waitFor();
  contractAddress = page.url().replace(/^.*#/, '#');
  await assertAccessible(page, 'the contract detail (1280x800)');
  if (shots) await page.screenshot({path: join(shots, 'contract-detail-desktop.png')});
});

await step('a stale edit is refused with who and when, keeps what was typed, and saves after reloading', async () => {
  const otherContext = await dutchContext(browser);
  const other = await otherContext.newPage();
  await loginAs(other, base, 'ozjt_contract_manager');
  await other.getByRole('heading', {name: 'Agenda van alle gemeenten', level: 1}).waitFor();
  await other.goto(base + contractAddress);
  await other.getByRole('heading', {name: /^JZP-2024/, level: 1}).waitFor();
  // A day that does not exist: refused next to its field, nothing sent.
  await page.getByLabel('Einddatum (dd-mm-jjjj)').fill('31-02-2027');
  await page.getByRole('button', {name: 'Wijzigingen opslaan'}).click();
  await page.locator('#f-contract-end_date-fout').getByText('Schrijf de einddatum als dd-mm-jjjj').waitFor();
  await page.getByLabel('Einddatum (dd-mm-jjjj)').fill('31-05-2027');
  // The first manager changes the title.
  await page.getByLabel('Titel', {exact: true}).fill('Kleinschalige Jeugdzorg Plus Twente');
  await page.getByRole('button', {name: 'Wijzigingen opslaan'}).click();
  await page.getByRole('status').filter({hasText: 'Opgeslagen.'}).waitFor();
  await page.getByRole('heading', {name: 'JZP-2024: Kleinschalige Jeugdzorg Plus Twente', level: 1}).waitFor();
  // The second, on the version read before, changes the value: refused, with who and when.
  await other.getByLabel('Waarde per jaar (euro)').fill('9.750.000,00');
  await other.getByRole('button', {name: 'Wijzigingen opslaan'}).click();
  const refusal = other.getByRole('alert').filter({hasText: 'Gewijzigd door'});
  await refusal.waitFor();
  assert.match(await refusal.innerText(), /^Gewijzigd door demo\.ozjt_contract_manager om \d{2}:\d{2}; laad opnieuw\. Wat u heeft ingevuld blijft staan\.$/);
  assert.equal(await other.getByLabel('Waarde per jaar (euro)').inputValue(), '9.750.000,00');
  // Loading the new version keeps the typed value and takes the other's title.
  await other.getByRole('button', {name: 'Laad opnieuw (uw invoer blijft staan)'}).click();
  await other.getByRole('status').filter({hasText: /^Versie \d+ is geladen/}).waitFor();
  assert.equal(await other.getByLabel('Waarde per jaar (euro)').inputValue(), '9.750.000,00');
  assert.equal(await other.getByLabel('Titel', {exact: true}).inputValue(), 'Kleinschalige Jeugdzorg Plus Twente');
  await other.getByRole('button', {name: 'Wijzigingen opslaan'}).click();
  await other.getByRole('status').filter({hasText: 'Opgeslagen.'}).waitFor();
  const facts = other.locator('dl.facts');
  await facts.getByText('€ 9.750.000,00').waitFor();
  // The history: who changed what, and the last two versions side by side.
  const versions = other.getByRole('table', {name: 'Versies, nieuwste eerst'});
  await versions.getByRole('row').filter({hasText: 'Waarde per jaar'}).first().waitFor();
  assert.match(await versions.locator('tbody tr').nth(0).innerText(), /demo\.ozjt_contract_manager\s+Gewijzigd\s+Waarde per jaar$/);
  assert.match(await versions.locator('tbody tr').nth(1).innerText(), /Gewijzigd\s+Titel$/);
  const compare = other.getByRole('table', {name: /^Versie \d+ naast versie \d+/});
  const changed = await compare.locator('tr.changed th').allInnerTexts();
  assert.deepEqual(changed.map(t => t.replace(/\s*\(gewijzigd\)$/, '')), ['Waarde per jaar']);
  assert.match(await compare.getByRole('row', {name: /Waarde per jaar/}).innerText(), /€\s?9\.500\.000,00\s+€\s?9\.750\.000,00/);
  await assertAccessible(other, 'the contract history (1280x800)');
  await otherContext.close();
});

await step('an option decided (AO Jeugd) and exercised, its letter downloaded as a PDF, its sending recorded', async () => {
  // Read again: the other manager saved a newer version after this page's edit.
  await page.reload();
  await page.getByRole('heading', {name: /^JZP-2024/, level: 1}).waitFor();
  // The decision first: who decided, on what day; a day after today is refused at its field.
  const decision = page.locator('form', {has: page.getByRole('button', {name: 'Besluit vastleggen'})});
  await decision.getByLabel('Besloten door').fill('AO Jeugd');
  await decision.getByLabel('Datum besluit (dd-mm-jjjj)').fill('26-11-2026');
  await decision.getByLabel('Kenmerk besluit (niet verplicht)').fill('AO-2026-11');
  await decision.getByLabel('Artikel met de verlengingsoptie (niet verplicht)').fill('artikel 2.3');
  await decision.getByRole('button', {name: 'Besluit vastleggen'}).click();
  await decision.locator('.field-error').filter({hasText: 'toekomst'}).waitFor();
  await decision.getByLabel('Datum besluit (dd-mm-jjjj)').fill('20-11-2026');
  await decision.getByRole('button', {name: 'Besluit vastleggen'}).click();
  const options = page.getByRole('table', {name: 'Verlengingsopties'});
  await options.getByText('Verlengen: AO Jeugd, 20-11-2026 (AO-2026-11)').waitFor();
  // The history says what it was, and the versions side by side name the providers.
  const history = page.getByRole('table', {name: 'Versies, nieuwste eerst'});
  assert.match(await history.locator('tbody tr').first().innerText(), /Besluit over optie\s+Verlengingsopties$/);
  assert.match(await page.getByRole('table', {name: /^Versie \d+ naast versie \d+/}).getByRole('row', {name: /Aanbieders/}).innerText(),
    /Aanbieders\s+\S.*\s+\S/);
  // Exercised: the notice date checked at its field, the end date moved.
  const form = page.locator('form', {has: page.getByRole('button', {name: 'Optie 1 vastleggen'})});
  await form.getByLabel('Aangezegd op (dd-mm-jjjj)').fill('27-11-2026');  // after today (25-11-2026)
  await form.getByLabel('Bewijs van ontvangst').fill('aangetekend RR 2026-1125');
  await form.getByRole('button', {name: 'Optie 1 vastleggen'}).click();
  const error = form.locator('.field-error').first();
  await error.waitFor({state: 'visible'});
  assert.match(await error.innerText(), /\b(de|het|een|niet|mag|kan)\b/);
  await form.getByLabel('Aangezegd op (dd-mm-jjjj)').fill('25-11-2026');
  await form.getByRole('button', {name: 'Optie 1 vastleggen'}).click();
  await page.locator('dl.facts').getByText('01-01-2024 t/m 31-05-2028').waitFor();
  assert.match(await options.locator('tbody tr').first().innerText(), /aangezegd 25-11-2026/);
  assert.equal(await page.getByRole('button', {name: /^Optie \d vastleggen$/}).count(), 0);
  // The letter to the provider, composed by the service: the provider by name, the new end
  // date, the notice deadline that was met.
  const letters = page.getByRole('table', {name: 'Brieven aan aanbieders'});
  const row = letters.locator('tbody tr').filter({hasText: 'Verlenging (optie 1)'});
  assert.match(await row.innerText(), /nog niet vastgelegd/);
  const provider = (await row.locator('td').nth(1).innerText()).trim();
  const [download] = await Promise.all([page.waitForEvent('download'),
    row.getByRole('button', {name: 'Download verlenging voor ' + provider}).click()]);
  assert.match(download.suggestedFilename(), /^brief-verlenging-optie-1-jzp-2024-[a-z0-9-]+\.pdf$/);
  const pdf = await readFile(await download.path());
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  const text = execFileSync('pdftotext', [await download.path(), '-'], {encoding: 'utf8'}).replace(/\s+/g, ' ');
  assert.ok(text.includes('Aan: ' + provider), text);
  assert.match(text, /tot en met 31-05-2028/);
  assert.match(text, /besloten door AO Jeugd/);
  assert.match(text, /met deze brief van 25-11-2026 is die termijn in acht genomen/);
  // The sending, with its proof of receipt; once.
  const sent = page.locator('form', {has: page.getByRole('button', {name: 'Verzending vastleggen'})});
  await sent.getByLabel('Brief', {exact: true}).selectOption({label: 'Verlenging (optie 1) aan ' + provider});
  await sent.getByLabel('Verzonden op (dd-mm-jjjj)').fill('25-11-2026');
  await sent.getByLabel('Bewijs van ontvangst').fill('RR 2026-1125 NL');
  await sent.getByRole('button', {name: 'Verzending vastleggen'}).click();
  await letters.locator('tbody tr').filter({hasText: 'Verlenging (optie 1)'})
    .getByText('25-11-2026, bewijs: RR 2026-1125 NL').waitFor();
  if (shots) {
    await options.scrollIntoViewIfNeeded();
    await page.screenshot({path: join(shots, 'manager-option-letter-desktop.png')});
  }
  await assertAccessible(page, 'the contract with its letters (1280x800)');
});

await step('tariffs and indexation: a figure recorded, the 2024 indexation previewed with its rounding and approved', async () => {
  await page.goto(base + '#/contracten');
  await page.getByLabel('Kenmerk of titel').fill('HO-2023');
  await page.getByRole('button', {name: 'Zoeken', exact: true}).click();
  await page.getByRole('table', {name: 'Contracten op kenmerk'}).getByRole('link', {name: 'HO-2023'}).click();
  await page.getByRole('link', {name: 'Tarieven en indexatie beheren'}).click();
  await page.getByRole('heading', {name: 'Tarieven en indexatie: HO-2023', level: 1}).waitFor();
  // An index figure: a percentage that is none is refused next to its field, in Dutch.
  await page.getByLabel('Component').fill('OVA');
  await page.getByLabel('Jaar', {exact: true}).fill('2025');
  await page.getByLabel('Soort cijfer').selectOption('FIGURE_KIND_FINAL');
  await page.getByLabel('Percentage').fill('veel');
  await page.getByRole('button', {name: 'Indexcijfer opslaan'}).click();
  await page.locator('#f-figure-percent-fout').getByText('Schrijf een percentage').waitFor();
  await page.getByLabel('Percentage').fill('5,10');
  await page.getByRole('button', {name: 'Indexcijfer opslaan'}).click();
  const figures = page.getByRole('table', {name: 'Gepubliceerde indexcijfers'});
  await figures.getByRole('row', {name: /OVA 2025 Definitief 5,10%/}).waitFor();
  // The preview, as the service computes it (docs/domain.md: 6.30% for 2024).
  await page.getByLabel('Jaar van de nieuwe tarieven').fill('2024');
  await page.getByRole('button', {name: 'Bekijk de indexatie'}).click();
  await page.getByText(/^Voorstel: de nieuwe tarieven gelden vanaf 01-01-2024\. Index 6,30% = gewogen prognose/).waitFor();
  const lines = page.getByRole('table', {name: 'Tariefregels oud en nieuw'});
  const basis = lines.getByRole('row').filter({hasText: 'Hulp bij het huishouden basis'});
  assert.match(await basis.innerText(), /€\s?30,50 × 1,0630 = € 32,4215 → €\s?32,42/);
  await page.getByRole('button', {name: 'Keur goed en pas toe (index 6,30%)'}).click();
  await page.getByText(/^Toegepast: de nieuwe tarieven gelden vanaf 01-01-2024\./).waitFor();
  // The new line in the list, at the 2024 price level; the old one closed on 31-12-2023.
  const all = page.getByRole('table', {name: 'Tariefregels met hun geschiedenis'});
  await all.getByRole('row').filter({hasText: '01-01-2024 (lopend)'}).filter({hasText: 'basis'}).getByText('32,42').waitFor();
  await all.getByRole('row').filter({hasText: '01-01-2023 t/m 31-12-2023'}).filter({hasText: 'basis'}).waitFor();
  // Once only: the same year again shows what was applied, with nothing left to approve.
  await page.getByRole('button', {name: 'Bekijk de indexatie'}).click();
  await page.getByText('De indexatie voor 2024 is al toegepast; er is niets meer goed te keuren.').waitFor();
  await page.getByText(/^Toegepast: de nieuwe tarieven gelden vanaf 01-01-2024\. Index 6,30%/).waitFor();
  assert.equal(await page.getByRole('button', {name: /^Keur goed/}).count(), 0);
  await assertAccessible(page, 'tariffs and indexation (1280x800)');
  if (shots) await page.screenshot({path: join(shots, 'manager-tariffs-desktop.png'), fullPage: true});
});

await step('the provider registry: search, export, an import checked line by line, an edit with its history', async () => {
  await page.getByRole('navigation', {name: 'Hoofdmenu'}).getByRole('link', {name: 'Aanbieders'}).click();
  await page.getByRole('heading', {name: 'Aanbieders', level: 1}).waitFor();
  const rows = page.getByRole('table', {name: 'Aanbieders op naam'}).locator('tbody tr');
  await rows.first().waitFor();
  await page.getByLabel('KvK-nummer').fill('1234');
  await page.getByRole('button', {name: 'Zoeken', exact: true}).click();
  await page.locator('#registerfilter-kvk-fout').getByText('precies 8 cijfers').waitFor();
  await page.getByLabel('KvK-nummer').fill('');
  await page.getByLabel('Niveau').selectOption('TIER_STRATEGIC');
  await page.getByLabel('Status', {exact: true}).selectOption('PROVIDER_STATUS_CONTRACTED');
  await page.getByRole('button', {name: 'Zoeken', exact: true}).click();
  await page.getByText('Geen aanbieders met deze filters.').or(rows.first()).first().waitFor();
  for (const row of await rows.allInnerTexts()) assert.match(row, /Strategisch \(OZJT\)\s+Gecontracteerd/);
  // The export, in the import format.
  const [download] = await Promise.all([page.waitForEvent('download'),
    page.getByRole('button', {name: 'Download als CSV (importformaat)'}).click()]);
  const csv = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '');
  const [header, first] = csv.split(/\r?\n/);
  assert.match(header, /kvk_nummer/);
  const columns = header.split(';');
  // The first provider renamed, and a line with a KvK number of 4 digits.
  const cells = first.split(';');
  const name = columns.indexOf('naam');
  const kvk = columns.indexOf('kvk_nummer');
  const renamed = cells.slice();
  renamed[name] = cells[name].replace(/ \(fictief\)$/, ' Twente (fictief)');
  const bad = cells.slice();
  bad[kvk] = '1234';
  const file = {name: 'aanbieders.csv', mimeType: 'text/csv',
    buffer: Buffer.from([header, renamed.join(';'), bad.join(';')].join('\r\n') + '\r\n')};
  await page.getByLabel('CSV-bestand').setInputFiles(file);
  await page.getByLabel('Wat te doen').selectOption('check');
  await page.getByRole('button', {name: 'Importeren', exact: true}).click();
  await page.getByText(/^Niets geïmporteerd: 1 regel is afgekeurd\./).waitFor();
  const rejected = page.getByRole('table', {name: 'Afgekeurde regels'}).locator('tbody tr');
  assert.match(await rejected.first().innerText(), /^3\s+kvk_nummer\s+regel 3, kolom kvk_nummer: /);
  await page.getByLabel('Wat te doen').selectOption('partial');
  await page.getByRole('button', {name: 'Importeren', exact: true}).click();
  await page.getByText('Geïmporteerd: 0 nieuw, 1 gewijzigd, 0 ongewijzigd. 1 regel is overgeslagen.').waitFor();
  await assertAccessible(page, 'the provider registry (1280x800)');
  // The renamed provider: its page, an edit and the history of both changes.
  await page.getByRole('button', {name: 'Zoeken', exact: true}).click();
  await page.getByRole('table', {name: 'Aanbieders op naam'}).getByRole('link', {name: renamed[name]}).click();
  await page.getByRole('heading', {name: renamed[name], level: 1}).waitFor();
  assert.equal(await page.getByRole('heading', {name: 'Onderzoek aanvragen'}).count(), 0);  // a municipality's form
  await page.getByLabel('Status', {exact: true}).selectOption('PROVIDER_STATUS_SUSPENDED');
  await page.getByRole('button', {name: 'Wijzigingen opslaan'}).click();
  await page.getByRole('status').filter({hasText: 'Opgeslagen.'}).waitFor();
  await page.locator('dl.facts').getByText('Opgeschort').waitFor();
  const versions = page.getByRole('table', {name: 'Versies, nieuwste eerst'}).locator('tbody tr');
  await versions.filter({has: page.getByRole('cell', {name: 'Status', exact: true})}).waitFor();  // read again
  assert.match(await versions.nth(0).innerText(), /Gewijzigd\s+Status$/);
  assert.match(await versions.nth(1).innerText(), /Geïmporteerd\s+Naam$/);
  await assertAccessible(page, 'a provider with its history (1280x800)');
});

await step('continuity: early warnings with reasons, the portfolio, a case moved a step and its log', async () => {
  await page.getByRole('navigation', {name: 'Hoofdmenu'}).getByRole('link', {name: 'Continuïteit'}).click();
  await page.getByRole('heading', {name: 'Continuïteit', level: 1}).waitFor();
  const warnings = page.getByRole('table', {name: 'Vroegsignalering, hoogste risico eerst'}).locator('tbody tr');
  await warnings.first().waitFor();
  // The demo's case at step 3 ranks first (10 per step), with its reasons in Dutch.
  assert.match(await warnings.first().innerText(), /trede 3$/);
  await page.getByRole('table', {name: 'Aanbieders waarvoor Twente accounthoudend gebied is'}).locator('tbody tr').first().waitFor();
  if (shots) await page.screenshot({path: join(shots, 'manager-continuity-desktop.png')});
  const demoCase = page.locator('article.case').filter({hasText: 'trede 3: zorgelijk, herstelplan nodig'});
  const provider = (await demoCase.locator('h3').first().innerText()).trim();
  assert.match(await demoCase.innerText(), /Herstelplan uiterlijk\s+15-12-2026/);
  assert.match(await demoCase.innerText(), /IJsselland op 21-10-2026/i);
  // A day that does not exist is refused at its field; then step 4 is recorded.
  await demoCase.getByLabel('Trede', {exact: true}).selectOption('4');
  await demoCase.getByLabel('Datum van de trede (dd-mm-jjjj)').fill('31-11-2026');
  await demoCase.getByRole('button', {name: 'Trede vastleggen'}).click();
  await demoCase.getByText('Schrijf de datum als dd-mm-jjjj').waitFor();
  await demoCase.getByLabel('Datum van de trede (dd-mm-jjjj)').fill('25-11-2026');
  await demoCase.getByLabel('Toelichting').first().fill('Herstelplan ontoereikend');
  await demoCase.getByRole('button', {name: 'Trede vastleggen'}).click();
  const moved = page.locator('article.case').filter({hasText: provider}).filter({hasText: 'Herstelplan ontoereikend'});
  await moved.getByRole('table', {name: 'Treden'}).getByRole('row', {name: /^4 25-11-2026/}).waitFor();
  await moved.getByLabel('Actie', {exact: true}).fill('Regio’s geïnformeerd over trede 4');
  await moved.getByLabel('Datum van de actie (dd-mm-jjjj)').fill('25-11-2026');
  await moved.getByRole('button', {name: 'Actie vastleggen'}).click();
  await page.getByRole('table', {name: 'Logboek'}).getByText('Regio’s geïnformeerd over trede 4').waitFor();
  // One open case per provider: a second is refused in Dutch.
  const open = page.locator('form', {has: page.getByRole('button', {name: 'Casus openen'})});
  await open.getByLabel('Aanbieder').fill(provider);
  await open.getByLabel('Datum (dd-mm-jjjj)').fill('25-11-2026');
  await open.getByRole('button', {name: 'Casus openen'}).click();
  const refused = open.getByRole('alert');
  await refused.waitFor();
  assert.match(await refused.innerText(), /heeft al een open continuïteitscasus/);
  await assertAccessible(page, 'continuity (1280x800)');
});

await step('Jeugdzorg Plus: the region exact and as published, the chart, and the years as CSV', async () => {
  await page.getByRole('navigation', {name: 'Hoofdmenu'}).getByRole('link', {name: 'Jeugdzorg Plus'}).click();
  await page.getByRole('heading', {name: 'Jeugdzorg Plus: instroom', level: 1}).waitFor();
  await page.getByRole('img', {name: /instroom Jeugdzorg Plus per jaar voor de regio Twente/}).waitFor();
  const years = page.getByRole('table', {name: 'Per jaar'}).locator('tbody tr');
  await years.first().waitFor();
  assert.match(await years.first().innerText(), /^2021\s+\d+/);  // the first year of the demo's data
  await page.getByRole('table', {name: 'Plaatsingen per aanbieder'}).getByRole('link').first().waitFor();
  // The years as CSV: a byte order mark, ';', decimal commas.
  const [download] = await Promise.all([page.waitForEvent('download'),
    page.getByRole('button', {name: 'Download de jaren als CSV (Excel)'}).click()]);
  assert.equal(download.suggestedFilename(), 'jeugdzorg-plus-twente.csv');
  const csv = await readFile(await download.path(), 'utf8');
  assert.ok(csv.startsWith('\uFEFFJaar;Plaatsingen;Jeugdigen;Spoedmachtigingen;'), csv.slice(0, 60));
  assert.match(csv, /;\d+,\d{2};/);
  assert.doesNotMatch(csv, /\d\.\d{2}/);
  // As published: small counts of one municipality suppressed by the service.
  await page.getByLabel('Gemeente').selectOption('0147');
  await page.getByLabel('Cijfers').selectOption('extern');
  await page.getByRole('button', {name: 'Toon de instroom'}).click();
  await page.getByText(/Kleine aantallen \(1 tot en met 4\) lezen "<5"/).waitFor();
  assert.equal(await page.getByRole('table', {name: 'Plaatsingen per aanbieder'}).count(), 0);
  await assertAccessible(page, 'Jeugdzorg Plus (1280x800)');
});

await step('contract management information: the region\'s quarter per contract, provider and product, the deviating tariffs, a municipality, the CSV', async () => {
  await page.getByRole('navigation', {name: 'Hoofdmenu'}).getByRole('link', {name: 'Contractinformatie'}).click();
  await page.getByRole('heading', {name: 'Contractmanagementinformatie', level: 1}).waitFor();
  await page.getByLabel('Kwartaal').selectOption('2026-K3');
  await page.getByRole('button', {name: 'Toon de cijfers'}).click();
  await page.getByText(/^Cijfers van de regio Twente over 2026-K3/).waitFor();
  const rows = page.getByRole('table', {name: 'Per contract, aanbieder en product'}).locator('tbody tr');
  await rows.first().waitFor();
  const text = await page.getByRole('table', {name: 'Per contract, aanbieder en product'}).innerText();
  // The demo's traffic: JH-2025's products matched to it, jeugd-ggz (54B02) to no contract.
  assert.match(text, /JH-2025\s+\S.*\(fictief\)\s+Jeugdwet 45 45A01/);
  assert.match(text, /geen contract\s+\S.*\(fictief\)\s+Jeugdwet 54 54B02/);
  assert.match(text, /€\s?[\d.]+,\d{2}/);
  const total = await page.getByRole('table', {name: 'Totaal'}).locator('tbody tr').innerText();
  assert.match(total, /\d+ \/ \d+ dagen/);  // median / P80 waiting time
  // The claim lines at another price than JH-2025's, each with the contract's tariff.
  const deviations = page.getByRole('table', {name: /^Declaratieregels met een ander tarief dan het contract/}).locator('tbody tr');
  await deviations.first().waitFor();
  assert.match(await deviations.first().innerText(), /^JH-2025\s/);
  const [download] = await Promise.all([page.waitForEvent('download'),
    page.getByRole('button', {name: 'Download de regels als CSV (Excel)'}).click()]);
  assert.equal(download.suggestedFilename(), 'contractinformatie-twente-2026-k3.csv');
  const csv = await readFile(await download.path(), 'utf8');
  assert.ok(csv.startsWith('\uFEFFContract;Aanbieder;Product;Cliënten;'), csv.slice(0, 60));
  if (shots) await page.screenshot({path: join(shots, 'manager-insight-desktop.png')});
  // One municipality, exact (no "<5" for OZJT).
  const figures = page.locator('section', {has: page.getByRole('heading', {name: 'Volume, uitgaven en wachttijden per kwartaal'})});
  await figures.getByLabel('Gemeente').selectOption('0147');
  await page.getByRole('button', {name: 'Toon de cijfers'}).click();
  await page.getByText(/^Cijfers van Borne over 2026-K3/).waitFor();
  assert.doesNotMatch(await page.locator('main').innerText(), /<5/);
  await assertAccessible(page, 'contract management information (1280x800)');
});

await step('the report of a half year for the region: the chart, the PDF and the CSV; for external use suppressed', async () => {
  const part = page.locator('section', {has: page.getByRole('heading', {name: 'Rapportage per kwartaal of halfjaar'})});
  await part.getByLabel('Periode').selectOption('2026-H1');
  await part.getByRole('button', {name: 'Toon de rapportage'}).click();
  await part.getByRole('img', {name: /toegekende en nog openstaande declaraties/}).waitFor();
  if (shots) await part.screenshot({path: join(shots, 'manager-report-desktop.png')});
  const [pdf] = await Promise.all([page.waitForEvent('download'),
    part.getByRole('button', {name: 'Download als PDF (voor de managers)'}).click()]);
  assert.equal(pdf.suggestedFilename(), 'contractinformatie-twente-2026-h1.pdf');
  assert.equal((await readFile(await pdf.path())).subarray(0, 5).toString(), '%PDF-');
  const [csv] = await Promise.all([page.waitForEvent('download'),
    part.getByRole('button', {name: 'Download als CSV (Excel)'}).click()]);
  const exact = await readFile(await csv.path(), 'utf8');
  assert.ok(exact.startsWith('\uFEFFContract;Aanbieder;Product;'), exact.slice(0, 40));
  assert.match(exact, /\r\nTotaal;;;\d+;/);
  assert.doesNotMatch(exact, /<5/);
  await part.getByLabel('Cijfers').selectOption('extern');
  await part.getByRole('button', {name: 'Toon de rapportage'}).click();
  await part.getByText(/^Kleine aantallen \(1 tot en met 4\) zijn afgeschermd/).waitFor();
  const [external] = await Promise.all([page.waitForEvent('download'),
    part.getByRole('button', {name: 'Download als CSV (Excel)'}).click()]);
  assert.match(await readFile(await external.path(), 'utf8'), /<5/);
  await assertAccessible(page, 'report (1280x800)');
});

await step('spending ceilings: the demo ceiling past 70%, a wrong amount refused at its field, a ceiling set', async () => {
  const part = page.locator('section', {has: page.getByRole('heading', {name: 'Bestedingsruimte (art. 1.5)'})});
  await part.getByLabel('Jaar', {exact: true}).first().selectOption('2026');
  await part.getByRole('button', {name: 'Toon de bestedingsruimtes'}).click();
  const list = part.getByRole('table', {name: 'Bestedingsruimtes 2026'});
  await list.waitFor();
  // The demo's ceiling of JH-2025 in Enschede, about 76% used, its notice of 20-11-2026 recorded.
  assert.match(await list.innerText(), /Enschede\s+JH-2025\s+.*\(fictief\)[\s\S]*70% besteed[\s\S]*melding 20-11-2026/);
  if (shots) await part.screenshot({path: join(shots, 'manager-ceilings-desktop.png')});
  const form = part.locator('form', {has: page.getByRole('heading', {name: 'Bestedingsruimte vastleggen'})});
  const jh = await form.getByLabel('Contract').locator('option', {hasText: /^JH-2025 /}).getAttribute('value');
  await form.getByLabel('Contract').selectOption(jh);
  await form.getByLabel('Aanbieder').fill('Jeugdhulp Esrand (fictief)');
  await form.getByLabel('Gemeente').selectOption('0147');
  await form.getByLabel('Jaar').fill('2026');
  await form.getByLabel('Bedrag (euro)').fill('veel');
  await form.getByRole('button', {name: 'Bestedingsruimte vastleggen'}).click();
  await form.getByText('Schrijf een bedrag, bijv. 250.000,00.').waitFor();
  await form.getByLabel('Bedrag (euro)').fill('12.500,00');
  await form.getByRole('button', {name: 'Bestedingsruimte vastleggen'}).click();
  // The page comes anew; Borne's ceiling is in the list.
  const again = page.locator('section', {has: page.getByRole('heading', {name: 'Bestedingsruimte (art. 1.5)'})});
  await again.getByLabel('Jaar', {exact: true}).first().selectOption('2026');
  await again.getByRole('button', {name: 'Toon de bestedingsruimtes'}).click();
  await again.getByRole('table', {name: 'Bestedingsruimtes 2026'}).getByText('Borne').waitFor();
  await assertAccessible(page, 'spending ceilings (1280x800)');
});

await step('vervoer: the KPI norms of a lot listed, a norm in the wrong direction refused at its field, one set', async () => {
  await page.goto(base + '#/contracten');
  await page.getByLabel('Kenmerk of titel').fill('DGV-2023-P1');
  await page.getByRole('button', {name: 'Zoeken', exact: true}).click();
  await page.getByRole('table', {name: 'Contracten op kenmerk'}).getByRole('link', {name: 'DGV-2023-P1'}).click();
  const norms = page.getByRole('table', {name: 'Normen per KPI'});
  await norms.getByRole('row', {name: /Punctualiteit/}).waitFor();
  assert.match(await norms.getByRole('row', {name: /Punctualiteit/}).innerText(), /minimaal \d+,\d{2} %/);
  const form = page.locator('form', {has: page.getByRole('button', {name: 'Norm opslaan'})});
  await form.getByLabel('KPI', {exact: true}).selectOption('KPI_KIND_COMPLAINTS');
  await form.getByLabel('Norm', {exact: true}).fill('1,50');
  await form.getByLabel('Richting').selectOption('NORM_DIRECTION_AT_LEAST');
  await form.getByLabel('Wat wordt gemeten').fill('klachten per 1.000 ritten');
  await form.getByRole('button', {name: 'Norm opslaan'}).click();
  await page.locator('#f-definition-direction-fout').waitFor({state: 'visible'});
  assert.doesNotMatch(await page.locator('#f-definition-direction-fout').innerText(), /AT_MOST|must|direction/);
  await form.getByLabel('Richting').selectOption('NORM_DIRECTION_AT_MOST');
  await form.getByRole('button', {name: 'Norm opslaan'}).click();
  await norms.getByRole('row', {name: /Klachten/}).filter({hasText: 'maximaal 1,50'}).waitFor();
});

await step('an auditor page is not a contract manager\'s: the page says so and the service refuses', async () => {
  await page.goto(base + '#/audit');
  await page.getByRole('heading', {name: 'Niet voor uw rol', level: 1}).waitFor();
  await page.getByText('Deze pagina is voor auditors; u bent ingelogd als Contractmanager OZJT.').waitFor();
  const status = await page.evaluate(async () => (await fetch('/api/rpc/ozjt.audit.v1.AuditLog/ListAuditRecords', {
    method: 'POST', body: '{}',
    headers: {'content-type': 'application/json', authorization: 'Bearer ' + sessionStorage.getItem('ozjt.token')},
  })).status);
  assert.equal(status, 403);
});

await step('an auditor has the audit log only; the register is not theirs', async () => {
  const auditorContext = await dutchContext(browser);
  const auditor = await auditorContext.newPage();
  await loginAs(auditor, base, 'auditor');
  await auditor.getByRole('heading', {name: 'Audit', level: 1}).waitFor();
  assert.deepEqual(await menuLinks(auditor), ['Auditlog']);
  await auditor.getByRole('table', {name: 'Auditregels, nieuwste eerst'}).waitFor();
  await assertAccessible(auditor, 'the audit log (1280x800)');
  if (shots) await auditor.screenshot({path: join(shots, 'auditor-start-desktop.png')});
  await auditor.goto(base + '#/contracten');
  await auditor.getByRole('heading', {name: 'Niet voor uw rol', level: 1}).waitFor();
  await auditor.getByText('Deze pagina is voor contractmanagers van OZJT; u bent ingelogd als Auditor.').waitFor();
  await auditorContext.close();
});

// Each role's start page, the register and a contract on a phone: readable, nothing wider
// than the screen (tables scroll in their box), and accessible.
const phonePages = [
  ['ozjt_contract_manager', '', '#/', 'Agenda van alle gemeenten', 'manager-start-phone.png'],
  ['ozjt_contract_manager', '', '#/contracten', 'Contractregister', 'manager-register-phone.png'],
  ['auditor', '', '#/', 'Audit', 'auditor-start-phone.png'],
  ['gemeente_contract_manager', '0153', '#/', 'Gemeente Enschede', 'municipal-start-phone.png'],
];
for (const [role, municipality, address, heading, shot] of phonePages) {
  await step(`on a phone (390x844): ${heading} (${role})`, async () => {
    const phone = await dutchContext(browser, PHONE);
    const p = await phone.newPage();
    await loginAs(p, base, role, municipality);
    await p.getByRole('heading', {level: 1}).filter({hasText: /\S/}).first().waitFor();
    await p.goto(base + address);
    await p.getByRole('heading', {name: heading, level: 1}).waitFor();
    await p.locator('main table').first().waitFor();
    await p.waitForLoadState('networkidle');
    await assertFitsTheScreen(p, heading);
    await assertAccessible(p, `${heading} (390x844)`);
    if (shots) await p.screenshot({path: join(shots, shot)});
    await phone.close();
  });
}

await step('the contract detail on a phone', async () => {
  const phone = await dutchContext(browser, PHONE);
  const p = await phone.newPage();
  await loginAs(p, base, 'ozjt_contract_manager');
  await p.getByRole('heading', {name: 'Agenda van alle gemeenten', level: 1}).waitFor();
  await p.goto(base + contractAddress);
  await p.getByRole('heading', {name: /^JZP-2024/, level: 1}).waitFor();
  await p.locator('#tarieven table').waitFor();
  await p.waitForLoadState('networkidle');
  await assertFitsTheScreen(p, 'the contract detail');
  await assertAccessible(p, 'the contract detail (390x844)');
  if (shots) await p.screenshot({path: join(shots, 'contract-detail-phone.png')});
  await phone.close();
});

await browser.close();
process.stdout.write('all workbench steps passed\n');
