/** `npm run bench`: every benchmark, each printing ratios against a baseline measured in the same run. */
import { bench as eigh } from './eigh.js';
import { bench as engine } from './engine.js';
import { bench as geometry } from './geometry.js';
import { bench as infinite } from './infinite.js';
import { bench as kspace } from './kspace.js';
import { bench as montecarlo } from './montecarlo.js';
import { bench as poles } from './poles.js';
import { bench as gappedPoles } from './gappedPoles.js';
import { bench as sparse } from './sparse.js';
import { bench as sweep } from './sweep.js';
import { bench as cluster } from './cluster.js';
import { bench as selfConsistent } from './selfConsistent.js';
import { bench as film } from './film.js';

const benches: [string, () => Promise<string[]>][] = [
  ['dense eigenvalues (issue 2)', eigh],
  ['pole expansion node counts (issue 3)', poles],
  ['fewer nodes for gapped spectra? (issue 16)', gappedPoles],
  ['sparse Schur complement per energy (issue 3)', sparse],
  ['k-space Green\'s functions (issue 3)', kspace],
  ['exact engine workloads (issue 3)', engine],
  ['sparse solver per geometry: 101², 201², 24³ (issue 16)', geometry],
  ['Monte Carlo throughput (issue 4)', montecarlo],
  ['infinite host at T = 0.002 (issue 10)', infinite],
  ['sweeps: Fig. 1(b) at scale, per-point overhead (issue 15)', sweep],
  ['cluster spins (issue 13)', cluster],
  ['selected inversion and self-consistency (issue 14)', selfConsistent],
  ['films and slabs (issue 16)', film],
];
const only = process.argv[2];
for (const [name, fn] of benches) {
  if (only && !name.includes(only)) continue;
  console.log(`\n## ${name}`);
  for (const line of await fn()) console.log(line);
}
