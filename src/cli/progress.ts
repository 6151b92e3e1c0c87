/**
 * A progress bar for long computations: drawn on stderr when it is a TTY,
 * silent on a pipe (so `--json` output stays clean and logs stay small).
 */
export interface Progress {
  /** Report `done` of `total` units of work. */
  update(done: number, total: number): void;
  /** Erase the bar. */
  finish(): void;
}

export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { update() {}, finish() {} };
  const start = Date.now();
  let last = 0;
  return {
    update(done, total) {
      const now = Date.now();
      if (done < total && now - last < 100) return;
      last = now;
      const width = 30;
      const frac = total > 0 ? Math.min(1, done / total) : 0;
      const filled = Math.round(frac * width);
      const secs = ((now - start) / 1000).toFixed(1);
      stream.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${secs}s`);
    },
    finish() {
      stream.write('\r\x1b[2K');
    },
  };
}
