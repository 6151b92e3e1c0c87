/**
 * Line-by-line reading of the plain-text files Wannier90 writes, with every
 * problem reported as one InputError naming `file:line` and what was expected
 * (truncated files, wrong counts, non-numeric fields).
 */
import { InputError } from '../errors.js';

/** A text file split into lines, with a cursor and error helpers that name file:line. */
export class TextLines {
  private readonly lines: string[];
  /** 0-based index of the next line to read. */
  position = 0;

  constructor(text: string, readonly name: string) {
    this.lines = text.split(/\r?\n/);
    // A trailing newline is not an extra (empty) line.
    if (this.lines.length > 0 && this.lines[this.lines.length - 1] === '') this.lines.pop();
  }

  get count(): number {
    return this.lines.length;
  }

  /** An InputError at 1-based line `line` (default: the line just read). */
  error(expected: string, line = this.position): InputError {
    return new InputError(`${this.name}:${line}`, expected);
  }

  /** The next line (the file must not end here: `what` says what was expected). */
  next(what: string): string {
    if (this.position >= this.lines.length) throw new InputError(`${this.name}:${this.lines.length + 1}`, `file ends early: expected ${what}`);
    return this.lines[this.position++]!;
  }

  /** The next non-blank line split into whitespace-separated fields. */
  nextFields(what: string): string[] {
    for (;;) {
      const line = this.next(what).trim();
      if (line !== '') return line.split(/\s+/);
    }
  }

  /** Whether only blank lines remain. */
  atEnd(): boolean {
    for (let k = this.position; k < this.lines.length; k++) if (this.lines[k]!.trim() !== '') return false;
    return true;
  }
}

/** A real number in Fortran or C notation (1.0d-3 and 1.0E-3 both accepted). */
export function parseReal(field: string, lines: TextLines, what: string): number {
  const s = field.replace(/[dD]/, 'e');
  const v = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s) ? Number(s) : NaN;
  if (!Number.isFinite(v)) throw lines.error(`expected ${what} (a number), got '${field}'`);
  return v;
}

/** An integer field. */
export function parseInteger(field: string, lines: TextLines, what: string): number {
  if (!/^[+-]?\d+$/.test(field)) throw lines.error(`expected ${what} (an integer), got '${field}'`);
  return Number(field);
}

/** Fields of the next line, exactly `n` of them (`what` lists them). */
export function expectFields(lines: TextLines, n: number, what: string): string[] {
  const f = lines.nextFields(what);
  if (f.length !== n) throw lines.error(`expected ${n} fields (${what}), got ${f.length}`);
  return f;
}
