/**
 * End-to-end: the built explorer in headless Chromium. Each page is driven
 * like a user would (fields, sliders, buttons) and the plotted numbers are
 * compared with the same library computed here in Node; errors must read
 * exactly like the CLI's.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { rkkyCoupling } from '../../src/continuum/index.js';
import { InputError } from '../../src/errors.js';
import { parseModel } from '../../src/model/model.js';
import { computeCouplings, shellTargets } from '../../src/rkky/sweep.js';
import { serialGreens } from '../../src/solvers/greens.js';
import { localDensityOfStates } from '../../src/rkky/ldos.js';
import { findGroundState, parseCouplingsTable, spinModelFromCouplings } from '../../src/spins/index.js';
import { close, fieldError, openExplorer, plotted, skipBrowser, type Explorer, type Page } from './browser.js';

// The callbacks passed to waitForFunction run in the page; the repo's tsconfig has no DOM lib, so declare what they touch.
interface PageElement {
  textContent: string | null;
  value?: string;
  getAttribute(name: string): string | null;
}
declare const document: { querySelector(selector: string): PageElement | null };
declare const location: { hash: string };

const root = fileURLToPath(new URL('../../../', import.meta.url));
const readJson = (rel: string): Record<string, unknown> => JSON.parse(readFileSync(join(root, rel), 'utf8'));
const smallSip = readJson('examples/small-sip.json');

/** What `rkky <args>` prints on stderr (without the `rkky: ` prefix). */
function cliError(args: string[]): Promise<string> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(root, 'dist/src/cli/main.js'), ...args], (_err, _out, stderr) => resolve(stderr.trim().replace(/^rkky: /, '')));
  });
}

function parseError(json: unknown): string {
  try {
    parseModel(json);
  } catch (err) {
    if (err instanceof InputError) return err.message;
    throw err;
  }
  throw new Error('expected the model to be invalid');
}

async function chooseExample(page: Page, label: RegExp): Promise<void> {
  const options = await page.locator('select[name=example] option').allTextContents();
  const k = options.findIndex((o) => label.test(o));
  assert.ok(k > 0, `example ${label} in ${options.join(' | ')}`);
  await page.selectOption('select[name=example]', String(k - 1));
  await page.waitForFunction(() => !document.querySelector('#page-lattice .field.invalid'));
}

async function runTask(page: Page, name: string, timeout = 60_000): Promise<string> {
  await page.click(`[data-run=${name}]`);
  const task = page.locator(`[data-task=${name}]`);
  await page.waitForFunction((n) => ['done', 'error', 'cancelled'].includes(document.querySelector(`[data-task=${n}]`)?.getAttribute('data-state') ?? ''), name, { timeout });
  return (await task.getAttribute('data-state')) ?? '';
}

