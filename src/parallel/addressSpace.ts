/**
 * Worker threads under a virtual-memory limit (`ulimit -v`, common on
 * clusters). A V8 isolate that cannot reserve its address space aborts the
 * whole process ("Fatal process OOM ... CodeRange"), which no try/catch sees;
 * so the pool caps each worker's reservation and spawns only as many workers
 * as the limit leaves room for. Linux only (/proc); elsewhere nothing is capped.
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../errors.js';

/**
 * V8's default code range per isolate is what makes a worker reserve ~0.7 GB
 * of address space; 64 MB of JIT code is far more than a solver worker needs
 * and brings the reservation to ~0.15 GB.
 */
export const WORKER_RESOURCE_LIMITS = { codeRangeSizeMb: 64 } as const;

/** Address space one worker reserves with those limits (measured ~0.15 GB), with room for its heap. */
export const WORKER_ADDRESS_SPACE = 400 * 2 ** 20;

/** Room the main thread keeps for its own heap growth. */
const MAIN_HEADROOM = 256 * 2 ** 20;

/** The soft RLIMIT_AS in bytes and the address space in use, or null when unlimited or unknown. */
export function addressSpace(): { limit: number; used: number } | null {
  try {
    const limits = readFileSync('/proc/self/limits', 'utf8');
    const m = /^Max address space\s+(\S+)/m.exec(limits);
    if (!m || m[1] === 'unlimited') return null;
    const status = readFileSync('/proc/self/status', 'utf8');
    const used = /^VmSize:\s+(\d+)\s*kB/m.exec(status);
    if (!used) return null;
    return { limit: Number(m[1]), used: Number(used[1]) * 1024 };
  } catch {
    return null;
  }
}

const gb = (bytes: number) => `${(bytes / 2 ** 30).toFixed(2)} GB`;

/** How many of `wanted` workers fit in the address-space limit (all of them without a limit); none fitting is an InputError. */
export function threadsThatFit(wanted: number, space = addressSpace()): number {
  if (!space) return wanted;
  const free = space.limit - space.used - MAIN_HEADROOM;
  const fit = Math.floor(free / WORKER_ADDRESS_SPACE);
  if (fit >= 1) return Math.min(wanted, fit);
  throw new InputError(
    'ulimit -v',
    `the virtual-memory limit (${gb(space.limit)}, ${gb(Math.max(0, space.limit - space.used))} free) leaves no room for a worker thread (about ${gb(WORKER_ADDRESS_SPACE + MAIN_HEADROOM)} needed): raise it with 'ulimit -v'`,
  );
}
