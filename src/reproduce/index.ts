/** Reproduction of arXiv:2407.07144 (figures, data and the paper's stated facts as checks). */
export { FULL_SETUP, QUICK_SETUP, paperModel, grid, centre, type ReproSetup, type PaperVariant } from './setup.js';
export { ReproRun, type SweepJob, type ReproEngineOptions } from './runner.js';
export { flattenRow, type Figure, type FigureId, type FigureOutput, type FigureRow } from './figure.js';
export { FIGURES, FIGURE_IDS, figureById } from './registry.js';
export { gapMap, type GapPoint } from './fig1b.js';
export { paperSweep } from './fig1c.js';
export { windingSweeps, relativeChange, type WindingSweep } from './fig3a.js';
export { chemicalPotentialScan, type MuPoint } from './fig3b.js';
export * from './checks.js';
