/**
 * Output options every command shares: `--json` (`{"rows": [...]}`), `--csv`
 * (header line, then one line per row), otherwise an aligned text table;
 * `-o/--out FILE` writes to FILE atomically instead of stdout (the format is
 * taken from the flags, else from the extension .json/.csv).
 */
import type { Command } from 'commander';
import { checkFinite } from './finite.js';
import { writeOutputFile } from './io.js';

export type Cell = number | string | boolean | null;
export type Row = Record<string, Cell>;

export interface OutputOptions {
  json?: boolean;
  csv?: boolean;
  /** File to write instead of stdout. */
  out?: string;
}

export type OutputFormat = 'json' | 'csv' | 'table';

/** Add --json, --csv and -o/--out to a command. */
export function addOutputOptions(cmd: Command): Command {
  return cmd
    .option('--json', 'print {"rows": [...]} as JSON')
    .option('--csv', 'print CSV with a header line')
    .option('-o, --out <file>', 'write the output to FILE (atomically) instead of stdout');
}

/** The format selected by the options (flags first, then the --out extension). */
export function outputFormat(options: OutputOptions): OutputFormat {
  if (options.json) return 'json';
  if (options.csv) return 'csv';
  const out = options.out?.toLowerCase() ?? '';
  if (out.endsWith('.json')) return 'json';
  if (out.endsWith('.csv')) return 'csv';
  return 'table';
}

/** Column names: the keys of all rows in first-seen order. */
function columns(rows: readonly Row[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) seen.add(k);
  return [...seen];
}

function csvCell(v: Cell | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : String(v);
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function tableCell(v: Cell | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') {
    if (Number.isInteger(v) && Math.abs(v) < 1e9) return String(v);
    return Number.isFinite(v) ? v.toPrecision(6) : String(v);
  }
  return String(v);
}

/** Render rows in a format. `meta` adds top-level JSON fields beside "rows" (ignored by CSV and tables). */
export function formatRows(rows: readonly Row[], format: OutputFormat, meta: Record<string, unknown> = {}): string {
  const cols = columns(rows);
  if (format === 'json') {
    const head = Object.entries(meta)
      .map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}, `)
      .join('');
    const body = rows.map((r) => JSON.stringify(r)).join(',\n  ');
    return `{${head}"rows": [${rows.length ? `\n  ${body}\n` : ''}]}\n`;
  }
  if (format === 'csv') {
    const lines = [cols.map(csvCell).join(',')];
    for (const r of rows) lines.push(cols.map((c) => csvCell(r[c])).join(','));
    return `${lines.join('\n')}\n`;
  }
  const cells = [cols, ...rows.map((r) => cols.map((c) => tableCell(r[c])))];
  const widths = cols.map((_, j) => Math.max(...cells.map((line) => line[j]!.length)));
  return `${cells.map((line) => line.map((s, j) => s.padStart(widths[j]!)).join('  ')).join('\n')}\n`;
}

/** Print rows to stdout, or write them atomically to options.out. */
export async function writeRows(rows: readonly Row[], options: OutputOptions, meta: Record<string, unknown> = {}): Promise<void> {
  checkFinite({ rows, meta }, 'result');
  const text = formatRows(rows, outputFormat(options), meta);
  if (options.out) await writeOutputFile(options.out, text);
  else process.stdout.write(text);
}
