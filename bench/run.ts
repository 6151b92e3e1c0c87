/** `npm run bench`: every benchmark, each printing ratios against a baseline measured in the same run. */
import { bench as engine } from './engine.js';

const benches: [string, () => Promise<string[]>][] = [['exact engine (issue 3)', engine]];
const only = process.argv[2];
for (const [name, fn] of benches) {
  if (only && !name.includes(only)) continue;
  console.log(`\n## ${name}`);
  for (const line of await fn()) console.log(line);
}
