import { InputError } from '../errors.js';
import { parseModel, type Model } from '../model/model.js';
import type { ModelFile } from '../model/schema.js';
import { usesKSpace } from '../solvers/greens.js';

/** The parsed host checked for the infinite limit: periodic, translation invariant (before any worker starts). */
export function checkInfiniteHost(host: ModelFile | Model): Model {
  const m = 'lattice' in host && 'nSites' in (host as Model).lattice ? (host as Model) : parseModel(host as ModelFile);
  const lat = m.lattice;
  for (let a = 0; a < lat.dim; a++)
    if (!lat.periodic[a] && lat.size[a]! > 2)
      throw new InputError('--infinite', `needs a host periodic along every axis, but axis ${'xyz'[a]} of lattice.shape [${lat.shape.join(', ')}] is open (lattice.periodic)`);
  if (m.custom.length > 0) throw new InputError('--infinite', 'needs a translation-invariant host, but the model has custom blocks');
  if (!usesKSpace(m, true)) throw new InputError('--infinite', 'needs a translation-invariant host: only the first two impurities (spin 1 and 2) may be given');
  return m;
}
