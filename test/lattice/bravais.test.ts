import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BravaisLattice } from '../../src/lattice/bravais.js';
import { CubicLattice } from '../../src/lattice/lattice.js';
import { presetCell, presetDimension, type PresetName } from '../../src/lattice/presets.js';
import { parseModel } from '../../src/model/model.js';
import { blochBlocks } from '../../src/model/bloch.js';
import { eigvalsh } from '../../src/math/eigh.js';
import { InputError } from '../../src/errors.js';

const preset = (name: PresetName, L: number, periodic = true) =>
  new BravaisLattice(presetCell(name), new Array(presetDimension(name)).fill(L), new Array(presetDimension(name)).fill(periodic), name);

test('neighbour shells of the presets: coordination numbers and distances (nearest-neighbour distance 1)', () => {
  const want: Record<string, [number, number][]> = {
    chain: [[2, 1], [2, 2]],
    square: [[4, 1], [4, Math.SQRT2]],
    cubic: [[6, 1], [12, Math.SQRT2]],
    honeycomb: [[3, 1], [6, Math.sqrt(3)], [3, 2]],
    triangular: [[6, 1], [6, Math.sqrt(3)]],
    kagome: [[4, 1], [4, Math.sqrt(3)], [6, 2]],
    bcc: [[8, 1], [6, 2 / Math.sqrt(3)]],
    fcc: [[12, 1], [6, Math.SQRT2]],
  };
  for (const [name, shells] of Object.entries(want)) {
    const lat = preset(name as PresetName, 7);
    shells.forEach(([z, r], k) => {
      assert.ok(Math.abs(lat.shellDistance(k + 1) - r) < 1e-12, `${name} shell ${k + 1} distance`);
      // On a 7-cell torus every site has the full coordination.
      assert.equal(lat.neighbours(k + 1).length, z * lat.nSites, `${name} shell ${k + 1}: ${z} neighbours`);
    });
  }
});

test('cubic presets: the general bonds equal the cubic lattice bonds (open, periodic, sizes 1 and 2)', () => {
  for (const [shape, periodic] of [[[5, 4], [false, true]], [[3, 2, 1], [true, true, true]], [[2], [true]], [[6, 1], [true, true]]] as [number[], boolean[]][]) {
    const lat = new CubicLattice(shape, periodic);
    const key = (b: { i: number; j: number; delta: readonly number[] }) => `${b.i}>${b.j}:${b.delta.map((x) => x + 0).join(',')}`;
    assert.deepEqual(lat.neighbours(1).map(key).sort(), lat.bonds().map(key).sort());
  }
});

test('sites, nodes and positions of a lattice with a basis and several orbitals', () => {
  const lat = new BravaisLattice(
    { vectors: [[2, 0], [1, 2]], basis: [{ name: 'A', position: [0, 0], orbitals: 2 }, { name: 'X', position: [1, 0.5], orbitals: 3 }] },
    [3, 4],
  );
  assert.equal(lat.nodesPerCell, 5);
  assert.equal(lat.nNodes, 60);
  const s = lat.index([2, 1], 'site', 1);
  assert.deepEqual(lat.site(s), [2, 1, 0]);
  assert.deepEqual(lat.siteNodes(s), [(2 * 4 + 1) * 5 + 2, (2 * 4 + 1) * 5 + 3, (2 * 4 + 1) * 5 + 4]);
  for (const k of lat.siteNodes(s)) assert.equal(lat.nodeSite(k), s);
  assert.deepEqual(lat.position(s), [2 * 2 + 1 + 1, 2 + 0.5, 0]);
  const g = lat.geometry();
  assert.deepEqual(Array.from(g.nodeBasis), [0, 0, 1, 1, 1]);
  assert.throws(() => lat.sublatticeIndex('B', 'impurities[0].sublattice'), (e: unknown) => e instanceof InputError && e.field === 'impurities[0].sublattice');
  assert.throws(() => new BravaisLattice({ vectors: [[1, 0], [2, 0]], basis: [{ name: 'A', position: [0, 0] }] }, [2, 2]), InputError);
  assert.throws(() => new BravaisLattice({ vectors: [[1, 0], [0, 1]], basis: [{ name: 'A', position: [0, 0] }, { name: 'B', position: [1, 1] }] }, [2, 2]), InputError);
});

