/** Model files the lattice page offers (the repository's examples plus the 31×31 s+ip_x host of the performance target). */
import normalChain from '../../examples/normal-chain.json';
import paper from '../../examples/paper.json';
import smallSip from '../../examples/small-sip.json';

export interface Example {
  label: string;
  model: unknown;
}

/** The paper's s+ip_x host (arXiv:2407.07144) on 31×31, spin 1 at the centre: δ = 1..8 runs in seconds in a browser. */
export const SIP_31 = {
  description: "The paper's s+ip_x superconductor (arXiv:2407.07144) on a 31×31 open lattice, spin 1 at the centre",
  lattice: { shape: [31, 31] },
  chemicalPotential: -3,
  pairing: { s: 0.1, p: [0, 0.1], dVector: 'e_z * p_x' },
  temperature: 0.001,
  impurities: [{ site: [15, 15], spin: [0, 0, 1], coupling: 3 }],
};

/** Graphene (honeycomb, t = 1) slightly doped, spin 1 on an A site: the lattice selector's first non-cubic example. */
export const GRAPHENE = {
  description: 'Graphene flake: honeycomb lattice, 12×12 cells, μ = 0.3, spin 1 on sublattice A of cell (6, 6)',
  lattice: { preset: 'honeycomb', shape: [12, 12] },
  chemicalPotential: 0.3,
  temperature: 0.01,
  impurities: [{ site: [6, 6], sublattice: 'A', spin: [0, 0, 1], coupling: 1 }],
};

/** A kagome sheet with three sublattices, spin 1 on B. */
export const KAGOME = {
  description: 'Kagome lattice, 8×8 cells, μ = −1, spin 1 on sublattice B of cell (4, 4)',
  lattice: { preset: 'kagome', shape: [8, 8] },
  chemicalPotential: -1,
  temperature: 0.01,
  impurities: [{ site: [4, 4], sublattice: 'B', spin: [0, 0, 1], coupling: 1 }],
};

export const EXAMPLES: Example[] = [
  { label: '31×31 s+ip_x (paper host, small)', model: SIP_31 },
  { label: 'graphene 12×12 (honeycomb)', model: GRAPHENE },
  { label: 'kagome 8×8', model: KAGOME },
  { label: 'examples/small-sip.json (11×11)', model: smallSip },
  { label: 'examples/normal-chain.json (1D)', model: normalChain },
  { label: 'examples/paper.json (101×101, slow)', model: paper },
];
