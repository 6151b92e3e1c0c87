/**
 * Result files of a sweep: JSONL, one line per finished point, appended with a
 * single write and fsynced before the next point is reported, so a kill at any
 * moment leaves every finished line intact and at most one torn last line
 * (detected here by its missing newline or invalid JSON, and recomputed).
 *
 * A directory holds `sweep.json` (the definition and its hash) and one
 * `results-I-of-N.jsonl` per shard, written only by that shard's task.
 */
import { closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import type { CouplingRow } from '../rkky/sweep.js';
import type { PointValues } from './axes.js';
import type { Shard } from './shards.js';

/** One finished point as stored on disk. */
export interface ResultLine {
  /** Hash of the sweep definition. */
  sweep: string;
  /** Hash of the point (definition + values). */
  point: string;
  index: number;
  values: PointValues;
  engine: 'dense' | 'exact';
  rows: CouplingRow[];
  /** Compute time of the point in its worker (s); informational, never merged. */
  seconds: number;
}

export interface JournalFile {
  path: string;
  lines: ResultLine[];
  /** Byte length of the intact part (up to and including the last good newline). */
  intactBytes: number;
  /** A last line cut off by a kill in mid-write (no newline, or not valid JSON). */
  torn: boolean;
}

export const RESULT_FILE = /^results-(\d+)-of-(\d+)\.jsonl$/;

/** The result file of a shard. */
export const shardFile = (dir: string, shard: Shard) => join(dir, `results-${shard.index}-of-${shard.count}.jsonl`);

/** All result files of a directory, sorted by name. */
export function resultFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => RESULT_FILE.test(f)).sort().map((f) => join(dir, f));
}

const isResultLine = (x: unknown): x is ResultLine =>
  x !== null && typeof x === 'object' && typeof (x as ResultLine).sweep === 'string' && typeof (x as ResultLine).point === 'string' && Array.isArray((x as ResultLine).rows);

/**
 * Parse a result file. Only the last line may be damaged (that is what a kill
 * can do to an append-only file); damage anywhere else is an InputError naming
 * the file and line.
 */
export function readJournal(path: string): JournalFile {
  const text = readFileSync(path, 'utf8');
  const lines: ResultLine[] = [];
  let offset = 0, lineNo = 0, torn = false;
  while (offset < text.length) {
    lineNo++;
    const nl = text.indexOf('\n', offset);
    const end = nl < 0 ? text.length : nl;
    const body = text.slice(offset, end);
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      parsed = undefined;
    }
    const last = nl < 0 || nl === text.length - 1;
    if (nl < 0 || !isResultLine(parsed)) {
      if (!last) throw new InputError(`${path}:${lineNo}`, 'damaged result line in the middle of the file (expected one JSON result per line)');
      torn = true;
      break;
    }
    lines.push(parsed);
    offset = nl + 1;
  }
  return { path, lines, intactBytes: Buffer.byteLength(text.slice(0, offset)), torn };
}

/** Every result file of a directory. */
export function readJournals(dir: string): JournalFile[] {
  return resultFiles(dir).map(readJournal);
}

/** An open result file: each append is one write of one whole line, then fsync. */
export class JournalWriter {
  private fd: number;
  /** Whether opening cut off a torn last line. */
  readonly truncated: boolean;

  /**
   * Open (or create) `path` for appending. `intactBytes` (from readJournal)
   * is the length of its whole lines: anything beyond is a torn last line,
   * cut off here so that its point is recomputed.
   */
  constructor(readonly path: string, intactBytes: number | undefined) {
    try {
      this.fd = openSync(path, 'a+');
    } catch (err) {
      throw new InputError(path, `cannot write the result file (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    const size = fstatSync(this.fd).size;
    this.truncated = intactBytes !== undefined && size > intactBytes;
    if (this.truncated) {
      ftruncateSync(this.fd, intactBytes!);
      fsyncSync(this.fd);
    }
  }

  append(line: ResultLine): void {
    const data = Buffer.from(`${JSON.stringify(line)}\n`);
    let written = 0;
    while (written < data.length) written += writeSync(this.fd, data, written, data.length - written);
    fsyncSync(this.fd);
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}
