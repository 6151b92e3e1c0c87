/**
 * End-to-end: the explorer's state and layout as a new user meets them —
 * errors that clear when fixed, every error at once, no stale results beside
 * an invalid form, malformed share links reported, units on the axes, and a
 * layout that holds at 1280 px and at 420 px.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fieldError, openExplorer, skipBrowser, type Explorer, type Page } from './browser.js';

interface PageElement {
  textContent: string | null;
}
declare const document: { querySelector(selector: string): PageElement | null; querySelectorAll(selector: string): ArrayLike<PageElement> };

async function chooseExample(page: Page, label: RegExp): Promise<void> {
  const options = await page.locator('select[name=example] option').allTextContents();
  const k = options.findIndex((o) => label.test(o));
  assert.ok(k > 0, `example ${label} in ${options.join(' | ')}`);
  await page.selectOption('select[name=example]', String(k - 1));
}

const box = async (page: Page, selector: string) => {
  const b = await page.locator(selector).first().boundingBox();
  assert.ok(b, `${selector} is laid out`);
  return b;
};

describe('explorer as a user meets it', { skip: skipBrowser }, () => {
  let ex: Explorer;
  before(async () => {
    ex = await openExplorer();
  });
  after(async () => {
    await ex?.close();
  });

  test('an --site error disappears when another example makes the site valid', async () => {
    const { page, base } = ex;
    await page.goto(`${base}#/lattice`);
    await chooseExample(page, /small-sip/);
    await page.fill('[data-field="--site"] input', '20, 5');
    await page.waitForFunction(() => /outside/.test(document.querySelector('[data-field="--site"] .error')?.textContent ?? ''));
    await chooseExample(page, /31×31/);
    await page.waitForFunction(() => !document.querySelector('[data-field="--site"] .error')?.textContent);
    assert.equal(await page.locator('#page-lattice .field.invalid').count(), 0);
  });

  test('every field error is shown at once, and the last results are hidden until the form is valid', async () => {
    const { page, base } = ex;
    await page.goto(`${base}#/lattice`);
    await chooseExample(page, /small-sip/);
    await page.fill('[data-field="--site"] input', '');
    await page.fill('[data-field="--separations"] input', '1:2');
    await page.click('[data-run="couplings"]');
    await page.waitForFunction(() => document.querySelector('[data-task="couplings"]')?.textContent?.includes('separations in') ?? false, undefined, { timeout: 60_000 });
    assert.ok(await page.locator('[data-plot="J"]').isVisible());
    const svgText = (await page.locator('[data-plot="J"]').textContent()) ?? '';
    assert.match(svgText, /units of t/);
    assert.match(svgText, /nearest-neighbour units/);

    await page.fill('[data-field="chemicalPotential"] input', 'abc');
    await page.fill('[data-field="temperature"] input', '-1');
    await page.fill('[data-field="--separations"] input', '1:x');
    await page.waitForFunction(() => document.querySelectorAll('#page-lattice .field.invalid').length >= 3);
    for (const f of ['chemicalPotential', 'temperature', '--separations']) assert.ok(((await fieldError(page, f).textContent()) ?? '').length > 0, `${f} shows its error`);
    assert.equal(await page.locator('[data-plot="J"]').isVisible(), false, 'stale plots are hidden');

    await page.fill('[data-field="chemicalPotential"] input', '-3');
    await page.waitForFunction(() => !document.querySelector('[data-field="chemicalPotential"] .error')?.textContent);
    assert.ok(((await fieldError(page, 'temperature').textContent()) ?? '').length > 0, 'the other errors stay');
    await page.fill('[data-field="temperature"] input', '0.001');
    await page.fill('[data-field="--separations"] input', '1:2');
    await page.waitForFunction(() => document.querySelectorAll('#page-lattice .field.invalid').length === 0);
    assert.ok(await page.locator('[data-plot="J"]').isVisible(), 'results return when the form is valid');
  });

  test('a malformed share link is reported, not replaced by the default model', async () => {
    const { page, base } = ex;
    await page.goto('about:blank');
    await page.goto(`${base}#/lattice?model=%7Bnot-json`);
    await page.locator('.link-error').waitFor({ state: 'visible' });
    assert.match((await page.locator('.link-error').textContent()) ?? '', /not a valid model file/);
    assert.notEqual(await page.inputValue('[data-field="lattice.shape"] input'), '31, 31', 'the default example is not loaded silently');
    await chooseExample(page, /small-sip/);
    await page.locator('.link-error').waitFor({ state: 'hidden' });
  });

  test('layout: spin-chain controls stay in their column; Save couplings JSON clear of the LDOS box', async () => {
    const { page, base } = ex;
    await page.setViewportSize({ width: 1280, height: 900 });
    // A full navigation first: a hash-only one can be overwritten by the previous test's pending share-link update.
    await page.goto('about:blank');
    await page.goto(`${base}#/spins`);
    await page.locator('#page-spins select[name=source]').waitFor(); // a hash-only navigation does not wait for the page to render
    const select = await box(page, '#page-spins select[name=source]');
    const info = await box(page, '#page-spins [data-info=source]');
    const results = await box(page, '#page-spins .results');
    assert.ok(select.x + select.width <= results.x + 1, `source selector ends at ${select.x + select.width}, results start at ${results.x}`);
    assert.ok(info.x + info.width <= results.x + 1, 'displacement list stays in the controls column');

    await page.goto(`${base}#/lattice`);
    await chooseExample(page, /small-sip/);
    await page.fill('[data-field="--separations"] input', '1:2');
    await page.click('[data-run="couplings"]');
    await page.locator('[data-action="save-couplings"]').waitFor({ timeout: 60_000 });
    const save = await box(page, '[data-action="save-couplings"]');
    const ldos = await box(page, '#page-lattice fieldset:has(legend:text("Local density of states"))');
    assert.ok(save.y + save.height + 4 <= ldos.y, `Save button bottom ${save.y + save.height} vs LDOS box top ${ldos.y}`);
  });

  test('usable at 420 px: every tab visible, no page wider than the window', async () => {
    const { page, base } = ex;
    await page.setViewportSize({ width: 420, height: 800 });
    for (const name of ['continuum', 'lattice', 'spins', 'gallery']) {
      await page.goto(`${base}#/${name}`);
      await page.waitForTimeout(200);
      for (const tab of await page.locator('nav a').all()) {
        const b = await tab.boundingBox();
        assert.ok(b && b.x >= 0 && b.x + b.width <= 420, `tab ${await tab.textContent()} inside 420 px on ${name}`);
      }
      const width = await page.evaluate('document.documentElement.scrollWidth');
      assert.ok((width as number) <= 421, `${name}: page is ${width} px wide`);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  test('continuum axes carry units', async () => {
    const { page, base } = ex;
    await page.goto(`${base}#/continuum`);
    await page.waitForFunction(() => /units of/.test(document.querySelector('[data-plot="J(R)"]')?.textContent ?? ''));
    assert.match((await page.locator('[data-plot="chi0(q)"]').textContent()) ?? '', /inverse length/);
  });
});
