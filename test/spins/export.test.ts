import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Rng,
  SpinModel,
  cubicHeisenberg,
  exchangeTensor,
  randomSpins,
  toSpirit,
  toVampireUcf,
  totalEnergy,
  type Mat3,
} from '../../src/spins/index.js';

const MEV = 1.602176634e-22;
const MU_B_MEV_T = 5.788381806e-2;

/**
 * The energy the target code assigns to a configuration, evaluated from the exported text with
 * that code's own convention — an independent check of the sign and double-counting conversions.
 */
function vampireEnergy(ucf: string, s: Float64Array): number {
  const lines = ucf.trim().split('\n');
  const start = lines.findIndex((l) => / tensorial$/.test(l));
  let e = 0;
  for (const line of lines.slice(start + 1)) {
    const c = line.trim().split(/\s+/).map(Number);
    const [i, j] = [c[1], c[2]];
    const J = c.slice(6);
    for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) e -= 0.5 * s[3 * i + a] * J[3 * a + b] * s[3 * j + b];
  }
  return e;
}

function spiritEnergy(cfg: string, s: Float64Array): number {
  const lines = cfg.split('\n');
  let e = 0;
  const header = lines.indexOf('i j da db dc Jij Dijx Dijy Dijz');
  const n = Number(lines[header - 1].split(' ')[1]);
  for (const line of lines.slice(header + 1, header + 1 + n)) {
    const [i, j, , , , J, Dx, Dy, Dz] = line.split(' ').map(Number);
    const a = [s[3 * i], s[3 * i + 1], s[3 * i + 2]], b = [s[3 * j], s[3 * j + 1], s[3 * j + 2]];
    const cross = [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
    e -= J * (a[0] * b[0] + a[1] * b[1] + a[2] * b[2]) + Dx * cross[0] + Dy * cross[1] + Dz * cross[2];
  }
  const an = lines.indexOf('i Kx Ky Kz K');
  if (an >= 0) {
    const count = Number(lines[an - 1].split(' ')[1]);
    for (const line of lines.slice(an + 1, an + 1 + count)) {
      const [i, kx, ky, kz, K] = line.split(' ').map(Number);
      e -= K * (kx * s[3 * i] + ky * s[3 * i + 1] + kz * s[3 * i + 2]) ** 2;
    }
  }
  const B = Number(lines.find((l) => l.startsWith('external_field_magnitude'))!.split(' ')[1]);
  const nB = lines.find((l) => l.startsWith('external_field_normal'))!.split(' ').slice(1).map(Number);
  for (let i = 0; i < s.length / 3; i++) e -= MU_B_MEV_T * B * (nB[0] * s[3 * i] + nB[1] * s[3 * i + 1] + nB[2] * s[3 * i + 2]);
  return e;
}

test('Vampire .ucf: −½ΣΣ S_iᵀ J_ij S_j over both directions reproduces rkky energies (full tensors)', () => {
  const rng = new Rng(1);
  const tensor = () => [0, 1, 2].map(() => [0, 1, 2].map(() => 0.01 * rng.normal())) as Mat3;
  const model = new SpinModel({
    n: 4,
    positions: [[0, 0, 0], [1, 0, 0], [2, 0, 0], [1, 1, 0]],
    pairs: [{ i: 0, j: 1, eta: tensor() }, { i: 1, j: 2, eta: tensor() }, { i: 3, j: 0, eta: tensor() }, { i: 2, j: 3, eta: tensor() }],
  });
  const t = 37.5; // meV
  const { text, notes } = toVampireUcf(model, { tMeV: t, latticeConstant: 3.6 });
  assert.match(text, /^# Unit cell size:\n10\.8 7\.2 3\.6\n/);
  assert.ok(text.includes('\n4 1\n') && text.includes('\n8 tensorial\n'));
  for (let seed = 0; seed < 3; seed++) {
    const s = randomSpins(4, new Rng(10 + seed));
    const expected = totalEnergy(model, s) * t * MEV;
    assert.ok(Math.abs(vampireEnergy(text, s) - expected) < 1e-9 * Math.abs(expected), `${vampireEnergy(text, s)} vs ${expected}`);
  }
  assert.ok(notes.some((n) => n.includes('system-size')));
});

test('Vampire .ucf of a periodic lattice: wrap bonds carry the unit-cell offset', () => {
  const model = cubicHeisenberg([3, 3, 3], -1);
  const { text } = toVampireUcf(model);
  const rows = text.trim().split('\n').slice(text.trim().split('\n').findIndex((l) => l.endsWith('tensorial')) + 1);
  assert.equal(rows.length, 2 * 81);
  const offsets = rows.map((r) => r.split(' ').slice(3, 6).map(Number));
  assert.equal(offsets.filter((o) => o.some((x) => x !== 0)).length, 2 * 27, 'one wrap bond per site and axis... in both directions');
  assert.ok(rows.every((r) => Number(r.split(' ')[6]) === 1.602176634e-22), 'J = −t·η = +1 meV for the ferromagnet');
});

test('Spirit pairs: J = −t·tr(η)/3, D = −t·D, anisotropy and a uniform field reproduce rkky energies', () => {
  const model = new SpinModel({
    n: 3,
    positions: [[0, 0, 0], [1, 0, 0], [2, 0, 0]],
    pairs: [{ i: 0, j: 1, eta: exchangeTensor(-0.02, [0, 0.003, 0.007]) }, { i: 1, j: 2, eta: exchangeTensor(0.01, [0.001, 0, -0.004]) }, { i: 0, j: 2, eta: exchangeTensor(0.005) }],
    anisotropy: [{ site: 1, constant: 0.002, axis: [0, 0, 1] }],
    field: [0.001, 0, 0.002],
  });
  const t = 12;
  const { text, notes } = toSpirit(model, { tMeV: t });
  assert.deepEqual(notes, []);
  assert.ok(text.includes('hamiltonian heisenberg_pairs') && text.includes('boundary_conditions 0 0 0'));
  for (let seed = 0; seed < 3; seed++) {
    const s = randomSpins(3, new Rng(20 + seed));
    const expected = totalEnergy(model, s) * t;
    assert.ok(Math.abs(spiritEnergy(text, s) - expected) < 1e-9 * Math.abs(expected), `${spiritEnergy(text, s)} vs ${expected}`);
  }
  // Symmetric anisotropic exchange does not fit in Spirit's pairs: it is reported.
  const gamma = new SpinModel({ n: 2, pairs: [{ i: 0, j: 1, eta: exchangeTensor([0.01, 0.01, 0.02]) }] });
  assert.ok(toSpirit(gamma).notes.some((n) => n.includes('symmetric anisotropic exchange dropped')));
  assert.throws(() => toSpirit(gamma, { tMeV: -1 }), /tMeV/);
});
