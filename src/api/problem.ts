import { InputError } from '../errors.js';
import type { SpinPair } from '../rkky/configurations.js';
import type { PairProblem } from '../rkky/problem.js';
import { checkNumber, checkNumberList, describe } from './arguments.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkSite(x: unknown, field: string): void {
  if (!(typeof x === 'number' && Number.isInteger(x) && x >= 0)) throw new InputError(field, `expected a site index (integer ≥ 0), got ${describe(x)}`);
}

/** A PairProblem as `separationSweep` makes it, and spin configurations as pairs of finite 3-vectors. */
export function checkPairProblem(problem: unknown, configurations: unknown): asserts problem is PairProblem {
  if (!isObject(problem)) throw new InputError('problem', `expected a pair problem (separationSweep(model, ...)), got ${describe(problem)}`);
  if (!isObject(problem.host) || !isObject(problem.host.matrix) || !isObject(problem.host.geometry))
    throw new InputError('problem.host', `expected a built host (HostData: buildHost(model, fixedSpins)), got ${describe(problem.host)}`);
  checkSite(problem.site1, 'problem.site1');
  checkNumberList(problem.sites2, 'problem.sites2', checkSite);
  checkNumberList(problem.nodes1, 'problem.nodes1', checkSite);
  if (!Array.isArray(problem.nodes2) || problem.nodes2.length !== (problem.sites2 as unknown[]).length)
    throw new InputError('problem.nodes2', `expected one node list per entry of problem.sites2, got ${describe(problem.nodes2)}`);
  (problem.nodes2 as unknown[]).forEach((n, k) => checkNumberList(n, `problem.nodes2[${k}]`, checkSite));
  checkNumber(problem.coupling1, 'problem.coupling1');
  checkNumber(problem.coupling2, 'problem.coupling2');
  checkNumber(problem.temperature, 'problem.temperature', 'nonnegative');
  if (!Array.isArray(configurations) || configurations.length === 0)
    throw new InputError('configurations', `expected a non-empty array of spin pairs [S1, S2], got ${describe(configurations)}`);
  (configurations as SpinPair[]).forEach((pair, k) => {
    if (!Array.isArray(pair) || pair.length !== 2) throw new InputError(`configurations[${k}]`, `expected a pair [S1, S2], got ${describe(pair)}`);
    pair.forEach((s, a) => {
      const f = `configurations[${k}][${a}]`;
      if (!Array.isArray(s) || s.length !== 3) throw new InputError(f, `expected a spin [x, y, z], got ${describe(s)}`);
      checkNumberList(s, f, (x, g) => checkNumber(x, g));
    });
  });
}
