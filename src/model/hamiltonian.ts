import { InputError } from '../errors.js';
import { HamiltonianBuilder } from '../hamiltonian/builder.js';
import type { BdGHamiltonian } from '../hamiltonian/bdg.js';
import { dwave, hopping, impurityExchange, onsite, pwave, rashba, swave } from '../hamiltonian/terms.js';
import type { BravaisLattice, SiteBond } from '../lattice/bravais.js';
import type { Impurity, Model } from './model.js';
import { addWannierTerms } from '../wannier/terms.js';

const isZero = (c: { re: number; im: number }) => c.re === 0 && c.im === 0;

/**
 * The 2×2 spin block (a, b) of a spinful 2n_r × 2n_c matrix M (orbital a of
 * the row site, b of the column site), or with `adjoint` the block of M† that
 * couples orbital b back to orbital a: out_st = conj(M_{(a,t),(b,s)}).
 */
function spinBlock(M: Float64Array, nc2: number, a: number, b: number, adjoint: boolean): Float64Array {
  const out = new Float64Array(8);
  for (let s = 0; s < 2; s++)
    for (let t = 0; t < 2; t++) {
      const [r, c] = adjoint ? [2 * a + t, 2 * b + s] : [2 * a + s, 2 * b + t];
      const p = 2 * (r * nc2 + c);
      out[2 * (2 * s + t)] = M[p]!;
      out[2 * (2 * s + t) + 1] = adjoint ? -M[p + 1]! : M[p + 1]!;
    }
  return out;
}

/** Orbital count of site n. */
const orbitalsAt = (lat: BravaisLattice, n: number) => lat.basis[lat.sublatticeOf(n)]!.orbitals;

/** f_1: the fractional coordinate of site n along a_1 (n1 plus the basis offset), the supercurrent's phase coordinate. */
function phaseCoordinate(lat: BravaisLattice, n: number): number {
  const p = lat.basis[lat.sublatticeOf(n)]!.position;
  return lat.site(n)[0] + lat.fractional(p)[0];
}

/**
 * Add the host's terms (everything but the impurities) to a builder
 * (DESIGN.md §1, on every orbital of a site unless a term is a matrix):
 * on-site −μσ0 − h·σ and s-wave pairing on every node, the `onsite` matrices,
 * hopping −tσ0 ⊗ 1, Rashba iλ(δ̂_xσ2 − δ̂_yσ1) and p-/d-wave pairing with the
 * unit bond vector δ̂ on every nearest-neighbour bond (periodic edges
 * included), the `hoppings` (shells −t_k σ0 ⊗ 1; explicit {from, to, cell, H}
 * with their Hermitian partners), the h(R) of a Wannier90 host (src/wannier/terms.ts:
 * open edges drop, periodic axes fold), user-supplied custom blocks (H_ij += H,
 * Δ_ij += Δ). The supercurrent phase uses the fractional coordinate f_1 along
 * a_1: φ_i = 2πν f_1(i)/L_1 on sites and φ_ij = 2πν (f_1(i) + δf_1/2)/L_1 on
 * bonds (the bond midpoint; on cubic lattices f_1 = x).
 */
