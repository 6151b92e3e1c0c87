/**
 * One benchmark workload in a process of its own, so that its peak memory
 * (VmHWM: peak resident set, worker threads included) is measured alone.
 * Usage: node dist/bench/workload.js <paper|paper201|sip21-exact|sip21-dense-sample|honeycomb60>
 * Prints one JSON line {workload, seconds, peakMB, ...}.
 */
import { readFileSync } from 'node:fs';
import { parseModel } from '../src/model/model.js';
import { separationSweep, targetSweep } from '../src/rkky/problem.js';
import { exactConfigurationEnergies } from '../src/rkky/exactEngine.js';
import { denseConfigurationEnergy, denseHost } from '../src/rkky/denseEngine.js';
import { THIRTY_SIX } from "../src/rkky/configurations.js";
import { extractCouplings } from '../src/rkky/couplings.js';

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
  } else if (name === 'sip21-dense-sample') {
    const problem = separationSweep(paperModel(21), [1], 'x');
    const host = denseHost(problem);
    const samples = 3;
    for (let k = 0; k < samples; k++) denseConfigurationEnergy(problem, host, 0, THIRTY_SIX[k]!);
    extra = { samples, secondsPerConfiguration: (performance.now() - start) / 1000 / samples };
  } else throw new Error(`unknown workload '${name}'`);
  console.log(JSON.stringify({ workload: name, seconds: (performance.now() - start) / 1000, peakMB: peakMB(), ...extra }));
}
await main();
