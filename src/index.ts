/**
 * rkky: the public library API. Data flows one way:
 * model → Hamiltonian → solver → couplings → spin model → output.
 */
export * from './errors.js';
export * from './math/complex.js';
export { eigh, eigvalsh, type EighResult } from './math/eigh.js';
export * from './lattice/lattice.js';
export { BravaisLattice, SHELL_TOLERANCE, type BasisSite, type BondTemplate, type SiteBond, type Cell } from './lattice/bravais.js';
export { PRESET_NAMES, presetCell, type PresetName, type UnitCellSpec, type BasisInput } from './lattice/presets.js';
export type { HostData, HostGeometry, BlochBlocks } from './host/host.js';
export { nodeCount, nodeCell, nodePositions } from './host/host.js';
export { buildHost, hostOf } from './model/host.js';
export { blochBlocks, type BlochOptions } from './model/bloch.js';
export * from './hamiltonian/pauli.js';
export * from './hamiltonian/terms.js';
export * from './hamiltonian/dvector.js';
export * from './hamiltonian/builder.js';
export * from './hamiltonian/bdg.js';
export type { BlockSparse } from './hamiltonian/blockSparse.js';
export * from './model/model.js';
export { modelSchema, type ModelFile, type ModelInput } from './model/schema.js';
export * from './model/hamiltonian.js';
export * from './solvers/freeEnergy.js';
export * from './rkky/configurations.js';
export * from './rkky/couplings.js';
export * from './rkky/problem.js';
export * from './rkky/sweep.js';
export { exactConfigurationEnergies, exactFreeEnergy, type ExactOptions } from './rkky/exactEngine.js';
export { denseConfigurationEnergies } from './rkky/denseEngine.js';
export { interlayerExchange, type InterlayerOptions, type InterlayerResult, type InterlayerRow } from './rkky/interlayer.js';
export { filmSweep, useFilm, filmCost, type FilmMode, type FilmOptions } from './rkky/filmEngine.js';
export * as continuum from './continuum/index.js';
export * as spins from './spins/index.js';
export * as moments from './moments/index.js';
export * as bands from './bands/index.js';
export * as cluster from './cluster/index.js';
export { lineChartSvg, heatmapSvg, writeFigure } from './plot/index.js';
export * as reproduce from './reproduce/index.js';
export * as sweep from './sweep/index.js';
export { localDensityOfStates, type LdosPoint, type LdosOptions } from './rkky/ldos.js';
export { setKernels, activeKernels, type KernelChoice } from './solvers/sparse/wasm/kernels.js';
export { serialGreens, GreensSolver, type GreensProvider, type GreensAtEnergy } from './solvers/greens.js';
export { angleScan, type AngleScanResult } from './rkky/angleScan.js';
export { infiniteGreens, checkBlochBlocks, cubicInfiniteHost, serialInfiniteGreens, type InfiniteGreensResult, type InfiniteGreensOptions } from './solvers/infinite/index.js';
export { infiniteSweep, infiniteSeparationSweep, INFINITE_TOLERANCE, type InfiniteOptions, type InfiniteSweepResult } from './rkky/infiniteEngine.js';
export { parseWith } from './model/validate.js';
export * as wannier from './wannier/index.js';
