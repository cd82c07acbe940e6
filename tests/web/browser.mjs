// What the browser tests share: Debian's chromium through playwright-core, steps that stop at
// the first failure, the demo login, and axe-core's accessibility check.
import assert from 'node:assert/strict';
import {createRequire} from 'node:module';
import {chromium} from 'playwright-core';

export const DESKTOP = {width: 1280, height: 800};
export const PHONE = {width: 390, height: 844};

export async function launch() {
  return chromium.launch({
    executablePath: process.env.OZJT_CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });
}

// step(browser)(name, body): runs one step; the steps build on each other, so the first
// failure ends the run.
export function stepper(browser) {
  return async function step(name, body) {
    process.stdout.write(`-- ${name}\n`);
    try {
      await body();
    } catch (e) {
      process.stdout.write(`FAIL: ${name}: ${e.stack || e}\n`);
      // What each open page showed, to see why.
      for (const context of browser.contexts()) {
        for (const p of context.pages()) {
          const text = await p.locator('main').innerText({timeout: 1000}).catch(() => '(unreadable)');
          process.stdout.write(`-- page ${p.url()}:\n${text.slice(-3000)}\n`);
        }
      }
      await browser.close();
      process.exit(1);
    }
  };
}

// A Dutch browser in the Netherlands. axe-core is put in the page as a script, which the
// page's Content-Security-Policy would refuse; bypassCSP lets the test do so.
export async function dutchContext(browser, viewport = DESKTOP) {
  const context = await browser.newContext({locale: 'nl-NL', timezoneId: 'Europe/Amsterdam',
    viewport, bypassCSP: true});
  context.setDefaultTimeout(15000);
  return context;
}

// The texts of the main menu's links, in order.
export async function menuLinks(page) {
  return page.getByRole('navigation', {name: 'Hoofdmenu'}).getByRole('link').allInnerTexts();
}

// Logs in through the demo login screen as this role (and municipality, and user name),
// keyboard only.
export async function loginAs(page, base, role, municipality, subject) {
  await page.goto(base);
  await page.getByRole('heading', {name: 'Inloggen', exact: true}).waitFor();
  if (municipality) await page.getByLabel('Gemeente', {exact: true}).selectOption(municipality);
  await page.getByLabel('Rol', {exact: true}).selectOption(role);
  if (subject) await page.getByLabel('Gebruikersnaam (optioneel)').fill(subject);
  await page.getByRole('button', {name: 'Inloggen'}).focus();
  await page.keyboard.press('Enter');
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

// axe-core (WCAG 2.1 A and AA) on the page as it is: no serious or critical violation.
export async function assertAccessible(page, where) {
  await page.addScriptTag({path: AXE});
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
  }));
  const bad = result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`),
    [], `axe-core on ${where}`);
}

// Nothing on the page is wider than the screen: wide tables scroll inside their own box.
export async function assertFitsTheScreen(page, where) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow <= 1) return;
  // The elements that stick out (not those inside a box that scrolls), to say which.
  const culprits = await page.evaluate(() => [...document.querySelectorAll('main *')]
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-box'))
    .slice(-3).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '') +
      ' ' + Math.round(e.getBoundingClientRect().width) + 'px'));
  assert.fail(`${where}: the page is ${overflow}px wider than the screen: ${culprits.join(', ')}`);
}
