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
  if (!isObject(problem.host)) throw new InputError('problem.host', `expected the host's model-file object, got ${describe(problem.host)}`);
  checkSite(problem.site1, 'problem.site1');
  checkNumberList(problem.sites2, 'problem.sites2', checkSite);
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
