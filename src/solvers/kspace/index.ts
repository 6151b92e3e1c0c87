/**
 * Host Green's functions of lattices periodic along every axis, by k-space and
 * FFT (DESIGN.md §2 (b)): `planKSpace` once per host, then `kspaceGreens`
 * (same output contract as the sparse solver's `schurGreens`) or
 * `kspaceGreensTable` (every displacement at once) per energy z.
 */
export { planKSpace, type KSpacePlan, type KSpaceOptions } from './plan.js';
export { kspaceGreens, kspaceGreensTable, type KSpaceGreensTable } from './greens.js';
export { extractUnitCell, type UnitCell } from './unitCell.js';
export { lineTransform, MeshTransform, PartialMeshTransform, DFT_MAX_LENGTH, type LineTransform } from './fft.js';
