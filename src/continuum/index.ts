/**
 * Continuum theory of the RKKY interaction: Lindhard response, real-space
 * susceptibility and J(R) in 1D/2D/3D, temperature and disorder damping,
 * power-law dispersions, Friedel oscillations, graphene (Dirac) hosts, tight-binding
 * checks, the Kondo scale and the Doniach comparison, interlayer coupling,
 * physical units. Conventions: conventions.ts (m = ħ = k_B = 1, χ per spin,
 * J = −2 J_sd² χ_σ for H' = J_sd S·σ).
 */
export * from './conventions.js';
export * from './lindhard.js';
export * from './closedForms.js';
export * from './realSpace.js';
export * from './thermal.js';
export * from './powerLaw.js';
export * from './fourier.js';
export * from './envelope.js';
export * from './friedel.js';
export * from './graphene.js';
export * from './tightBinding.js';
export * from './kondo.js';
export * from './interlayer.js';
export * from './units.js';
