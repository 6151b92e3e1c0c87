/**
 * Classical spin models from computed couplings: the Hamiltonian (model.ts), ground states
 * (minimize.ts), Monte Carlo (montecarlo.ts), mean field (meanField.ts), builders (couplings
 * tables, model files, cubic lattices, dilute spin glasses), export to Spirit/Vampire and an
 * SVG picture of a configuration. Conventions: docs/spins.md.
 */
export { type Vec3, type Mat3, type TensorParts, exchangeTensor, tensorParts, transpose } from './tensor.js';
export { type PairTerm, type AnisotropyTerm, type SpinModelSpec, SpinModel } from './model.js';
export { totalEnergy, energyGradient, linearField, maxTorque, normalizeSpins } from './energy.js';
export { Rng, randomSpins } from './random.js';
export {
  type ClusterOptions,
  CouplingLookup,
  chainPositions,
  parseCouplingsTable,
  spinModelFromCouplings,
  spinModelFromPairFunction,
} from './fromCouplings.js';
export { type CouplingsRow, type CouplingsTable, type SpinModelFile } from './schema.js';
export { spinModelFromFile, spinModelToFile } from './modelFile.js';
export { cubicHeisenberg } from './lattices.js';
export { type DiluteOptions, dilutePairModel, minimumImageDistance, randomImpurityPositions, randomSpinGlass } from './spinGlass.js';
export { type GroundState, type LocalMinimum, type MinimizeOptions, findGroundState, minimizeLocal } from './minimize.js';
export { type PairAngle, neighbourAngles } from './angles.js';
export { SpinSampler, anneal } from './sampler.js';
export {
  type Estimate,
  type MonteCarloOptions,
  type MonteCarloPoint,
  type MonteCarloResult,
  overlapSquared,
  runMonteCarlo,
} from './montecarlo.js';
export {
  type CurieWeiss,
  type MeanFieldOptions,
  type MeanFieldPoint,
  type MeanFieldTc,
  applyCouplingMatrix,
  curieWeissTheta,
  meanFieldMagnetization,
  meanFieldTc,
  responseFunction,
  spinFactor,
} from './meanField.js';
export { type ExportOptions, type ExportResult, toSpirit, toVampireUcf } from './export.js';
export { type SpinSvgOptions, spinConfigurationSvg } from './svg.js';
export { binderCrossing } from './binder.js';