export function addHostTerms(b: HamiltonianBuilder, m: Model): HamiltonianBuilder {
  const lat = m.lattice;
  const L1 = lat.size[0];
  const nu = m.pairing.winding;
  const phase = (f1: number) => (nu === 0 ? 0 : (2 * Math.PI * nu * f1) / L1);
  const h0 = onsite(m.chemicalPotential, m.zeeman);
  const hasS = !isZero(m.pairing.s);
  // Without a supercurrent every site has the same s-wave block and every bond direction the same terms: built once.
  // One block per node and per bond (times the orbitals): the builder's store is allocated once.
  const bonds = lat.neighbourTable(1);
  b.reserve(lat.nNodes + bonds.i.length * Math.max(1, Math.round(lat.nNodes / lat.nSites)));
  // Uniform terms are checked once and added as prepared terms (builder.ts term): most of a large host's build.
  const onsiteTerm = b.term(h0, 'onsite');
  const uniformS = hasS && nu === 0 ? b.term(swave(m.pairing.s), 'pairing.s') : null;
  for (let i = 0; i < lat.nSites; i++) {
    const f1 = nu === 0 ? 0 : phaseCoordinate(lat, i);
    const first = lat.node(i, 0), n = orbitalsAt(lat, i);
    for (let k = first; k < first + n; k++) {
      b.addTermH(k, k, onsiteTerm);
      if (hasS) b.addTermDelta(k, k, uniformS ?? b.term(swave(m.pairing.s, phase(f1)), 'pairing.s'));
    }
  }
  for (const term of m.onsite) {
    const n = lat.basis[term.sublattice]!.orbitals;
    for (let c = 0; c < lat.nCells; c++) {
      const first = lat.node(c * lat.nBasis + term.sublattice, 0);
      for (let a = 0; a < n; a++) for (let o = 0; o < n; o++) b.addH(first + a, first + o, spinBlock(term.H, 2 * n, a, o, false));
    }
  }
  const hasP = !isZero(m.pairing.p) && m.pairing.dVector !== null;
  const hasD = !isZero(m.pairing.d);
  const t = b.term(hopping(m.hopping), 'hopping');
  const needsEqualOrbitals = m.hopping !== 0 || m.rashba !== 0 || hasP || hasD;
  /** The Rashba, p- and d-wave blocks of a bond with vector δ and phase φ_ij. */
  const bondTerms = (delta: readonly number[], phi: number) => {
    const r = Math.hypot(delta[0]!, delta[1]!, delta[2]!);
    const unit = r === 1 ? delta : [delta[0]! / r, delta[1]! / r, delta[2]! / r];
    return {
      rashba: m.rashba !== 0 ? b.term(rashba(m.rashba, unit), 'rashba') : null,
      p: hasP ? b.term(pwave(m.pairing.p, m.pairing.dVector!, unit, phi), 'pairing.p') : null,
      d: hasD ? b.term(dwave(m.pairing.d, unit, phi), 'pairing.d') : null,
    };
  };
  // Without a supercurrent the terms depend on the bond's template only.
  const byTemplate: (ReturnType<typeof bondTerms> | undefined)[] = [];
  for (let k = 0; k < bonds.i.length; k++) {
    const i = bonds.i[k]!, j = bonds.j[k]!, template = bonds.template[k]!;
    const delta = bonds.templates[template]!.delta;
    const n = orbitalsAt(lat, i);
    if (orbitalsAt(lat, j) !== n) {
      if (!needsEqualOrbitals) continue;
      throw new InputError('hopping', `nearest neighbours ${lat.label(i)} and ${lat.label(j)} have ${n} and ${orbitalsAt(lat, j)} orbitals: hopping, rashba and p/d pairing act orbital-diagonally and need equal counts (set them to 0 and use explicit "hoppings")`);
    }
    let terms = nu === 0 ? byTemplate[template] : undefined;
    if (!terms) {
      terms = bondTerms(delta, nu === 0 ? 0 : phase(phaseCoordinate(lat, i) + lat.fractional(delta)[0] / 2));
      if (nu === 0) byTemplate[template] = terms;
    }
    const ni = lat.node(i, 0), nj = lat.node(j, 0);
    for (let o = 0; o < n; o++) {
      b.addTermH(ni + o, nj + o, t);
      if (terms.rashba) b.addTermH(ni + o, nj + o, terms.rashba);
      if (terms.p) b.addTermDelta(ni + o, nj + o, terms.p);
      if (terms.d) b.addTermDelta(ni + o, nj + o, terms.d);
    }
  }
  m.hoppings.forEach((term, k) => {
    if (term.kind === 'shell') {
      const tk = b.term(hopping(term.t), `hoppings[${k}]`);
      for (const { i, j } of lat.neighbours(term.shell)) {
        const n = orbitalsAt(lat, i);
        if (orbitalsAt(lat, j) !== n)
          throw new InputError(`hoppings[${k}]`, `sites ${lat.label(i)} and ${lat.label(j)} of shell ${term.shell} have ${n} and ${orbitalsAt(lat, j)} orbitals: a shell hopping is orbital-diagonal and needs equal counts`);
        const [ni, nj] = [lat.node(i, 0), lat.node(j, 0)];
        for (let o = 0; o < n; o++) b.addTermH(ni + o, nj + o, tk);
      }
      return;
    }
    addExplicit(b, lat, term.from, term.to, lat.bondsOf([{ from: term.from, to: term.to, cell: term.cell, delta: [0, 0, 0] }]), term.H);
  });
  if (m.wannier) addWannierTerms(b, lat, m.wannier.blocks);
  for (const c of m.custom) {
    if (c.H) b.addH(c.i, c.j, c.H);
    if (c.Delta) b.addDelta(c.i, c.j, c.Delta);
  }
  return b;
}

/** H on the bonds (i → j) of an explicit hopping and H† on (j → i). */
function addExplicit(b: HamiltonianBuilder, lat: BravaisLattice, from: number, to: number, bonds: SiteBond[], H: Float64Array) {
  const [nr, nc] = [lat.basis[from]!.orbitals, lat.basis[to]!.orbitals];
  const blocks = [];
  for (let a = 0; a < nr; a++)
    for (let o = 0; o < nc; o++) blocks.push({ a, o, M: b.term(spinBlock(H, 2 * nc, a, o, false), 'hoppings.H'), Mh: b.term(spinBlock(H, 2 * nc, a, o, true), 'hoppings.H') });
  for (const { i, j } of bonds) {
    const [ni, nj] = [lat.node(i, 0), lat.node(j, 0)];
    for (const { a, o, M, Mh } of blocks) {
      b.addTermH(ni + a, nj + o, M);
      b.addTermH(nj + o, ni + a, Mh);
    }
  }
}

/** Add impurity exchange terms −(J/2) S·σ on the nodes of each impurity. */
export function addImpurities(b: HamiltonianBuilder, impurities: readonly Impurity[]): HamiltonianBuilder {
  for (const imp of impurities) {
    const v = impurityExchange(imp.coupling, imp.spin);
    for (const k of imp.nodes ?? [imp.site]) b.addH(k, k, v);
  }
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

/** The Hamiltonian of the model's host with the given impurities in it (e.g. the fixed spins of a pair problem). */
export function hamiltonianWith(m: Model, impurities: readonly Impurity[]): BdGHamiltonian {
  return addImpurities(addHostTerms(new HamiltonianBuilder(m.lattice), m), impurities).build();
}
