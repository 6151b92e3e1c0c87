/**
 * One benchmark workload in a process of its own, so that its peak memory
 * (VmHWM: peak resident set, worker threads included) is measured alone.
 * Usage: node dist/bench/workload.js <paper|paper201|sip21-exact|sip21-dense-sample|honeycomb60|infinite-T0.002|infinite-mesh1024|silicon444|silicon-bands>
 * Prints one JSON line {workload, seconds, peakMB, ...}.
 */
import { readFileSync } from 'node:fs';
import { parseModel } from '../src/model/model.js';
import { separationSweep, targetSweep } from '../src/rkky/problem.js';
import { exactConfigurationEnergies } from '../src/rkky/exactEngine.js';
import { denseConfigurationEnergy, denseHost } from '../src/rkky/denseEngine.js';
import { THIRTY_SIX } from "../src/rkky/configurations.js";
import { extractCouplings } from '../src/rkky/couplings.js';
import { computeCouplings } from '../src/rkky/sweep.js';

/** The infinite-host case of issue 10: normal square lattice, μ = −1, J = 1, T = 0.002. */
const infiniteModel = () =>
  parseModel({ lattice: { shape: [4, 4], periodic: [true, true] }, chemicalPotential: -1, temperature: 0.002, impurities: [{ site: [0, 0], spin: [0, 0, 1], coupling: 1 }] });
import { bulkHost } from '../src/bands/bulk.js';
import { bandEnergies, electronBlocks } from '../src/bands/bands.js';
import { pathThrough } from '../src/bands/path.js';

/** The paper's model (arXiv:2407.07144) on an L×L open lattice, spin 1 at the centre. */
export function paperModel(L: number) {
  const c = Math.floor(L / 2);
  return parseModel({
    lattice: { shape: [L, L] },
    chemicalPotential: -3,
    pairing: { s: 0.1, p: [0, 0.1], dVector: 'e_z * p_x' },
    temperature: 0.001,
    impurities: [{ site: [c, c], spin: [0, 0, 1], coupling: 3 }],
  });
}

/** examples/silicon.json's files, parsed as the loader does, on another supercell. */
function siliconModel(lattice: { shape: number[]; periodic: boolean[] }, extra: object = {}) {
  const dir = new URL('../../examples/', import.meta.url);
  const json = JSON.parse(readFileSync(new URL('silicon.json', dir), 'utf8'));
  const files = Object.fromEntries(Object.values(json.lattice.wannier90 as Record<string, string>).map((p) => [p, readFileSync(new URL(p, dir), 'utf8')]));
  return parseModel({ ...json, lattice: { ...json.lattice, ...lattice }, ...extra }, { files });
}

function peakMB(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : process.memoryUsage().rss / 2 ** 20;
}

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, k) => a + k);

async function main() {
  const name = process.argv[2];
  const start = performance.now();
  let extra: Record<string, unknown> = {};
  if (name === 'paper' || name === 'paper201' || name === 'sip21-exact') {
    const [L, seps] = name === 'paper' ? [101, range(1, 20)] : name === 'paper201' ? [201, range(1, 20)] : [21, range(1, 8)];
    const problem = separationSweep(paperModel(L), seps, 'x');
    const F = await exactConfigurationEnergies(problem);
    extra = { lattice: `${L}x${L}`, separations: seps.length, Dz: F.map((f) => extractCouplings(f).D[2]) };
  } else if (name === 'honeycomb60') {
    // A 60×60-cell honeycomb flake (7,200 sites), s-wave, spin 1 on A at the centre, 10 targets on both sublattices along a1.
    const model = parseModel({
      lattice: { preset: 'honeycomb', shape: [60, 60] },
      chemicalPotential: -0.4,
      pairing: { s: 0.1 },
      temperature: 0.001,
      impurities: [{ site: [30, 30], spin: [0, 0, 1], coupling: 3 }],
    });
    const targets = range(1, 10).map((k) => ({ cell: [30 + Math.floor(k / 2), 30], sublattice: k % 2 }));
    const F = await exactConfigurationEnergies(targetSweep(model, targets));
    extra = { lattice: 'honeycomb 60x60', targets: targets.length, J: F.map((f) => extractCouplings(f).J[2]) };
  } else if (name === 'silicon444') {
    // The silicon Wannier model (8 sp³ functions, hoppings to the third cell) on an open 4×4×4 supercell: 512 nodes, 2,048 BdG rows; n-type μ, T = 0.01 eV, 10 targets.
    const model = siliconModel({ shape: [4, 4, 4], periodic: [false, false, false] });
    const targets = [[1, 0, 0, 0], [2, 0, 0, 0], [3, 0, 0, 0], [0, 1, 0, 0], [0, 2, 0, 0], [0, 0, 1, 0], [1, 1, 0, 0], [1, 1, 1, 0], [2, 2, 0, 4], [3, 3, 3, 4]].map((c) => ({ cell: c.slice(0, 3), sublattice: c[3]! }));
    const F = await exactConfigurationEnergies(targetSweep(model, targets));
    extra = { lattice: 'silicon Wannier 4x4x4 open', nodes: model.lattice.nNodes, targets: targets.length, J: F.map((f) => extractCouplings(f).J[2]) };
  } else if (name === 'silicon-bands') {
    // Load the model files and diagonalize H(k) along the .win kpoint_path (100 points), as `rkky bands` does.
    const model = siliconModel({ shape: [1, 1, 1], periodic: [true, true, true] }, { impurities: [] });
    const host = bulkHost(model);
    const path = pathThrough(host.kpath, 100, host.vectors);
    const energies = bandEnergies(electronBlocks(host.bdg), path.k);
    extra = { points: path.k.length, bands: energies[0]!.length };
  } else if (name === 'sip21-dense-sample') {
    const problem = separationSweep(paperModel(21), [1], 'x');
    const host = denseHost(problem);
    const samples = 3;
    for (let k = 0; k < samples; k++) denseConfigurationEnergy(problem, host, 0, THIRTY_SIX[k]!);
    extra = { samples, secondsPerConfiguration: (performance.now() - start) / 1000 / samples };
  } else if (name === 'infinite-T0.002') {
    const result = await computeCouplings(infiniteModel(), { separations: [1, 5, 10, 20, 40], infinite: true });
    extra = { separations: 5, J40: result.rows[4]!.J[0], estimatedRelativeError: result.infinite!.estimatedRelativeError };
  } else if (name === 'infinite-mesh1024') {
    const model = parseModel({ ...infiniteModel().source, lattice: { shape: [8, 8], periodic: [true, true] } });
    const result = await computeCouplings(model, { separations: [1, 5], mesh: [1024, 1024] });
    extra = { separations: 2, estimatedRelativeError: result.infinite!.estimatedRelativeError };
  } else throw new Error(`unknown workload '${name}'`);
  console.log(JSON.stringify({ workload: name, seconds: (performance.now() - start) / 1000, peakMB: peakMB(), ...extra }));
}
await main();
