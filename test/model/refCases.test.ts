import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadRef } from '../refs.js';
import { refHamiltonian } from '../refCase.js';
import { denseFreeEnergy, freeEnergyFromEigenvalues } from '../../src/solvers/freeEnergy.js';
import { eigvalsh } from '../../src/math/eigh.js';

const refs = loadRef('free_energy_cases.json');

/** Read an explicit 2×2 block ("h[c,c+x]", "Delta[c+y,c]") out of the 4×4 site block. */
function readBlock(h: ReturnType<typeof refHamiltonian>, key: string, centre: number[]) {
  const named = /^(h|Delta)\[(c(?:\+[xyz])?),(c(?:\+[xyz])?)\]$/.exec(key);
  const explicit = /^(h|Delta)\[\(([\d, ]+)\),\(([\d, ]+)\)\]/.exec(key);
  const m = named ?? explicit;
  assert.ok(m, key);
  const site = (s: string) => {
    let r = [...centre];
    if (explicit) r = s.split(',').map(Number);
    else if (s.length > 1) r['xyz'.indexOf(s[2]!)]++;
    return h.lattice.index(r.slice(0, h.lattice.dim));
  };
  const blk = h.block(site(m[2]!), site(m[3]!));
  const c0 = m[1] === 'h' ? 0 : 2;
  const re = [0, 1].map((a) => [0, 1].map((c) => blk[2 * (4 * a + c + c0)]!));
  const im = [0, 1].map((a) => [0, 1].map((c) => blk[2 * (4 * a + c + c0) + 1]!));
  return { re, im };
}

for (const c of refs.cases) {
  test(`reference case ${c.id}: blocks and free energies match bodge`, () => {
    const h = refHamiltonian(c.parameters);
    const { site_used, ...blocks } = c.explicit_blocks;
    for (const [key, want] of Object.entries<any>(blocks)) {
      const got = readBlock(h, key, site_used);
      for (let a = 0; a < 2; a++)
        for (let b = 0; b < 2; b++) {
          assert.ok(Math.abs(got.re[a]![b]! - want.re[a][b]) < 1e-14, `${key} re[${a}][${b}]`);
          assert.ok(Math.abs(got.im[a]![b]! - want.im[a][b]) < 1e-14, `${key} im[${a}][${b}]`);
        }
    }
    const ev = eigvalsh(h.dense(), h.dim, { overwrite: true });
    const pos = Array.from(ev).filter((e) => e > 0);
    assert.equal(pos.length, c.n_positive_eigenvalues);
    c.positive_eigenvalues_first5.forEach((e: number, k: number) => assert.ok(Math.abs(pos[k]! - e) < 1e-10, `eigenvalue ${k}`));
    // One diagonalization serves every temperature (denseFreeEnergy = freeEnergyFromEigenvalues ∘ eigvalsh).
    for (const [T, F] of Object.entries<number>(c.free_energy)) {
      const got = freeEnergyFromEigenvalues(ev, Number(T));
      assert.ok(Math.abs(got - F) <= 1e-10 * Math.max(1, Math.abs(F)), `F(T=${T}) = ${got}, bodge ${F}`);
    }
  });
}

test('the bodge quirk (periodic edges on a size-1 axis overwrite on-site terms) is not copied', () => {
  const q = refs.quirk_cases[0];
  const h = refHamiltonian(q.parameters);
  const onsite = h.block(0, 0);
  assert.equal(onsite[0], -q.parameters.mu, 'on-site term keeps −μ');
  const F = denseFreeEnergy(h, 0);
  assert.ok(Math.abs(F - q.free_energy['0.0']) > 1, 'the quirk case differs from rkky’s physics');
});
