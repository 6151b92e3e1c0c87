import { InputError } from '../errors.js';
import type { HostData } from '../host/host.js';
import type { Model } from '../model/model.js';

/** The model checked for the infinite limit before any worker starts: periodic, translation invariant, at most the pair's two impurities. */
export function checkInfiniteHost(m: Model): Model {
  const lat = m.lattice;
  for (let a = 0; a < lat.dim; a++)
    if (!lat.periodic[a] && lat.size[a]! > 2)
      throw new InputError('--infinite', `needs a host periodic along every axis, but axis ${a + 1} of lattice.shape [${lat.shape.join(', ')}] is open (lattice.periodic)`);
  if (m.custom.length > 0) throw new InputError('--infinite', 'needs a translation-invariant host, but the model has custom blocks');
  if (m.impurities.length > 2) throw new InputError('--infinite', `needs a translation-invariant host: only the first two impurities (spin 1 and 2) may be given, got ${m.impurities.length}`);
  return m;
}

/** The same periodicity check on a built host (the engine's own guard; translation invariance is checked when its unit cell is read off). */
export function checkPeriodicHost(host: HostData): void {
  const g = host.geometry;
  for (let a = 0; a < g.dim; a++)
    if (!g.periodic[a] && g.shape[a]! > 2) throw new InputError('--infinite', `needs a host periodic along every axis, but axis ${a + 1} is open (lattice.periodic)`);
}