/** Eigenvalues of the normal-state H(k) = Σ_R h(R) e^{2πi k·R} from the Bloch blocks. */
function bands(input: object, k: number[]): number[] {
  const b = blochBlocks(parseModel(input), { part: 'normal' });
  const n = b.size;
  const h = new Float64Array(2 * n * n);
  for (let j = 0; j < b.displacements.length / 3; j++) {
    const phase = 2 * Math.PI * [0, 1, 2].reduce((s, a) => s + (k[a] ?? 0) * b.displacements[3 * j + a]!, 0);
    const [c, s] = [Math.cos(phase), Math.sin(phase)];
    for (let e = 0; e < n * n; e++) {
      const re = b.blocks[2 * (j * n * n + e)]!, im = b.blocks[2 * (j * n * n + e) + 1]!;
      h[2 * e] += re * c - im * s;
      h[2 * e + 1] += re * s + im * c;
    }
  }
  return Array.from(eigvalsh(h, n)).sort((x, y) => x - y);
}

test('Bloch blocks: honeycomb bands ±t|1 + e^{−2πik1} + e^{−2πik2}| − μ and triangular −2t Σ cos, each spin-degenerate', () => {
  for (const k of [[0.1, 0.27], [1 / 3, 2 / 3], [0.45, -0.2]]) {
    const [t, mu] = [1.3, 0.2];
    const g = Math.hypot(1 + Math.cos(2 * Math.PI * k[0]!) + Math.cos(2 * Math.PI * k[1]!), Math.sin(2 * Math.PI * k[0]!) + Math.sin(2 * Math.PI * k[1]!));
    const e = bands({ lattice: { preset: 'honeycomb', shape: [4, 4] }, hopping: t, chemicalPotential: mu }, k);
    [-t * g - mu, -t * g - mu, t * g - mu, t * g - mu].forEach((x, a) => assert.ok(Math.abs(e[a]! - x) < 1e-12, `honeycomb ${k}: ${e} vs ${x}`));
    const c = (x: number) => Math.cos(2 * Math.PI * x);
    const tri = -2 * t * (c(k[0]!) + c(k[1]!) + c(k[0]! - k[1]!)) - mu;
    const et = bands({ lattice: { preset: 'triangular', shape: [3, 3] }, hopping: t, chemicalPotential: mu }, k);
    for (const x of et) assert.ok(Math.abs(x - tri) < 1e-12, `triangular ${k}: ${et} vs ${tri}`);
  }
});

test('bond tables on random lattices equal a straightforward enumeration (minimal images across periodic edges, no self-pairs), and bondsOf lists the same bonds', async () => {
  const { prng } = await import('../rng.js');
  const r = prng(16);
  const names: PresetName[] = ['chain', 'square', 'cubic', 'honeycomb', 'triangular', 'kagome', 'bcc', 'fcc'];
  for (let trial = 0; trial < 40; trial++) {
    const name = names[trial % names.length]!;
    const d = presetDimension(name);
    const shape = Array.from({ length: d }, () => 1 + Math.floor(2.5 * (r() + 1)));
    const periodic = Array.from({ length: d }, () => r() > 0);
    const lat = new BravaisLattice(presetCell(name), shape, periodic, name);
    const shell = 1 + (trial % 3);
    const templates = lat.shells(shell)[shell - 1]!;
    // Reference: every cell and template; an axis wraps only on a periodic axis and as a minimal image (2|cell_a| < L_a).
    const want: string[] = [];
    const size = [...shape, 1, 1].slice(0, 3), open = [...periodic, false, false].slice(0, 3);
    for (let c = 0; c < lat.nCells; c++) {
      const n = lat.cellCoords(c);
      for (const [k, t] of templates.entries()) {
        let wraps = false;
        const target = n.map((x, a) => {
          const y = x + t.cell[a]!;
          if (y >= 0 && y < size[a]!) return y;
          if (!open[a] || 2 * Math.abs(t.cell[a]!) >= size[a]!) return NaN;
          wraps = true;
          return ((y % size[a]!) + size[a]!) % size[a]!;
        });
        if (target.some(Number.isNaN)) continue;
        const i = c * lat.nBasis + t.from;
        const j = lat.cellIndex(target) * lat.nBasis + t.to;
        if (i !== j) want.push(`${i}>${j}:${k}:${wraps}`);
      }
    }
    const table = lat.bondTable(templates);
    const got = Array.from(table.i, (i, k) => `${i}>${table.j[k]}:${table.template[k]}:${table.wraps[k] === 1}`);
    assert.deepEqual(got, want, `${name} ${shape} periodic ${periodic} shell ${shell}`);
    const objects = lat.bondsOf(templates);
    assert.deepEqual(objects.map((b) => `${b.i}>${b.j}:${templates.indexOf(templates.find((t) => t.delta === b.delta)!)}:${b.wraps}`), want);
    assert.ok(objects.every((b, k) => b.cell === templates[table.template[k]!]!.cell), 'bonds share their template cell');
  }
});
