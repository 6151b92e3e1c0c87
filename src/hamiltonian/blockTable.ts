/**
 * Slot numbers of the blocks (i, j) of a matrix being built: an
 * open-addressing hash table on typed arrays (linear probing, load ≤ 1/2).
 * A Map keyed by i·N + j made the garbage collector and the key hashing most
 * of building a large host (keys beyond 2³⁰ are heap numbers).
 */
export class BlockTable {
  private rows = new Int32Array(256).fill(-1);
  private cols = new Int32Array(256);
  private slots = new Int32Array(256);
  private mask = 255;
  /** Number of blocks stored; slots are 0 .. size − 1 in insertion order. */
  size = 0;

  private static hash(i: number, j: number): number {
    return (Math.imul(i, 0x9e3779b1) ^ Math.imul(j, 0x85ebca77)) >>> 0;
  }

  /** The slot of block (i, j), or −1. */
  get(i: number, j: number): number {
    const { rows, cols, mask } = this;
    for (let h = BlockTable.hash(i, j) & mask; ; h = (h + 1) & mask) {
      const r = rows[h]!;
      if (r < 0) return -1;
      if (r === i && cols[h] === j) return this.slots[h]!;
    }
  }

  /** The slot of block (i, j), created (numbered size) if it is new. */
  slot(i: number, j: number): number {
    if (2 * (this.size + 1) > this.rows.length) this.grow();
    const { rows, cols, mask } = this;
    let h = BlockTable.hash(i, j) & mask;
    for (; rows[h]! >= 0; h = (h + 1) & mask) if (rows[h] === i && cols[h] === j) return this.slots[h]!;
    rows[h] = i;
    cols[h] = j;
    this.slots[h] = this.size;
    return this.size++;
  }

  /** Make room for `blocks` blocks in all (load ≤ 1/2) at once, instead of doubling on the way there. */
  reserve(blocks: number): void {
    while (2 * blocks > this.rows.length) this.grow(Math.max(2 * this.rows.length, 2 ** Math.ceil(Math.log2(2 * blocks))));
  }

  private grow(capacity = 2 * this.rows.length): void {
    const { rows, cols, slots } = this;
    this.rows = new Int32Array(capacity).fill(-1);
    this.cols = new Int32Array(capacity);
    this.slots = new Int32Array(capacity);
    this.mask = capacity - 1;
    for (let h = 0; h < rows.length; h++) {
      const i = rows[h]!;
      if (i < 0) continue;
      let g = BlockTable.hash(i, cols[h]!) & this.mask;
      while (this.rows[g]! >= 0) g = (g + 1) & this.mask;
      this.rows[g] = i;
      this.cols[g] = cols[h]!;
      this.slots[g] = slots[h]!;
    }
  }
}
