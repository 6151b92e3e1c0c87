/**
 * The WebAssembly SIMD128 frontal kernels (sources in assembly/, compiled by
 * AssemblyScript at install time and embedded by scripts/embed-wasm.mjs) and
 * the choice between them and the JavaScript kernels.
 *
 * Choice: RKKY_KERNELS = auto (default) | wasm | js, or `setKernels` (which
 * also sets the variable, so worker threads started afterwards follow it).
 * 'auto' uses WebAssembly where the runtime validates a SIMD module and can
 * reserve the module's memory (a tight `ulimit -v` may forbid that), else
 * JavaScript. Each thread (main, worker_threads, web worker) instantiates its
 * own module, once.
 *
 * Memory: the kernels work on the module's linear memory. The multifrontal
 * engine's front workspace is allocated there (`frontArray`), so its partial
 * LU runs in place; the module's own front loop (`frontal`, frontalWasm.ts)
 * also keeps its contribution-block stack and the symbolic tables there; any
 * other Float64Array operand is copied in and out per call (O(n²) against
 * O(n³) work) into a transient area at the end.
 * Layout: 1.8 MB of GEMM packing buffers | the largest front so far | the
 * largest stack so far | the tables area | the largest copied operands (or
 * sector matrix values) so far (the selected inversion, selinvWasm.ts, keeps
 * its whole arena there for the duration of one call). The memory never shrinks; growth beyond what
 * the runtime grants (at most 4 GB) leaves that call on the JavaScript
 * kernels (and the front workspace in an ordinary array).
 *
 * Growing the memory detaches every view of it: `frontArray` views are
 * therefore only valid until the next kernel call on non-resident operands
 * or the next `frontArray`; the engine takes one at the start of each
 * elimination (FrontWorkspace.reserve sees a detached view as empty) and
 * passes only that view to the kernels.
 */

import { InputError } from '../../../errors.js';
import { KERNELS_WASM_BASE64 } from './kernelModule.generated.js';

export type KernelChoice = 'auto' | 'wasm' | 'js';

/** The parts of the WebAssembly JS API used here (the project's lib has no DOM/WebAssembly typings). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}
const wasmApi = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

/** Exports of assembly/index.ts; pointers are byte addresses in `memory`. */
export interface KernelExports {
  memory: WasmMemory;
  scratchBase(): number;
  zgemmSub(m: number, n: number, k: number, a: number, lda: number, b: number, ldb: number, c: number, ldc: number): void;
  /** The same by three real products (assembly/zgemm3m.ts), in the packing buffers: no work area. */
  zgemm3mPackedSub(m: number, n: number, k: number, a: number, lda: number, b: number, ldb: number, c: number, ldc: number): void;
  dgemmSub(m: number, n: number, k: number, a: number, lda: number, b: number, ldb: number, c: number, ldc: number): void;
  zpartialLURect(f: number, ld: number, nRows: number, nCols: number, p: number): number;
  zinvertBordered(f: number, n: number): number;
  /** The same two with the updates of depth ≥ 12 by three real products (the module's front loop; assembly/zlu.ts). */
  zpartialLURect3m(f: number, ld: number, nRows: number, nCols: number, p: number): number;
  zinvertBordered3m(f: number, n: number): number;
  dpartialLURect(f: number, ld: number, nRows: number, nCols: number, p: number): number;
  dinvertBordered(f: number, n: number): number;
  frontalEliminate(header: number, values: number, work: number, stack: number, bs: number, ew: number, shiftRe: number, shiftIm: number, topKept: boolean): number;
  lowRankLogDets(k: number, poles: number, m: number, q: number, lam: number, w: number, work: number): number;
  lowRankLogDetsBatch(k: number, poles: number, m: number, q: number, lam: number, w: number, work: number, count: number, out: number): number;
  lowRankGradient(k: number, poles: number, m: number, q: number, lam: number, w: number, jp: number, work: number, out: number): number;
  /** Data movement of the selected inversion (assembly/selinv.ts); sizes in doubles unless named elements. */
  selCopy(dst: number, ldd: number, src: number, lds: number, rows: number, cols: number): void;
  selZero(dst: number, ld: number, rows: number, cols: number): void;
  selNegate(x: number, n: number): void;
  selAddDiagonal(m: number, ld: number, n: number, ew: number, re: number, im: number): void;
  selExtendAdd(cb: number, relMap: number, mapStart: number, qSites: number, runs: number, run0: number, run1: number, bs: number, ew: number, work: number, ld: number): void;
  selGather(parent: number, np: number, relMap: number, mapStart: number, qSites: number, runs: number, run0: number, run1: number, bs: number, ew: number, g: number, nf: number, p: number): void;
  selTranspose(dst: number, ldd: number, src: number, lds: number, rows: number, cols: number, ew: number, sign: number): void;
  selMirrorLower(m: number, ld: number, n: number, ew: number, sign: number): void;
  zgemm3mSub(m: number, n: number, k: number, a: number, lda: number, b: number, ldb: number, c: number, ldc: number, work: number): void;
  /** The lower triangle (4×4 tiles on and below the diagonal) of C[n×n] −= A[n×k]·B[k×n] (assembly/dgemm.ts). */
  dgemmSubLower(n: number, k: number, a: number, lda: number, b: number, ldb: number, c: number, ldc: number): void;
}

