/**
 * Loading a Wannier90 host into the lattice page: several files picked at
 * once (seedname_hr.dat or _tb.dat, and optionally .win, _centres.xyz,
 * _wsvec.dat), recognized by their names. The page keeps their text and hands
 * it to parseModel (on the page and in the worker) as `files`.
 */
import { h } from './ui.js';

type Role = 'hr' | 'tb' | 'win' | 'centres' | 'wsvec';

/** The role of a file by its name (null: not a Wannier90 file rkky reads). */
export function wannierRole(name: string): Role | null {
  const n = name.toLowerCase();
  if (n.endsWith('_hr.dat')) return 'hr';
  if (n.endsWith('_tb.dat')) return 'tb';
  if (n.endsWith('_wsvec.dat')) return 'wsvec';
  if (n.endsWith('.win')) return 'win';
  if (n.endsWith('.xyz')) return 'centres';
  return null;
}

/**
 * The model file for loaded Wannier files: the current model's other keys
 * (μ, T, pairing, …) kept, `lattice.wannier90` naming the files, a 2×2×2
 * periodic sample unless the model already has three sizes, one impurity on
 * function 1 of cell (0, 0, 0) if it has none on this host.
 */
export function wannierModel(current: Record<string, unknown>, names: Partial<Record<Role, string>>): Record<string, unknown> {
  const lattice = (current.lattice ?? {}) as Record<string, unknown>;
  const shape = Array.isArray(lattice.shape) && lattice.shape.length === 3 ? lattice.shape : [2, 2, 2];
  const periodic = Array.isArray(lattice.periodic) && lattice.periodic.length === 3 ? lattice.periodic : [true, true, true];
  const json: Record<string, unknown> = { ...current, lattice: { wannier90: names, shape, periodic } };
  delete json.hopping;
  delete json.rashba;
  delete json.custom;
  json.impurities = [{ site: [0, 0, 0], sublattice: '1', spin: [0, 0, 1], coupling: 0.5 }];
  return json;
}

/** A button for several files; `onFiles` gets their text keyed by name and the role of each. */
export function wannierButton(onFiles: (files: Record<string, string>, names: Partial<Record<Role, string>>, ignored: string[]) => void): HTMLElement {
  const input = h('input', { type: 'file', multiple: '', accept: '.dat,.win,.xyz', class: 'hidden-file' }) as HTMLInputElement;
  input.addEventListener('change', async () => {
    const files: Record<string, string> = {};
    const names: Partial<Record<Role, string>> = {};
    const ignored: string[] = [];
    for (const f of Array.from(input.files ?? [])) {
      const role = wannierRole(f.name);
      if (!role) {
        ignored.push(f.name);
        continue;
      }
      files[f.name] = await f.text();
      names[role] = f.name;
    }
    input.value = '';
    onFiles(files, names, ignored);
  });
  return h('label', { class: 'button', 'data-load': 'wannier90', title: 'seedname_hr.dat (or _tb.dat) with .win, _centres.xyz, _wsvec.dat' }, 'Load Wannier90…', input);
}
