/** Wannier90 files → a host's unit cell (readers and the cell builder; no file I/O). */
export { parseHr, type WannierHr } from './hr.js';
export { parseTb, type WannierTb } from './tb.js';
export { parseWin, BOHR_ANGSTROM, type WannierWin, type NamedK } from './win.js';
export { parseCentres, type WannierCentres, type Atom } from './centres.js';
export { parseWsvec, type WannierShifts } from './wsvec.js';
export { wannierHost, type WannierHost, type WannierInputs, type SpinorOrder } from './host.js';
export { resolveWannier, wannierPaths, type ModelFiles, type Wannier90Spec } from './resolve.js';
