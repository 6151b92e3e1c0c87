/**
 * `rkky sweep run`: compute the pending points of one shard and append each
 * finished point to the shard's result file (journal.ts). Resumable: points
 * found in any result file of the directory are skipped, a torn last line is
 * cut off and its point recomputed, and a directory of another definition is
 * refused.
 */
import { existsSync } from 'node:fs';
import { InputError } from '../errors.js';
import { definitionHash, sweepPoints, type PointInfo, type SweepDefinition } from './definition.js';
import { JournalWriter, readJournals, resultFiles, shardFile, type ResultLine } from './journal.js';
import { MANIFEST, readManifest, writeManifest } from './manifest.js';
import type { PointSettings } from './pointTask.js';
import { shardPoints, type Shard } from './shards.js';
import { runPoints } from './workerPool.js';
import { join } from 'node:path';

export interface RunOptions {
  dir: string;
  shard?: Shard;
  /** Continue a directory that already holds results of this definition. */
  resume?: boolean;
  threads?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** One-line notices (a torn line removed, points skipped). */
  log?: (line: string) => void;
}

export interface RunSummary {
  hash: string;
  /** Points of the grid, of this shard, already done before this run, computed now. */
  total: number;
  shardTotal: number;
  skipped: number;
  computed: number;
  tornRemoved: boolean;
  file: string;
}

export const pointSettings = (def: SweepDefinition): PointSettings => ({
  separations: def.separations,
  direction: def.direction,
  ...(def.to === undefined ? {} : { to: def.to }),
  engine: def.engine,
  tolerance: def.tolerance,
  poles: def.poles,
  secondOrder: def.secondOrder,
});

/** The result line of a computed point. */
export function resultLine(hash: string, p: PointInfo, r: { engine: 'dense' | 'exact'; rows: ResultLine['rows']; seconds: number }): ResultLine {
  return { sweep: hash, point: p.hash, index: p.index, values: p.values, engine: r.engine, rows: r.rows, seconds: r.seconds };
}

/** Check a directory before a run: refuse foreign or (without --resume) existing results. */
function checkDirectory(dir: string, hash: string, resume: boolean): void {
  const hasManifest = existsSync(join(dir, MANIFEST));
  if (!resume && (hasManifest || resultFiles(dir).length > 0))
    throw new InputError('--out', `'${dir}' already holds sweep results; pass --resume to continue them, or use an empty directory`);
  if (hasManifest) {
    const m = readManifest(dir);
    if (m.hash !== hash)
      throw new InputError('--resume', `'${dir}' holds results of a different sweep definition (hash ${m.hash}, this file ${hash}); use another --out directory`);
  }
}

export async function runSweep(def: SweepDefinition, options: RunOptions): Promise<RunSummary> {
  const hash = definitionHash(def);
  const points = sweepPoints(def, hash);
  const shard = options.shard ?? { index: 0, count: 1 };
  const mine = shardPoints(points, shard, def.separations.length);
  checkDirectory(options.dir, hash, Boolean(options.resume));
  writeManifest(options.dir, def);
  const file = shardFile(options.dir, shard);
  const done = new Set<string>();
  let ownIntact: number | undefined;
  for (const j of readJournals(options.dir)) {
    for (const line of j.lines) {
      if (line.sweep !== hash)
        throw new InputError(j.path, `holds results of a different sweep definition (hash ${line.sweep}, this file ${hash})`);
      done.add(line.point);
    }
    if (j.path === file) ownIntact = j.intactBytes;
  }
  const pending = mine.filter((p) => !done.has(p.hash));
  const writer = new JournalWriter(file, ownIntact);
  if (writer.truncated) options.log?.(`${file}: removed a torn last line (a kill in mid-write); its point is recomputed`);
  let finished = 0;
  options.onProgress?.(mine.length - pending.length, mine.length);
  try {
    await runPoints(
      pointSettings(def),
      pending.map((p) => p.model),
      (k, r) => {
        writer.append(resultLine(hash, pending[k]!, r));
        finished++;
        options.onProgress?.(mine.length - pending.length + finished, mine.length);
      },
      { threads: options.threads, signal: options.signal },
    );
  } finally {
    writer.close();
  }
  return { hash, total: points.length, shardTotal: mine.length, skipped: mine.length - pending.length, computed: finished, tornRemoved: writer.truncated, file };
}

/**
 * Every point of a sweep computed without a result directory (on the same
 * long-lived workers), in grid order: for callers that keep the results in
 * memory, such as `rkky reproduce fig1b`.
 */
export async function computeSweep(
  def: SweepDefinition,
  options: { threads?: number; signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<ResultLine[]> {
  const hash = definitionHash(def);
  const points = sweepPoints(def, hash);
  const out = new Array<ResultLine>(points.length);
  let finished = 0;
  await runPoints(
    pointSettings(def),
    points.map((p) => p.model),
    (k, r) => {
      out[k] = resultLine(hash, points[k]!, r);
      finished++;
      options.onProgress?.(finished, points.length);
    },
    { threads: options.threads, signal: options.signal },
  );
  return out;
}