describe('browser explorer (headless Chromium)', { skip: skipBrowser }, () => {
  let ex: Explorer;
  before(async () => {
    ex = await openExplorer();
  });
  after(async () => {
    await ex?.close();
  });

  test('continuum: J(R) as plotted equals the library; a slider redraws within 100 ms', async (t) => {
    const { page, base } = ex;
    await page.goto(`${base}#/continuum?dim=3&kf=1&T=0&ell=inf&z=2&J=1&R=1:10:0.5`);
    await page.waitForSelector('#page-continuum[data-state=done]');
    let [J] = await plotted(page, 'J(R)');
    assert.equal(J!.x.length, 19);
    J!.x.forEach((R, i) => assert.ok(close(J!.y[i]!, rkkyCoupling(3, 1, R), 1e-12), `J(${R})`));

    const latencies: number[] = [];
    for (const kF of ['1.25', '1.5', '0.75', '1.75', '2']) {
      const before = await page.getAttribute('[data-plot="J(R)"]', 'data-series');
      await page.locator('[data-slider="--kf"]').fill(kF);
      await page.waitForFunction((b) => document.querySelector('[data-plot="J(R)"]')?.getAttribute('data-series') !== b && document.querySelector('#page-continuum')?.getAttribute('data-state') === 'done', before);
      latencies.push(Number(await page.getAttribute('#page-continuum', 'data-latency-ms')));
    }
    [J] = await plotted(page, 'J(R)');
    assert.ok(close(J!.y[0]!, rkkyCoupling(3, 2, 1), 1e-12));
    t.diagnostic(`slider → plot: ${latencies.join(', ')} ms`);
    // The median, so one step delayed by a busy machine (npm test runs files in parallel) does not fail the check.
    const median = [...latencies].sort((a, b) => a - b)[Math.floor(latencies.length / 2)]!;
    assert.ok(median < 100, `slider → plot latencies ${latencies.join(', ')} ms`);
    assert.match(page.url(), /kf=2/, 'the URL records the slider');

    await page.selectOption('[data-field="--dim"] select', '1');
    await page.waitForFunction(() => /d = 1/.test(document.querySelector('[data-plot="J(R)"]')?.textContent ?? ''));
    const [chi] = await plotted(page, 'chi0(q)');
    assert.ok(chi!.x.length > 100 && chi!.y.some((v) => v !== null && v > 0));
  });

  test('continuum: a bad k_F shows the CLI message next to the field', async () => {
    const { page, base } = ex;
    await page.goto(`${base}#/continuum?kf=1`);
    await page.fill('[data-field="--kf"] input[type=text]', '-2');
    await assert.doesNotReject(fieldError(page, '--kf').waitFor());
    assert.equal(await fieldError(page, '--kf').textContent(), "--kf: expected a positive number, got '-2'");
  });

  test('lattice form: bad input shows the CLI message next to the field', async () => {
    const { page, base } = ex;
    await page.goto(`${base}#/lattice`);
    await chooseExample(page, /small-sip/);

    await page.fill('[data-field="impurities[0].site"] input', '40, 5');
    await page.waitForFunction(() => document.querySelector('[data-field="impurities[0].site"] .error')?.textContent);
    const dir = mkdtempSync(join(tmpdir(), 'rkky-e2e-model-'));
    try {
      const bad = { ...smallSip, impurities: [{ site: [40, 5], spin: [0, 0, 1], coupling: 3 }] };
      writeFileSync(join(dir, 'bad.json'), JSON.stringify(bad));
      const cli = await cliError(['couplings', join(dir, 'bad.json'), '--separations', '1:2']);
      assert.equal(await fieldError(page, 'impurities[0].site').textContent(), cli);
      assert.equal(cli, parseError(bad));
      await page.fill('[data-field="impurities[0].site"] input', '4, 5');

      await page.fill('[data-field="chemicalPotential"] input', 'abc');
      await page.waitForFunction(() => document.querySelector('[data-field="chemicalPotential"] .error')?.textContent);
      assert.equal(await fieldError(page, 'chemicalPotential').textContent(), parseError({ ...smallSip, chemicalPotential: 'abc' }));
      await page.fill('[data-field="chemicalPotential"] input', '-3');

      await page.fill('[data-field="--separations"] input', '1:11');
      await page.waitForFunction(() => document.querySelector('[data-field="--separations"] .error')?.textContent);
      const cliSep = await cliError(['couplings', join(root, 'examples/small-sip.json'), '--separations', '1:11']);
      assert.equal(await fieldError(page, '--separations').textContent(), cliSep);
      await page.fill('[data-field="--separations"] input', '1:4');
      await page.waitForFunction(() => !document.querySelector('#page-lattice .field.invalid'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('lattice: the sweep plots the library’s μ, J, D; LDOS at the impurity', async () => {
    const { page, base } = ex;
    await page.goto(`${base}#/lattice`);
    await chooseExample(page, /small-sip/);
    await page.fill('[data-field="--separations"] input', '1:4');
    assert.equal(await runTask(page, 'couplings'), 'done');
    // The browser runs the same WebAssembly SIMD kernels as Node (Chromium has SIMD128).
    assert.equal(await page.evaluate(() => document.querySelector('#page-lattice')?.getAttribute('data-kernels')), 'wasm');
    const ref = await computeCouplings(parseModel(smallSip), { separations: [1, 2, 3, 4], engine: 'exact', greens: serialGreens });
    for (const [plot, key] of [['J', 'J'], ['D', 'D'], ['mu', 'mu']] as const) {
      const series = await plotted(page, plot);
      assert.equal(series.length, 3);
      series.forEach((s, a) => s.y.forEach((y, k) => assert.ok(close(y!, ref.rows[k]![key][a]!, 1e-9, 1e-12), `${s.name}(${k + 1}): ${y} vs ${ref.rows[k]![key][a]}`)));
    }

    await page.fill('[data-field="--energies"] input', '-0.3:0.3:0.05');
    assert.equal(await runTask(page, 'ldos'), 'done');
    const [electron, hole] = await plotted(page, 'ldos');
    const model = parseModel(smallSip);
    const energies = electron!.x;
    const rows = await localDensityOfStates(model, { site: model.impurities[0]!.site, energies, broadening: 0.005, greens: serialGreens });
    rows.forEach((r, k) => {
      assert.ok(close(electron!.y[k]!, r.electron, 1e-9, 1e-12));
      assert.ok(close(hole!.y[k]!, r.hole, 1e-9, 1e-12));
    });
  });

  test('lattice: 31×31 s+ip_x sweep δ = 1..8 in under 10 s; Cancel stops a long sweep', async (t) => {
    const { page, base } = ex;
    await page.goto(`${base}#/lattice`);
    await chooseExample(page, /31×31/);
    await page.fill('[data-field="--separations"] input', '1:8');
    await page.waitForFunction(() => !document.querySelector('#page-lattice .field.invalid'));
    assert.equal(await runTask(page, 'couplings', 120_000), 'done');
    const seconds = Number(await page.getAttribute('#page-lattice', 'data-sweep-seconds'));
    const [, , Dz] = await plotted(page, 'D');
    assert.equal(Dz!.y.length, 8);
    assert.ok(Dz!.y.every((d) => d !== null && Number.isFinite(d)) && Dz!.y.some((d) => Math.abs(d!) > 1e-6), 'mixed parity gives a DMI D_z');
    t.diagnostic(`31×31 s+ip_x sweep δ = 1..8 in the browser: ${seconds} s`);
    assert.ok(seconds < 10, `31×31 sweep took ${seconds} s in the browser`);

    // Cancel: the paper's 101×101 host takes long enough to be caught after its first pole node.
    await chooseExample(page, /paper\.json/);
    await page.click('[data-run=couplings]');
    await page.waitForFunction(() => /^\d+\/\d+$/.test(document.querySelector('[data-task=couplings] .status')?.textContent ?? ''), null, { timeout: 30_000 });
    await page.click('[data-task=couplings] .cancel');
    await page.waitForFunction(() => document.querySelector('[data-task=couplings]')?.getAttribute('data-state') === 'cancelled', null, { timeout: 5000 });
  });

  test('lattice: model files load and save; the URL reopens the same model', async () => {
    const { page, base } = ex;
    await page.goto(`${base}#/lattice`);
    await page.setInputFiles('[data-load=model] input', join(root, 'examples/normal-chain.json'));
    await page.waitForFunction(() => document.querySelector('[data-field="lattice.shape"] input')?.value === '60');
    const download = page.waitForEvent('download');
    await page.click('text=Save model');
    const saved = JSON.parse(readFileSync((await (await download).path())!, 'utf8'));
    assert.deepEqual(parseModel(saved).source, parseModel(readJson('examples/normal-chain.json')).source);

    await page.waitForFunction(() => location.hash.includes('%5B60%5D') || location.hash.includes('[60]'));
    const link = page.url();
    await page.goto('about:blank');
    await page.goto(link);
    assert.equal(await page.inputValue('[data-field="lattice.shape"] input'), '60');
    assert.equal(await page.inputValue('[data-field="impurities[1].site"] input'), '25');
  });

  test('lattice selector: the sample drawing shows the preset’s sublattices and the impurity where the library puts it', async () => {
    const { page, base } = ex;
    await page.goto(`${base}#/lattice`);
    await chooseExample(page, /small-sip/);
    await page.fill('[data-field="--separations"] input', '1:3');
    const sample = '[data-plot=sample] svg.sample';
    // examples/small-sip.json is 15×11: wait for its drawing (the previous page's may still be shown).
    await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-sites') === '165', sample);

    const formModel = async () => parseModel(JSON.parse(await page.inputValue('textarea[name=model-json]')));
    /** The drawn impurity #1 against the library's position of its site. */
    const impurityAtLibraryPosition = async () => {
      const model = await formModel();
      const drawn = JSON.parse((await page.getAttribute(`${sample} g.impurity`, 'data-position'))!) as number[];
      const expected = model.lattice.position(model.impurities[0]!.site);
      drawn.forEach((x, c) => assert.ok(close(x, expected[c]!, 0, 1e-8), `impurity at ${drawn} vs ${expected}`));
      return model;
    };
    await impurityAtLibraryPosition();

    for (const [preset, names] of [['honeycomb', ['A', 'B']], ['kagome', ['A', 'B', 'C']], ['triangular', ['A']]] as const) {
      await page.selectOption('[data-field="lattice.preset"] select', preset);
      await page.waitForFunction((n) => document.querySelector('[data-plot=sample] svg.sample')?.getAttribute('data-sublattices') === JSON.stringify(n), names);
      await page.waitForFunction(() => !document.querySelector('#page-lattice .field.invalid'));
      const model = await impurityAtLibraryPosition();
      assert.equal(model.lattice.preset, preset);
      assert.equal(await page.getAttribute(sample, 'data-sites'), String(model.lattice.nSites));
      assert.equal(await page.locator(`${sample} path.sites`).count(), names.length);
    }

    await page.selectOption('[data-field="lattice.preset"] select', 'kagome');
    await page.fill('[data-field="impurities[0].sublattice"] input', 'C');
    await page.waitForFunction(() => /"sublattice": "C"/.test(document.querySelector('textarea[name=model-json]')?.value ?? ''));
    const onC = await impurityAtLibraryPosition();
    assert.equal(onC.lattice.sublatticeOf(onC.impurities[0]!.site), 2);

    await page.fill('[data-field="impurities[0].sublattice"] input', 'Z');
    await page.waitForFunction(() => document.querySelector('[data-field="impurities[0].sublattice"] .error')?.textContent);
    const bad = JSON.parse(await page.inputValue('textarea[name=model-json]'));
    assert.equal(await fieldError(page, 'impurities[0].sublattice').textContent(), parseError(bad));
  });

  test('lattice: a Wannier90 host loads from its files (the silicon sample) and the drawing shows the library’s sites', async () => {
    const { page, base } = ex;
    await page.goto(`${base}#/lattice`);
    const dir = join(root, 'examples/wannier/silicon');
    const names = ['silicon_hr.dat', 'silicon_centres.xyz', 'silicon.win'];
    await page.setInputFiles('[data-load=wannier90] input', names.map((f) => join(dir, f)));
    await page.waitForFunction(() => /wannier90/.test(document.querySelector('textarea[name=model-json]')?.value ?? ''));
    await page.waitForFunction(() => !document.querySelector('#page-lattice .field.invalid'));
    const json = JSON.parse(await page.inputValue('textarea[name=model-json]'));
    const model = parseModel(json, { files: Object.fromEntries(names.map((f) => [f, readFileSync(join(dir, f), 'utf8')])) });
    assert.equal(model.lattice.nodesPerCell, 8, 'eight sp³ Wannier functions per cell');
    await page.waitForFunction((n) => document.querySelector('[data-plot=sample] svg.sample')?.getAttribute('data-sites') === n, String(model.lattice.nSites));
  });

  test('lattice: couplings against distance on a honeycomb sheet equal the library’s', async () => {
    const { page, base } = ex;
    await page.goto(`${base}#/lattice`);
    await chooseExample(page, /graphene/);
    await page.fill('[data-field="--separations"] input', '1:3');
    await page.waitForFunction(() => !document.querySelector('#page-lattice .field.invalid'));
    assert.equal(await runTask(page, 'couplings', 120_000), 'done');
    const model = parseModel(JSON.parse(await page.inputValue('textarea[name=model-json]')));
    const ref = await computeCouplings(model, { separations: [1, 2, 3], engine: 'exact', greens: serialGreens });
    const series = await plotted(page, 'J');
    // Along a1 = (3/2, √3/2): spin 2 at distance √3·δ on spin 1's sublattice.
    series[0]!.x.forEach((x, k) => assert.ok(close(x, Math.sqrt(3) * (k + 1), 1e-12), `distance ${x}`));
    series.forEach((s, a) => s.y.forEach((y, k) => assert.ok(close(y!, ref.rows[k]!.J[a]!, 1e-9, 1e-12), `${s.name}(${k + 1}): ${y} vs ${ref.rows[k]!.J[a]}`)));

    // Shells: every site within R = 1.8 of spin 1 (3 B neighbours at 1, 6 A sites at √3), as `rkky couplings --shells 1.8`.
    await page.fill('[data-field="--shells"] input', '1.8');
    await page.waitForFunction(() => document.querySelector('[data-plot=sample] svg.sample')?.getAttribute('data-sites') !== null);
    assert.equal(await runTask(page, 'couplings', 120_000), 'done');
    const shellRef = await computeCouplings(model, { targets: shellTargets(model, 1.8), engine: 'exact', greens: serialGreens });
    assert.deepEqual(shellRef.rows.map((r) => r.sublattice2), ['B', 'B', 'B', 'A', 'A', 'A', 'A', 'A', 'A']);
    const [, , Jz] = await plotted(page, 'J');
    Jz!.x.forEach((x, k) => assert.ok(close(x, k < 3 ? 1 : Math.sqrt(3), 1e-12), `distance ${x}`));
    Jz!.y.forEach((y, k) => assert.ok(close(y!, shellRef.rows[k]!.J[2], 1e-9, 1e-12), `J_z(${k}): ${y} vs ${shellRef.rows[k]!.J[2]}`));
    assert.equal(await page.locator('[data-plot=sample] svg.sample circle.target').count(), 9);
  });

  test('spin chain: ground-state arrows match the library’s minimizer', async () => {
    const { page, base } = ex;
    await page.goto(`${base}#/spins?pos=${encodeURIComponent('0,0; 1,0; 2,0')}`);
    await page.click('[data-run=groundState]');
    await page.waitForSelector('#page-spins[data-state=done]');
    assert.equal(await page.locator('[data-plot=spins] svg').count(), 1);
    const energy = Number(await page.getAttribute('[data-plot=spins]', 'data-energy'));
    const table = parseCouplingsTable(readJson('examples/couplings-sip-demo.json'));
    const ref = findGroundState(spinModelFromCouplings(table, [[0, 0, 0], [1, 0, 0], [2, 0, 0]]), { starts: 20, seed: 1 });
    assert.ok(close(energy, ref.energy, 1e-9));

    await page.fill('[data-field=positions] input', '0,0; 12,0');
    await page.click('[data-run=groundState]');
    await page.waitForFunction(() => document.querySelector('[data-field=positions] .error')?.textContent);
    assert.match((await fieldError(page, 'positions').textContent()) ?? '', /^positions: no couplings for displacement \(12, 0, 0\)/);
  });

  test('gallery: figures from the manifest, or the placeholder', async () => {
    const { page, base } = ex;
    await page.goto(`${base}#/gallery`);
    const manifest = readJson('web/public/gallery/gallery.json') as { figures?: unknown[] };
    if ((manifest.figures ?? []).length === 0) await page.waitForSelector('[data-placeholder]');
    else await page.waitForSelector('[data-gallery] figure');
  });
});
