import { parseModel } from '../../src/model/model.js';

/** The paper's host (rkky_sp_open.py) as a model file. */
export function tableModel(p: any, shape = [p.length, p.width]) {
  return parseModel({
    lattice: { shape },
    hopping: p.t,
    chemicalPotential: p.potential_mu,
    pairing: p.gap_s || p.gap_p ? { s: p.Delta_s, p: p.Delta_p, dVector: p.dvector } : {},
    temperature: p.temperature,
    impurities: [{ site: [Math.floor(shape[0]! / 2), Math.floor(shape[1]! / 2)], spin: [0, 0, 1], coupling: p.coupling_J0 }],
  });
}
