/** Bulk band structure and density of states of translation-invariant hosts (Bloch blocks → H(k) → ε_n(k), ρ(E)). */
export * from './bands.js';
export * from './bulk.js';
export * from './dos.js';
export * from './path.js';
