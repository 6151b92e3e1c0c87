/**
 * Fixed layout of the linear memory: the two packing buffers of the GEMM
 * kernels (shared by the complex and real kernels, which never run at the
 * same time), then the scratch area where the host copies (or allocates) the
 * frontal matrices. Sizes follow the blocking constants of zgemm.ts/dgemm.ts.
 */

/** Bytes of packed A: MC·KC complex (complex kernel) ≥ MC·KC_REAL doubles (real kernel). */
export const PACK_A_BYTES: usize = 192 * 64 * 16;
/** Bytes of packed B: (NC + NR)·KC complex, enough for the zero-padded last strip. */
export const PACK_B_BYTES: usize = (1536 + 4) * 128 * 8;

export const packA: usize = (__heap_base + 63) & ~(<usize>63);
export const packB: usize = packA + PACK_A_BYTES;

/** First byte the host may use for frontal matrices (64-byte aligned). */
export function scratchBase(): usize {
  return (packB + PACK_B_BYTES + 63) & ~(<usize>63);
}
