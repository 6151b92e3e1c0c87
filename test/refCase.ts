/** Rebuild a bodge reference case (free_energy_cases.json) through rkky's model file path. */
import { HamiltonianBuilder } from '../src/hamiltonian/builder.js';
import type { BdGHamiltonian } from '../src/hamiltonian/bdg.js';
import { parseModel } from '../src/model/model.js';
import { addHostTerms, addImpurities } from '../src/model/hamiltonian.js';

const neg = (c: [number, number] | null | undefined): [number, number] | undefined => (c ? [-c[0], -c[1]] : undefined);

/**
 * The model file equivalent of a reference case. bodge's coefficients c enter as
 * Δ = c·(jσ2 | σ_p | σ_d), so DESIGN.md's amplitudes are Δ_s = −c_s, Δ_p = −c_p, Δ_d = −c_d.
 */
export function refModelInput(p: any): any {
  const shape = p.lattice_shape as number[];
  const dim = shape[2] > 1 ? 3 : shape[1] > 1 ? 2 : 1;
  const periodicAxes: number[] = p.periodic_axes === 'all' ? [0, 1, 2] : p.periodic_axes;
  const pairing: any = {};
  if (p.delta_s_coefficient) pairing.s = neg(p.delta_s_coefficient);
  if (p.delta_p_coefficient) {
    pairing.p = neg(p.delta_p_coefficient);
    pairing.dVector = p.dvector;
  }
  if (p.delta_d_coefficient) pairing.d = neg(p.delta_d_coefficient);
  if (p.winding_nu) pairing.winding = p.winding_nu;
  // The refs' spin–orbit term is the x half only, iλδ_xσ2 on x bonds: custom blocks [[0, λδ_x], [−λδ_x, 0]].
  const custom: object[] = [];
  if (p.lambda_x_sigma2) {
    const l = p.lambda_x_sigma2;
    for (let x = 0; x + 1 < shape[0]; x++)
      for (let y = 0; y < shape[1]; y++) {
        const [a, b] = [[x, y].slice(0, dim), [x + 1, y].slice(0, dim)];
        custom.push({ sites: [a, b], H: [[0, l], [-l, 0]] }, { sites: [b, a], H: [[0, -l], [l, 0]] });
      }
  }
  return {
    custom,
    lattice: { shape: shape.slice(0, dim), periodic: [0, 1, 2].slice(0, dim).map((a) => periodicAxes.includes(a)) },
    hopping: p.t,
    chemicalPotential: p.mu,
    zeeman: [0, 0, p.m_zeeman_sigma3 ?? 0],
    pairing,
    impurities: (p.impurities ?? []).map((imp: any) => ({ site: imp.site.slice(0, dim), spin: imp.spin_vector, coupling: imp.J0 })),
  };
}

/** Build the case's Hamiltonian through the builder (the x-only spin–orbit term iλδ_xσ2 arrives as custom blocks). */
export function refHamiltonian(p: any): BdGHamiltonian {
  const model = parseModel(refModelInput(p));
  return addImpurities(addHostTerms(new HamiltonianBuilder(model.lattice), model), model.impurities).build();
}