export interface WasmKernels extends KernelExports {
  /**
   * A view of the memory with at least `doubles` free from index `base`
   * (byte address 8·base, after the front area), or null when the memory
   * cannot grow that far. The view is invalidated by the next call.
   */
  scratch(doubles: number): { heap: Float64Array; base: number } | null;
  /** Byte address of `f` when it is a view of this memory (a front), else −1. */
  address(f: Float64Array): number;
  /** A view of `doubles` doubles at the start of the front area, or null when the memory cannot grow. */
  front(doubles: number): Float64Array<ArrayBuffer> | null;
  /**
   * The areas of the module's front loop, grown to at least the given sizes
   * (front and stack in doubles, tables in bytes, then `scratchDoubles` after
   * them), or null when the memory cannot grow. Views of the memory are
   * invalidated by the call.
   */
  frontal(frontDoubles: number, stackDoubles: number, tableBytes: number, scratchDoubles: number): FrontalLayout | null;
}

/** Byte addresses of the front loop's areas (see `frontal`). */
export interface FrontalLayout {
  /** A view of the whole memory (valid until the next call that may grow it). */
  readonly heap: Float64Array<ArrayBuffer>;
  readonly front: number;
  readonly stack: number;
  readonly tables: number;
  /** Bytes of the tables area. */
  readonly tableBytes: number;
  readonly scratch: number;
  /** Changes whenever the stack or tables area moves (the front area grew): tables copied before are gone. */
  readonly generation: number;
}

/** (module (func (result v128) (v128.const i32x4 0 0 0 0))): valid only where SIMD128 is. */
const SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, 0x03, 0x02, 0x01, 0x00,
  0x0a, 0x16, 0x01, 0x14, 0x00, 0xfd, 0x0c, ...new Array<number>(16).fill(0), 0x0b,
]);

const PAGE = 65536;

function envChoice(): KernelChoice {
  // In the browser there is no process (the explorer's build defines process.env as {}).
  const env = typeof process !== 'undefined' ? process.env : undefined;
  const raw = env?.RKKY_KERNELS;
  if (raw === undefined || raw === '') return 'auto';
  if (raw === 'auto' || raw === 'wasm' || raw === 'js') return raw;
  throw new InputError('RKKY_KERNELS', `one of auto, wasm, js (got '${raw}')`);
}

let choice: KernelChoice | undefined;
/** undefined: not tried yet; null: unavailable here. */
let loaded: WasmKernels | null | undefined;
let unavailableReason = '';

function decodeBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function instantiate(): WasmKernels | null {
  if (!wasmApi || !wasmApi.validate(SIMD_PROBE)) {
    unavailableReason = 'this runtime has no WebAssembly SIMD128';
    return null;
  }
  let ex: KernelExports;
  try {
    const module = new wasmApi.Module(decodeBase64(KERNELS_WASM_BASE64));
    ex = new wasmApi.Instance(module, {}).exports as KernelExports;
  } catch (err) {
    // E.g. RangeError under `ulimit -v`: V8 cannot reserve the memory's address space.
    unavailableReason = `the WebAssembly module could not be instantiated (${(err as Error).message})`;
    return null;
  }
  const memory = ex.memory;
  const frontBase = ex.scratchBase();
  /** Bytes of the front, stack and tables areas (each the largest so far, 64-byte aligned). */
  let frontBytes = 0;
  let stackBytes = 0;
  let tableBytes = 0;
  let generation = 0;
  const align = (bytes: number) => Math.ceil(bytes / 64) * 64;
  let heap = new Float64Array(memory.buffer);
  const fit = (end: number): boolean => {
    if (end > memory.buffer.byteLength) {
      try {
        memory.grow(Math.ceil((end - memory.buffer.byteLength) / PAGE));
      } catch {
        return false;
      }
    }
    if (heap.buffer !== memory.buffer) heap = new Float64Array(memory.buffer);
    return true;
  };
  return {
    ...ex,
    memory,
    scratch(doubles: number) {
      const base = frontBase + frontBytes + stackBytes + tableBytes;
      return fit(base + 8 * doubles) ? { heap, base: base / 8 } : null;
    },
    address(f: Float64Array) {
      return f.buffer === memory.buffer ? f.byteOffset : -1;
    },
    front(doubles: number) {
      const bytes = Math.max(align(8 * doubles), frontBytes);
      if (!fit(frontBase + bytes + stackBytes + tableBytes)) return null;
      if (bytes !== frontBytes) generation++;
      frontBytes = bytes;
      return new Float64Array(memory.buffer, frontBase, doubles);
    },
    frontal(frontDoubles: number, stackDoubles: number, tables: number, scratchDoubles: number) {
      const fb = Math.max(align(8 * frontDoubles), frontBytes);
      const sb = Math.max(align(8 * stackDoubles), stackBytes);
      const tb = Math.max(align(tables), tableBytes);
      if (!fit(frontBase + fb + sb + tb + 8 * scratchDoubles)) return null;
      if (fb !== frontBytes || sb !== stackBytes) generation++;
      frontBytes = fb;
      stackBytes = sb;
      tableBytes = tb;
      const stack = frontBase + fb;
      return { heap, front: frontBase, stack, tables: stack + sb, tableBytes: tb, scratch: stack + sb + tb, generation };
    },
  };
}

/**
 * A Float64Array of `doubles` doubles for the multifrontal front workspace:
 * in the WebAssembly memory when those kernels run (so the partial LU needs no
 * copies), else an ordinary array. Its contents are arbitrary (the engine
 * clears what it uses); see the module comment on detached views.
 */
export function frontArray(doubles: number): Float64Array<ArrayBuffer> {
  return wasmKernels()?.front(doubles) ?? new Float64Array(doubles);
}

/** Forces the kernels for this thread and the worker threads started afterwards. */
export function setKernels(next: KernelChoice): void {
  if (next !== 'auto' && next !== 'wasm' && next !== 'js') {
    throw new InputError('kernels', `one of auto, wasm, js (got '${String(next)}')`);
  }
  choice = next;
  const env = typeof process !== 'undefined' ? process.env : undefined;
  if (env) env.RKKY_KERNELS = next;
}

/** The WebAssembly kernels when they are chosen and available, else null (use the JavaScript kernels). */
export function wasmKernels(): WasmKernels | null {
  choice ??= envChoice();
  if (choice === 'js') return null;
  if (loaded === undefined) loaded = instantiate();
  if (loaded === null && choice === 'wasm') {
    throw new InputError('RKKY_KERNELS', `auto or js: wasm was asked for, but ${unavailableReason}`);
  }
  return loaded;
}

/**
 * A second instance of the kernel module with its own memory, for data that
 * stays resident across calls (the cluster's per-pole matrices), when the
 * WebAssembly kernels are chosen and available; else null. The caller owns
 * the memory from `scratchBase()` on and grows it itself.
 */
export function privateKernelInstance(): KernelExports | null {
  if (!wasmKernels() || !wasmApi) return null;
  try {
    compiled ??= new wasmApi.Module(decodeBase64(KERNELS_WASM_BASE64));
    return new wasmApi.Instance(compiled, {}).exports as KernelExports;
  } catch {
    return null;
  }
}
/** The compiled module, kept for further private instances in this thread. */
let compiled: object | undefined;

/** Which kernels run on this thread: 'wasm' or 'js'. */
export function activeKernels(): 'wasm' | 'js' {
  return wasmKernels() ? 'wasm' : 'js';
}
