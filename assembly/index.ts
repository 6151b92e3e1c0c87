/**
 * Entry of the WebAssembly kernel module (compiled by AssemblyScript with
 * SIMD128, see package.json "build:wasm"): dense frontal-matrix kernels of the
 * sparse multifrontal solver working on pointers into this module's memory,
 * the solver's whole per-front loop (frontal.ts),
 * and the per-configuration determinants of the cluster spins (lowrank.ts).
 */

export { scratchBase } from './layout';
export { zgemmSub } from './zgemm';
export { zgemm3mPackedSub } from './zgemm3m';
export { dgemmSub, dgemmSubLower } from './dgemm';
export { zpartialLURect, zinvertBordered, zpartialLURect3m, zinvertBordered3m } from './zlu';
export { dpartialLURect, dinvertBordered } from './dlu';
export { frontalEliminate } from './frontal';
export { lowRankGradient, lowRankLogDets, lowRankLogDetsBatch } from './lowrank';
export { selAddDiagonal, selCopy, selExtendAdd, selGather, selMirrorLower, selNegate, selTranspose, selZero, zgemm3mSub } from './selinv';
