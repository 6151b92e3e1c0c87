/** Parameter sweeps: grids over model-file fields, sharded, resumable result files, SLURM job arrays. */
export * from './axes.js';
export * from './definition.js';
export * from './hash.js';
export * from './journal.js';
export * from './keyPath.js';
export * from './manifest.js';
export * from './merge.js';
export * from './plot.js';
export * from './run.js';
export * from './shards.js';
export * from './slurm.js';
export * from './status.js';
