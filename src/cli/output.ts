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

/**
 * One number format per table column: integers as integers; otherwise six
 * significant digits, in fixed notation when every value of the column fits
 * it (1e-3 ≤ |v| < 1e6, or 0) and in exponential notation for all of them when not.
 */
function columnFormatter(values: readonly (Cell | undefined)[]): (v: Cell | undefined) => string {
  const nums = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const integers = nums.every((v) => Number.isInteger(v) && Math.abs(v) < 1e9);
  const fixed = nums.every((v) => v === 0 || (Math.abs(v) >= 1e-3 && Math.abs(v) < 1e6));
  return (v) => {
    if (v === null || v === undefined) return '';
    if (typeof v !== 'number' || !Number.isFinite(v)) return String(v);
    if (integers) return String(v);
    if (!fixed) return v.toExponential(5);
    const digits = Math.max(0, 5 - Math.floor(Math.log10(Math.max(...nums.map(Math.abs), 1e-300))));
    return v.toFixed(Math.min(digits, 8));
  };
}

/** `# key: value` lines carrying a command's metadata into CSV files and tables. */
function metaLines(meta: Record<string, unknown>): string {
  return Object.entries(meta)
    .map(([k, v]) => {
      const text =
        v !== null && typeof v === 'object' && !Array.isArray(v)
          ? Object.entries(v as Record<string, unknown>).map(([a, b]) => `${a} = ${String(b)}`).join(', ')
          : Array.isArray(v) ? v.join(', ') : String(v);
      return `# ${k}: ${text}\n`;
    })
    .join('');
}

/** Render rows in a format. `meta` adds top-level JSON fields beside "rows" (CSV and tables: `# key: value` lines first). */
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
    return `${metaLines(meta)}${lines.join('\n')}\n`;
  }
  const formats = cols.map((c) => columnFormatter(rows.map((r) => r[c])));
  const cells = [cols, ...rows.map((r) => cols.map((c, j) => formats[j]!(r[c])))];
  const widths = cols.map((_, j) => Math.max(...cells.map((line) => line[j]!.length)));
  return `${metaLines(meta)}${cells.map((line) => line.map((s, j) => s.padStart(widths[j]!)).join('  ')).join('\n')}\n`;
}

/** Print rows to stdout, or write them atomically to options.out. */
export async function writeRows(rows: readonly Row[], options: OutputOptions, meta: Record<string, unknown> = {}): Promise<void> {
  checkFinite({ rows, meta }, 'result');
  const text = formatRows(rows, outputFormat(options), meta);
  if (options.out) await writeOutputFile(options.out, text);
  else process.stdout.write(text);
}
