/**
 * The multifrontal elimination of multifrontal.ts run whole in the
 * WebAssembly module (assembly/frontal.ts): assembly, shift, extend-add,
 * partial LU and the contribution-block stack for every front, and the
 * bordered inverse of the kept top front, in one call. The JavaScript loop
 * between the kernels cost about as much as the kernels' flops on the paper
 * workload (extend-add, zero fill and assembly, stack copies, garbage).
 *
 * Module memory (kernels.ts `frontal`): the front and stack areas (the
 * same sizes as FrontWorkspace's, whose `front` and `stack` become views of
 * them, so a plan's memory count stays right), the symbolic tables (Int32,
 * copied once per SymbolicFactor into an arena and reused while they stay
 * there), and the sector matrix values copied per call into the area after
 * them (the size of one sector matrix).
 */

import { InputError } from '../../errors.js';
import type { FrontWorkspace, SectorMatrix } from './multifrontal.js';
import type { SymbolicFactor } from './symbolic.js';
import { wasmKernels } from './wasm/kernels.js';

/** Header of the tables in the module: the front count, then the byte addresses of the arrays (order of assembly/frontal.ts H_*). */
const HEADER_WORDS = 12;

/** Arena bytes past which a symbolic factor that does not fit evicts the others rather than growing it further. */
const ARENA_SOFT_LIMIT = 64 * 2 ** 20;

interface Placement {
  /** Arena epoch the tables were copied in (stale when the arena was reset or moved since). */
  epoch: number;
  header: number;
}

/** The tables of each symbolic factor in this thread's module, and the arena's state. */
const placed = new WeakMap<SymbolicFactor, Placement>();
const arena = { generation: -1, epoch: 0, fill: 0 };

/** The Int32 arrays copied for the module, in header order (cbOffset is written by the module). */
function tableArrays(sym: SymbolicFactor): Int32Array[] {
  return [sym.ownCount, sym.varPtr, sym.childPtr, sym.childIdx, sym.relPtr, sym.relMap, sym.runPtr, sym.runs, sym.asmPtr, sym.asmEntries];
}

/** Bytes of a symbolic factor's tables in the module (header, arrays 16-byte aligned, cbOffset). */
export function moduleTableBytes(sym: SymbolicFactor): number {
  const pad = (bytes: number) => Math.ceil(bytes / 16) * 16;
  return pad(4 * HEADER_WORDS) + tableArrays(sym).reduce((a, x) => a + pad(x.byteLength), 0) + pad(4 * sym.nFronts);
}

/** Copies the tables to byte address `at` (16-aligned): header first. */
function writeTables(heap: Float64Array<ArrayBuffer>, at: number, sym: SymbolicFactor): void {
  const words = new Int32Array(heap.buffer);
  const pad = (bytes: number) => Math.ceil(bytes / 16) * 16;
  let next = at + pad(4 * HEADER_WORDS);
  words[at / 4] = sym.nFronts;
  tableArrays(sym).forEach((x, k) => {
    words.set(x, next / 4);
    words[at / 4 + 1 + k] = next;
    next += pad(x.byteLength);
  });
  words[at / 4 + HEADER_WORDS - 1] = next;
}

function singular(): InputError {
  return new InputError('z', 'a complex energy off the spectrum of H0 (z − H0 is singular or not finite)');
}

/**
 * `eliminate` (LU route) in the module: ln|det A|, and with `topKept` S⁻¹ in
 * `greens`; or undefined when the WebAssembly kernels are not active or the
 * memory cannot grow to the areas needed (the caller then runs its JavaScript
 * loop). `frontDoubles` and `stackDoubles` are the workspace sizes.
 */
export function eliminateInModule(
  sym: SymbolicFactor,
  a: SectorMatrix,
  topKept: boolean,
  ws: FrontWorkspace,
  greens: Float64Array,
  frontDoubles: number,
  stackDoubles: number,
): number | undefined {
  const w = wasmKernels();
  if (!w) return undefined;
  const { bs, ew, values } = a;
  const need = moduleTableBytes(sym);
  let layout = w.frontal(frontDoubles, stackDoubles, 0, values.length);
  if (!layout) return undefined;
  if (layout.generation !== arena.generation) {
    arena.generation = layout.generation;
    arena.epoch++;
    arena.fill = 0;
  }
  let place = placed.get(sym);
  if (!place || place.epoch !== arena.epoch) {
    if (arena.fill + need > layout.tableBytes && arena.fill + need > ARENA_SOFT_LIMIT) {
      arena.epoch++;
      arena.fill = 0;
    }
    if (arena.fill + need > layout.tableBytes) {
      // Growing the tables area moves only the scratch after it.
      layout = w.frontal(frontDoubles, stackDoubles, arena.fill + need, values.length);
      if (!layout) return undefined;
    }
    place = { epoch: arena.epoch, header: layout.tables + arena.fill };
    writeTables(layout.heap, place.header, sym);
    arena.fill += need;
    placed.set(sym, place);
  }
  const { heap } = layout;
  heap.set(values, layout.scratch / 8);
  // The workspace's buffers are these areas, whole (views valid until the memory next grows).
  ws.front = new Float64Array(heap.buffer, layout.front, (layout.stack - layout.front) / 8);
  ws.stack = new Float64Array(heap.buffer, layout.stack, (layout.tables - layout.stack) / 8);
  const logAbsDet = w.frontalEliminate(place.header, layout.scratch, layout.front, layout.stack, bs, ew, a.shiftRe, a.shiftIm, topKept);
  if (Number.isNaN(logAbsDet)) throw singular();
  if (topKept) {
    const m = ew * (bs * (sym.varPtr[sym.nFronts] - sym.varPtr[sym.nFronts - 1])) ** 2;
    greens.set(heap.subarray(layout.front / 8, layout.front / 8 + m));
  }
  return logAbsDet;
}
