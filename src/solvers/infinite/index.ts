/**
 * Infinite (thermodynamic-limit) periodic hosts: G(R, z) by adaptive
 * Brillouin-zone quadrature with error control over Bloch blocks of any
 * lattice with a basis (blochBlocks.ts), the innermost axis done exactly as a
 * chain (chain.ts). Memory is independent of the resolution reached.
 */
export { checkBlochBlocks, componentSectors, blockCount, type BlochBlocks } from './blochBlocks.js';
export { infiniteGreens, type InfiniteGreensOptions, type InfiniteGreensResult } from './greens.js';
export { ChainSolver } from './chain.js';
export { cubicInfiniteHost, physicalBlock, type CubicInfiniteHost } from './fromHost.js';
export { infiniteGreensPool, serialInfiniteGreens, type InfiniteGreensProvider, type InfiniteWorkerData } from './pool.js';
