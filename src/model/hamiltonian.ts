import { HamiltonianBuilder } from '../hamiltonian/builder.js';
import type { BdGHamiltonian } from '../hamiltonian/bdg.js';
import { dwave, hopping, impurityExchange, onsite, pwave, rashba, swave } from '../hamiltonian/terms.js';
import type { Impurity, Model } from './model.js';

const isZero = (c: { re: number; im: number }) => c.re === 0 && c.im === 0;

/**
 * Add the host's terms (everything but the impurities) to a builder:
 * on-site −μσ0 − h·σ, hopping −tσ0 and Rashba iλ(δ_xσ2 − δ_yσ1) on every
 * nearest-neighbour bond (periodic edges included), s-, p- and d-wave pairing,
 * user-supplied custom blocks (H_ij += H, Δ_ij += Δ), with the supercurrent phase φ_i = 2πν x_i/L_x on sites and
 * φ_ij = 2πν (x_i + δ_x/2)/L_x on bonds (the bond midpoint; equal to
 * (x_i + x_j)/2 for ordinary bonds and gauge-consistent across a periodic edge).
 */
export function addHostTerms(b: HamiltonianBuilder, m: Model): HamiltonianBuilder {
  const lat = m.lattice;
  const Lx = lat.size[0];
  const nu = m.pairing.winding;
  const phase = (x: number) => (nu === 0 ? 0 : (2 * Math.PI * nu * x) / Lx);
  const h0 = onsite(m.chemicalPotential, m.zeeman);
  const hasS = !isZero(m.pairing.s);
  for (let i = 0; i < lat.nSites; i++) {
    b.addH(i, i, h0);
    if (hasS) b.addDelta(i, i, swave(m.pairing.s, phase(lat.site(i)[0])));
  }
  const hasP = !isZero(m.pairing.p) && m.pairing.dVector !== null;
  const hasD = !isZero(m.pairing.d);
  const t = hopping(m.hopping);
  for (const bond of lat.bonds()) {
    const { i, j, delta } = bond;
    b.addH(i, j, t);
    if (m.rashba !== 0) b.addH(i, j, rashba(m.rashba, delta));
    const phi = phase(lat.site(i)[0] + delta[0] / 2);
    if (hasP) b.addDelta(i, j, pwave(m.pairing.p, m.pairing.dVector!, delta, phi));
    if (hasD) b.addDelta(i, j, dwave(m.pairing.d, delta, phi));
  }
  for (const c of m.custom) {
    if (c.H) b.addH(c.i, c.j, c.H);
    if (c.Delta) b.addDelta(c.i, c.j, c.Delta);
  }
  return b;
}

/** Add impurity exchange terms −(J/2) S·σ on their sites. */
export function addImpurities(b: HamiltonianBuilder, impurities: readonly Impurity[]): HamiltonianBuilder {
  for (const imp of impurities) b.addH(imp.site, imp.site, impurityExchange(imp.coupling, imp.spin));
  return b;
}

/** The host Hamiltonian H0: the model without its impurities. */
export function hostHamiltonian(m: Model): BdGHamiltonian {
  return addHostTerms(new HamiltonianBuilder(m.lattice), m).build();
}

/** The full Hamiltonian of the model, impurities included. */
export function modelHamiltonian(m: Model): BdGHamiltonian {
  return addImpurities(addHostTerms(new HamiltonianBuilder(m.lattice), m), m.impurities).build();
}
