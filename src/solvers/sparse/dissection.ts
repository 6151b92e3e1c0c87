/**
 * Geometric nested dissection of a cubic lattice (1–3 axes, open or periodic
 * edges), with a chosen set of sites forced into the top front.
 *
 * A box is recursively cut by a plane across its longest axis; the plane is
 * the separator, eliminated after both halves. A box that spans a whole
 * periodic ring along the cut axis needs two planes (t = 0 and t = len/2) to
 * fall apart; the halves are then open along that axis. The lattice
 * coordinates give the separators for free (no graph partitioner).
 *
 * Site indexing is bodge's: for shape [Lx, Ly, Lz], site (x, y, z) has index
 * z + Lz·(y + Ly·x).
 *
 * The result is an elimination tree of "nodes" (sets of sites eliminated
 * together, i.e. fronts) numbered in postorder: every node comes after all of
 * its descendants, and a subtree occupies a contiguous range of node numbers.
 */

export interface Dissection {
  readonly nNodes: number;
  /** Sites of node f are nodeSites[nodePtr[f] .. nodePtr[f+1]). */
  readonly nodePtr: Int32Array;
  readonly nodeSites: Int32Array;
  /** Parent node, −1 for a root. */
  readonly parent: Int32Array;
}

/** Lattice padded to three axes. */
export interface Lattice3 {
  shape: [number, number, number];
  periodic: [boolean, boolean, boolean];
}

/** How the top of the tree is built around the requested sites. */
export type TopChoice =
  /** The requested sites alone form the top front; elsewhere they are holes. */
  | { kind: 'holes' }
  /** The whole plane x_axis = coord joins the top (the requested sites last). */
  | { kind: 'plane'; axis: number; coord: number };

interface Box {
  start: [number, number, number];
  len: [number, number, number];
  wrapped: [boolean, boolean, boolean];
}

class TreeBuilder {
  private readonly sites: number[] = [];
  private readonly ptr: number[] = [0];
  private readonly parents: number[] = [];

  /** Adds a node whose children are `children`; returns its number. */
  add(sites: ArrayLike<number>, children: readonly number[]): number {
    const id = this.parents.length;
    for (let i = 0; i < sites.length; i++) this.sites.push(sites[i]);
    this.ptr.push(this.sites.length);
    this.parents.push(-1);
    for (const c of children) this.parents[c] = id;
    return id;
  }

  finish(): Dissection {
    return {
      nNodes: this.parents.length,
      nodePtr: Int32Array.from(this.ptr),
      nodeSites: Int32Array.from(this.sites),
      parent: Int32Array.from(this.parents),
    };
  }
}

/**
 * Builds the dissection tree. `requested` sites (in the caller's order) form
 * the top node; with a `plane` top choice the rest of that plane forms the
 * node just below it. Boxes with at most `leafSites` sites are not cut.
 */
export function dissect(
  lattice: Lattice3,
  requested: readonly number[],
  top: TopChoice,
  leafSites: number,
): Dissection {
  const [lx, ly, lz] = lattice.shape;
  const nSites = lx * ly * lz;
  const excluded = new Uint8Array(nSites);
  for (const s of requested) excluded[s] = 1;
  const tree = new TreeBuilder();

  const siteOf = (c0: number, c1: number, c2: number): number => c2 + lz * (c1 + ly * c0);

  /** Sites of the box (minus excluded ones) with coordinate t along `axis` in [t0, t1). */
  const collect = (box: Box, axis: number, t0: number, t1: number, out: number[]): void => {
    const lo: [number, number, number] = [0, 0, 0];
    const hi: [number, number, number] = [box.len[0], box.len[1], box.len[2]];
    if (axis >= 0) {
      lo[axis] = t0;
      hi[axis] = t1;
    }
    const shape = lattice.shape;
    for (let a = lo[0]; a < hi[0]; a++) {
      const x = (box.start[0] + a) % shape[0];
      for (let b = lo[1]; b < hi[1]; b++) {
        const y = (box.start[1] + b) % shape[1];
        for (let c = lo[2]; c < hi[2]; c++) {
          const s = siteOf(x, y, (box.start[2] + c) % shape[2]);
          if (!excluded[s]) out.push(s);
        }
      }
    }
  };

  const subBox = (box: Box, axis: number, t0: number, t1: number): Box => {
    const start: [number, number, number] = [box.start[0], box.start[1], box.start[2]];
    const len: [number, number, number] = [box.len[0], box.len[1], box.len[2]];
    const wrapped: [boolean, boolean, boolean] = [box.wrapped[0], box.wrapped[1], box.wrapped[2]];
    start[axis] = (box.start[axis] + t0) % lattice.shape[axis];
    len[axis] = Math.max(0, t1 - t0);
    wrapped[axis] = false;
    return { start, len, wrapped };
  };

  /** Returns the roots of the subforest eliminating this box. */
  const build = (box: Box): number[] => {
    const all: number[] = [];
    collect(box, -1, 0, 0, all);
    if (all.length === 0) return [];
    let axis = -1;
    for (let a = 0; a < 3; a++) {
      if (box.len[a] < 2) continue;
      if (axis < 0 || box.len[a] > box.len[axis] || (box.len[a] === box.len[axis] && !box.wrapped[a] && box.wrapped[axis])) {
        axis = a;
      }
    }
    if (all.length <= leafSites || axis < 0) return [tree.add(all, [])];
    const len = box.len[axis];
    const sep: number[] = [];
    const roots: number[] = [];
    if (box.wrapped[axis]) {
      const h = Math.floor(len / 2);
      collect(box, axis, 0, 1, sep);
      collect(box, axis, h, h + 1, sep);
      roots.push(...build(subBox(box, axis, 1, h)));
      roots.push(...build(subBox(box, axis, h + 1, len)));
    } else {
      const mid = Math.floor(len / 2);
      collect(box, axis, mid, mid + 1, sep);
      roots.push(...build(subBox(box, axis, 0, mid)));
      roots.push(...build(subBox(box, axis, mid + 1, len)));
    }
    if (sep.length === 0) return roots;
    return [tree.add(sep, roots)];
  };

  const wrappedAxis = (a: number): boolean => lattice.periodic[a] && lattice.shape[a] >= 3;
  const whole: Box = {
    start: [0, 0, 0],
    len: [lx, ly, lz],
    wrapped: [wrappedAxis(0), wrappedAxis(1), wrappedAxis(2)],
  };

  let below: number[];
  if (top.kind === 'plane') {
    const { axis, coord } = top;
    const plane: number[] = [];
    collect(whole, axis, coord, coord + 1, plane);
    const L = lattice.shape[axis];
    const halves: number[] = [];
    if (whole.wrapped[axis]) {
      // The ring minus one plane is an open segment starting just after it.
      const rest: Box = subBox(whole, axis, coord + 1, coord + L);
      halves.push(...build(rest));
    } else {
      halves.push(...build(subBox(whole, axis, 0, coord)));
      halves.push(...build(subBox(whole, axis, coord + 1, L)));
    }
    below = plane.length > 0 ? [tree.add(plane, halves)] : halves;
  } else {
    below = build(whole);
  }
  if (requested.length > 0) tree.add(requested, below);
  return tree.finish();
}
