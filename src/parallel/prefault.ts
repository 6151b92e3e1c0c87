/**
 * Large fresh typed arrays with their pages mapped by one native pass.
 *
 * On the 2-core machine the first writes of JavaScript code into a fresh
 * 12.8 MB Float64Array took 100–117 ms while another thread of the process
 * was computing, against 10–16 ms with the process alone; the same array
 * first filled natively (TypedArray.fill, 3–8 ms either way) then took
 * 9–11 ms. The page faults taken from compiled JavaScript are what slows
 * down beside a busy thread, not the ones taken inside fill. The host
 * builder's store and values (HamiltonianBuilder), written while the
 * prestarted workers load, are therefore mapped first: the 101×101 host
 * built in a median 144 ms instead of 300 ms beside two starting workers,
 * the paper workload 1.30 s instead of 1.43 s (8 interleaved runs). The same
 * for the workers' sector values (sectorMatrix, reduceValues) measured no
 * gain, and they are left as they are.
 */

/** Arrays smaller than this are written before their faults matter. */
const PREFAULT_BYTES = 1 << 20;

/** `a`, every page of it written once (with zeros: a fresh array is zero already). */
export function prefaulted<T extends Float64Array | Int32Array>(a: T): T {
  if (a.byteLength >= PREFAULT_BYTES) a.fill(0);
  return a;
}
