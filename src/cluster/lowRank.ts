/**
 * The cluster determinants as 2K×2K determinants (K kept nodes): the exchange
 * block of a node is a fixed matrix plus a rank-2 part that alone carries the
 * spin direction.
 *
 * In the Majorana basis (realForm.ts) a node's exchange block is A = λ L_n,
 * λ = |J||S|/2, with L_n = Σ_a n_a L_a and L_a the real antisymmetric 4×4
 * matrices of one quaternion algebra (L_a L_b = −δ_ab − ε_abc L_c): the three
 * unit blocks are self-dual. A fixed anti-self-dual J′ (J′² = −1) commutes with
 * all of them, so R = A J′/λ is a real symmetric involution of trace 0 and
 *   A = −λ R J′ = −λ J′ + 2λ P J′,   P = (1 − R)/2 = Q Qᵀ,
 * Q = [q, J′q] (4×2, orthonormal; the range of P is J′-invariant). With
 * A₀ = ⊕_k (−λ_k J′) (direction-free), L = (1 − Y A₀)⁻¹Y and K = J′L, the matrix
 * determinant lemma gives
 *   det(1 − Y A) = det(1 − Y A₀) · det(1_{2K} − 2 Qᵀ K Q Λ),   Λ = ⊕ λ_k 1₂,
 * so with ln|det(1 − Y A₀)| and K stored per pole (per set of active nodes and
 * magnitudes |S_i|), a configuration costs the blocks Q_kᵀ K_kl Q_l and one real
 * LU of size 2K per pole: (2/3)(2K)³ + 96K² flops against (2/3)(4K)³.
 *
 * Tangential gradient: with Z = (1 − YA)⁻¹Y (the dressed Green's function) and
 * M = 1 − 2QᵀKQΛ, Woodbury gives Z Q = L Q Λ M⁻¹ Λ⁻¹ and Qᵀ J′ Z = M⁻¹ QᵀK. A
 * rotation of spin i changes A_k by δA = λ L_t (t ⊥ n), which anticommutes with
 * R and so maps range(P) to its complement: Tr Z_kk δA = Tr[Q_kᵀ δA (ZQ)_k] +
 * Tr[(QᵀZ)_k δA Q_k] needs only the 4×2 and 2×4 diagonal blocks of ZQ and QᵀZ
 * (QᵀZ = −j QᵀJ′Z with J′Q = Q j). The radial part (a change of |S_i|) is not
 * of that form; the full gradient stays with the 4K×4K path (freeEnergy.ts).
 */
import { inverseFromLU, luFactor } from '../math/denseReal.js';
import { privateKernelInstance, type KernelExports } from '../solvers/sparse/wasm/kernels.js';
import type { MajoranaGreens } from './realForm.js';

/** The two real antisymmetric 4×4 complex structures E01 ∓ E23 (anti-self-dual, self-dual). */
const STRUCTURES = [
  Float64Array.of(0, 1, 0, 0, -1, 0, 0, 0, 0, 0, 0, -1, 0, 0, 1, 0),
  Float64Array.of(0, 1, 0, 0, -1, 0, 0, 0, 0, 0, 0, 1, 0, 0, -1, 0),
];

/**
 * The stored K of a set of active nodes is built for λ_k rounded to 14 significant digits (a relative change of
 * |S_i| by ≤ 5e-15, round-off), so spins normalized differently in the last bit share one K, and the same
 * configuration gives the same bits whichever configuration built K (serial and worker threads agree).
 */
const LAMBDA_DIGITS = 14;
/** Stored (active set, magnitudes) bases; the expansion alternates between a few subsets. */
const CACHE = 8;

/** Configurations per WebAssembly batch call (sumMany). */
const BATCH = 32;
/** Active sets of at least this many nodes run their energies in WebAssembly (smaller ones gain little over the copy of K). */
const WASM_MIN_NODES = 8;

/** Per set of active nodes and magnitudes: ln|det(1 − Y_p A₀)| and K_p = J′(1 − Y_p A₀)⁻¹Y_p (n×n, n = 4m). */
interface Basis {
  key: string;
  lam: Float64Array;
  logDet: Float64Array;
  /** Σ_p W_p ln|det(1 − Y_p A₀)|. */
  constant: number;
  k: Float64Array[];
}

/**
 * `sum` in WebAssembly (assembly/lowrank.ts) on a private kernel instance,
 * where the last basis's K_p stay resident: per configuration only Q is
 * copied in. Any failure (singular M, memory) answers NaN/false and the
 * caller takes the JavaScript path.
 */
class ResidentKernel {
  private resident: Basis | null = null;
  private heap: Float64Array;
  private kAt = 0;
  private qAt = 0;
  private lamAt = 0;
  private wAt = 0;
  private jpAt = 0;
  private outAt = 0;
  private workAt = 0;
  private batchQAt = 0;
  private batchOutAt = 0;

  constructor(private readonly ex: KernelExports, private readonly weights: ArrayLike<number>, private readonly jp: Float64Array) {
    this.heap = new Float64Array(ex.memory.buffer);
  }

  /** Σ_p W_p ln|det M_p| for the basis (made resident if it is not) and Q (8m numbers); NaN if singular or out of memory. */
  logDets(basis: Basis, q: Float64Array, m: number): number {
    if (!this.load(basis, q, m)) return NaN;
    return this.ex.lowRankLogDets(8 * this.kAt, basis.k.length, m, 8 * this.qAt, 8 * this.lamAt, 8 * this.wAt, 8 * this.workAt);
  }

  /** logDets and, per node k, Σ_p W_p (ZQ)_k (8 numbers) and Σ_p W_p (QᵀZ)_k (8 numbers) into a view of `16m` numbers (valid until the next call). */
  gradient(basis: Basis, q: Float64Array, m: number): { sum: number; blocks: Float64Array } {
    if (!this.load(basis, q, m)) return { sum: NaN, blocks: this.heap.subarray(0, 0) };
    const sum = this.ex.lowRankGradient(8 * this.kAt, basis.k.length, m, 8 * this.qAt, 8 * this.lamAt, 8 * this.wAt, 8 * this.jpAt, 8 * this.workAt, 8 * this.outAt);
    return { sum, blocks: this.heap.subarray(this.outAt, this.outAt + 16 * m) };
  }

  /** logDets of `count` ≤ BATCH configurations (Q of configuration c at 8m·c in q) into out[0..count); false if an M_p is singular. */
  logDetsBatch(basis: Basis, q: Float64Array, m: number, count: number, out: Float64Array): boolean {
    if (!this.load(basis, q, m)) return false;
    this.heap.set(q.subarray(0, 8 * m * count), this.batchQAt);
    const r = this.ex.lowRankLogDetsBatch(8 * this.kAt, basis.k.length, m, 8 * this.batchQAt, 8 * this.lamAt, 8 * this.wAt, 8 * this.workAt, count, 8 * this.batchOutAt);
    out.set(this.heap.subarray(this.batchOutAt, this.batchOutAt + count));
    return !Number.isNaN(r);
  }

  /** Makes the basis resident (if it is not) and copies Q in; false when the memory cannot grow that far. */
  private load(basis: Basis, q: Float64Array, m: number): boolean {
    const n = 4 * m, poles = basis.k.length;
    if (this.resident !== basis) {
      // Doubles from scratchBase: K_p (poles·n²) | Q (8m) | λ (m) | W (poles) | J′ (16) | out (16m) | work (32m²) | batch Q (8m·BATCH) | batch out (BATCH).
      const base = Math.ceil(this.ex.scratchBase() / 8);
      this.kAt = base;
      this.qAt = this.kAt + poles * n * n;
      this.lamAt = this.qAt + 8 * m;
      this.wAt = this.lamAt + m + (m & 1);
      this.jpAt = this.wAt + poles + (poles & 1);
      this.outAt = this.jpAt + 16;
      this.workAt = this.outAt + 16 * m;
      this.batchQAt = this.workAt + 32 * m * m;
      this.batchOutAt = this.batchQAt + 8 * m * BATCH;
      const end = 8 * (this.batchOutAt + BATCH);
      const buffer = this.ex.memory.buffer;
      if (end > buffer.byteLength)
        try {
          this.ex.memory.grow(Math.ceil((end - buffer.byteLength) / 65536));
        } catch {
          return false;
        }
      this.heap = new Float64Array(this.ex.memory.buffer);
      basis.k.forEach((K, p) => this.heap.set(K, this.kAt + p * n * n));
      this.heap.set(basis.lam, this.lamAt);
      for (let p = 0; p < poles; p++) this.heap[this.wAt + p] = this.weights[p]!;
      this.heap.set(this.jp, this.jpAt);
      this.resident = basis;
    }
    this.heap.set(q.subarray(0, 8 * m), this.qAt);
    return true;
  }
}

/** A J′ (row-major 4×4) commuting with every unit block, each block a multiple of an orthogonal matrix with square −1; else null. */
function complexStructure(units: readonly (readonly Float64Array[])[]): Float64Array | null {
  const blocks = units.flat();
  const scale = Math.max(...blocks.map((u) => Math.max(...u.map(Math.abs))));
  const tol = 1e-12 * Math.max(scale, 1e-300);
  // Each unit u_a must satisfy u_a u_b + u_b u_a = −2 c² δ_ab for the spin's scale c (then A = λ L_n exactly).
  for (const u of units) {
    const c2 = u[0]![0]! ** 2 + u[0]![1]! ** 2 + u[0]![2]! ** 2 + u[0]![3]! ** 2;
    for (let a = 0; a < 3; a++)
      for (let b = 0; b < 3; b++) {
        const x = u[a]!, y = u[b]!;
        for (let r = 0; r < 4; r++)
          for (let s = 0; s < 4; s++) {
            let t = 0;
            for (let d = 0; d < 4; d++) t += x[4 * r + d]! * y[4 * d + s]! + y[4 * r + d]! * x[4 * d + s]!;
            if (Math.abs(t + (a === b && r === s ? 2 * c2 : 0)) > tol * scale) return null;
          }
      }
  }
  for (const jp of STRUCTURES) {
    const commutes = blocks.every((u) => {
      for (let r = 0; r < 4; r++)
        for (let s = 0; s < 4; s++) {
          let t = 0;
          for (let d = 0; d < 4; d++) t += u[4 * r + d]! * jp[4 * d + s]! - jp[4 * r + d]! * u[4 * d + s]!;
          if (Math.abs(t) > tol) return false;
        }
      return true;
    });
    if (commutes) return jp;
  }
  return null;
}

/**
 * Σ_p W_p ln|det(1 − Y_p A)| of the active nodes in the low-rank form, and
 * the tangential part of its gradient. `create` returns null when the unit
 * blocks are not of the quaternion form (then the 4K×4K path is used).
 */
export class LowRankDeterminants {
  private readonly cache: Basis[] = [];
  private q = new Float64Array(0);
  private lamNow = new Float64Array(0);
  private b = new Float64Array(0);
  private m = new Float64Array(0);
  private mInv = new Float64Array(0);
  private lq = new Float64Array(0);
  private qk = new Float64Array(0);
  private perm = new Int32Array(0);
  private qBatch = new Float64Array(0);
  private outBatch = new Float64Array(0);
  private readonly zq = new Float64Array(8);
  private readonly qz = new Float64Array(8);
  private readonly p = new Float64Array(16);
  /** The WebAssembly energies (undefined: not tried yet; null: unavailable). */
  private kernel: ResidentKernel | null | undefined;

  private constructor(private readonly greens: MajoranaGreens, private readonly weights: ArrayLike<number>, private readonly jp: Float64Array) {}

  static create(greens: MajoranaGreens, weights: ArrayLike<number>, units: readonly (readonly Float64Array[])[]): LowRankDeterminants | null {
    const jp = complexStructure(units);
    return jp ? new LowRankDeterminants(greens, weights, jp) : null;
  }

  /**
   * Σ_p W_p ln|det(1 − Y_p A)| for the active nodes `slot` (kept-node indices)
   * with Majorana blocks `blocks[k]` (16 numbers each). With `units` (per node
   * the three ∂A/∂S_a) and `h` (3 numbers per node), h_k += Σ_p W_p Tr[Z_kk u_a]
   * — exact for the tangential part of S_i only (the caller projects).
   * Returns null if a node's block vanishes and a gradient is asked for.
   */
  sum(slot: readonly number[], blocks: readonly Float64Array[], units?: readonly (readonly Float64Array[])[], h?: Float64Array): number | null {
    const m = slot.length, n = 4 * m, r2 = 2 * m;
    this.reserve(m);
    for (let k = 0; k < m; k++) this.lamNow[k] = Number(this.projector(blocks[k]!, this.q.subarray(8 * k, 8 * k + 8)).toPrecision(LAMBDA_DIGITS));
    if (h) for (let k = 0; k < m; k++) if (!(this.lamNow[k]! > 0)) return null;
    const basis = this.basis(slot);
    if (m >= WASM_MIN_NODES) {
      this.wasm();
      if (this.kernel && !h) {
        const d = this.kernel.logDets(basis, this.q, m);
        if (!Number.isNaN(d)) return basis.constant + d;
      } else if (this.kernel) {
        const { sum, blocks } = this.kernel.gradient(basis, this.q, m);
        if (!Number.isNaN(sum)) {
          for (let k = 0; k < m; k++) this.contract(k, blocks.subarray(16 * k, 16 * k + 8), blocks.subarray(16 * k + 8, 16 * k + 16), units![k]!, h!, 1);
          return basis.constant + sum;
        }
      }
    }
    const lam = basis.lam, Q = this.q, B = this.b, M = this.m;
    let total = 0;
    for (let p = 0; p < basis.k.length; p++) {
      const K = basis.k[p]!;
      // B = K Q (n × 2m): B[r][2l + c] = Σ_d K[r][4l + d] Q_l[d][c].
      for (let r = 0; r < n; r++) {
        const kr = r * n, br = r * r2;
        for (let l = 0; l < m; l++) {
          const k0 = K[kr + 4 * l]!, k1 = K[kr + 4 * l + 1]!, k2 = K[kr + 4 * l + 2]!, k3 = K[kr + 4 * l + 3]!, q = 8 * l;
          B[br + 2 * l] = k0 * Q[q]! + k1 * Q[q + 2]! + k2 * Q[q + 4]! + k3 * Q[q + 6]!;
          B[br + 2 * l + 1] = k0 * Q[q + 1]! + k1 * Q[q + 3]! + k2 * Q[q + 5]! + k3 * Q[q + 7]!;
        }
      }
      // M = 1 − 2 Qᵀ B Λ: M[2k + c′][j] = δ − 2 λ_(j) Σ_d Q_k[d][c′] B[4k + d][j].
      for (let k = 0; k < m; k++) {
        const q = 8 * k, b0 = 4 * k * r2, b1 = b0 + r2, b2 = b1 + r2, b3 = b2 + r2;
        const m0 = 2 * k * r2, m1 = m0 + r2;
        for (let j = 0; j < r2; j++) {
          const w = -2 * lam[j >> 1]!;
          const x0 = B[b0 + j]!, x1 = B[b1 + j]!, x2 = B[b2 + j]!, x3 = B[b3 + j]!;
          M[m0 + j] = w * (Q[q]! * x0 + Q[q + 2]! * x1 + Q[q + 4]! * x2 + Q[q + 6]! * x3);
          M[m1 + j] = w * (Q[q + 1]! * x0 + Q[q + 3]! * x1 + Q[q + 5]! * x2 + Q[q + 7]! * x3);
        }
        M[m0 + 2 * k] += 1;
        M[m1 + 2 * k + 1] += 1;
      }
      const W = this.weights[p]!;
      total += W * (basis.logDet[p]! + luFactor(M, r2, this.perm));
      if (h) this.gradient(K, basis, M, units!, h, W, m);
    }
    return total;
  }

  /** h_k += W Tr[Z_kk u_a] (tangential) from M's LU (overwritten) and B = KQ of this pole. */
  private gradient(K: Float64Array, basis: Basis, lu: Float64Array, units: readonly (readonly Float64Array[])[], h: Float64Array, W: number, m: number): void {
    const n = 4 * m, r2 = 2 * m, jp = this.jp, Q = this.q, B = this.b, lam = basis.lam;
    const mInv = this.mInv, LQ = this.lq, QK = this.qk;
    inverseFromLU(lu, r2, this.perm, mInv);
    // L Q = −J′ K Q (J′⁻¹ = −J′), row block by row block.
    for (let k = 0; k < m; k++)
      for (let a = 0; a < 4; a++) {
        const out = (4 * k + a) * r2;
        for (let j = 0; j < r2; j++) {
          let s = 0;
          for (let d = 0; d < 4; d++) s -= jp[4 * a + d]! * B[(4 * k + d) * r2 + j]!;
          LQ[out + j] = s;
        }
      }
    // Qᵀ K (2m × n).
    for (let k = 0; k < m; k++) {
      const q = 8 * k;
      for (let c = 0; c < 2; c++) {
        const out = (2 * k + c) * n;
        for (let col = 0; col < n; col++) {
          let s = 0;
          for (let d = 0; d < 4; d++) s += Q[q + 2 * d + c]! * K[(4 * k + d) * n + col]!;
          QK[out + col] = s;
        }
      }
    }
    const zq = this.zq, qz = this.qz;
    for (let k = 0; k < m; k++) {
      // (ZQ)_k = Σ_j (LQ)[4k + a][j] λ_(j)/λ_k M⁻¹[j][2k + c]   (Z Q = L Q Λ M⁻¹ Λ⁻¹).
      for (let a = 0; a < 4; a++)
        for (let c = 0; c < 2; c++) {
          let s = 0;
          const row = (4 * k + a) * r2;
          for (let j = 0; j < r2; j++) s += LQ[row + j]! * lam[j >> 1]! * mInv[j * r2 + 2 * k + c]!;
          zq[2 * a + c] = s / lam[k]!;
        }
      // X = (M⁻¹ QᵀK)_kk (2×4), then QᵀZ = −j X: row 0 = X row 1, row 1 = −X row 0.
      for (let c = 0; c < 2; c++)
        for (let b = 0; b < 4; b++) {
          let s = 0;
          const row = (2 * k + c) * r2;
          for (let j = 0; j < r2; j++) s += mInv[row + j]! * QK[j * n + 4 * k + b]!;
          qz[4 * (1 - c) + b] = c === 0 ? -s : s;
        }
      this.contract(k, zq, qz, units[k]!, h, W);
    }
  }

  /** Work arrays for m active nodes. */
  private reserve(m: number): void {
    const n = 4 * m, r2 = 2 * m;
    if (this.q.length < 8 * m) {
      this.q = new Float64Array(8 * m);
      this.lamNow = new Float64Array(m);
      this.b = new Float64Array(n * r2);
      this.m = new Float64Array(r2 * r2);
      this.mInv = new Float64Array(r2 * r2);
      this.lq = new Float64Array(n * r2);
      this.qk = new Float64Array(r2 * n);
      this.perm = new Int32Array(r2);
    }
  }

  /** The WebAssembly kernel of this thread (instantiated on first use), or null. */
  private wasm(): ResidentKernel | null {
    if (this.kernel === undefined) {
      const ex = privateKernelInstance();
      this.kernel = ex ? new ResidentKernel(ex, this.weights, this.jp) : null;
    }
    return this.kernel;
  }

  /**
   * out[c] = sum(slot, blocks(c)) for c < count: the same numbers, with the
   * WebAssembly energies in batches of configurations that share K (pole by
   * pole, K_p stays in cache); `blocks(c)` fills the Majorana blocks of
   * configuration c (the array may be reused between calls).
   */
  sumMany(slot: readonly number[], count: number, blocks: (c: number) => readonly Float64Array[], out: Float64Array): void {
    const m = slot.length;
    this.reserve(m);
    const kernel = m >= WASM_MIN_NODES ? this.wasm() : null;
    if (!kernel) {
      for (let c = 0; c < count; c++) out[c] = this.sum(slot, blocks(c))!;
      return;
    }
    if (this.qBatch.length < 8 * m * BATCH) {
      this.qBatch = new Float64Array(8 * m * BATCH);
      this.outBatch = new Float64Array(BATCH);
    }
    let pending = 0, first = 0;
    let basis: Basis | null = null;
    const flush = (): void => {
      if (pending === 0) return;
      if (kernel.logDetsBatch(basis!, this.qBatch, m, pending, this.outBatch)) for (let j = 0; j < pending; j++) out[first + j] = basis!.constant + this.outBatch[j]!;
      else for (let j = 0; j < pending; j++) out[first + j] = this.sum(slot, blocks(first + j))!;
      pending = 0;
    };
    for (let c = 0; c < count; c++) {
      const a = blocks(c);
      for (let k = 0; k < m; k++) this.lamNow[k] = Number(this.projector(a[k]!, this.q.subarray(8 * k, 8 * k + 8)).toPrecision(LAMBDA_DIGITS));
      const b = this.basis(slot);
      if (b !== basis) flush();
      if (pending === 0) {
        basis = b;
        first = c;
      }
      this.qBatch.set(this.q.subarray(0, 8 * m), 8 * m * pending);
      if (++pending === BATCH) flush();
    }
    flush();
  }

  /** h_k += W (Tr[Q_kᵀ u_a (ZQ)_k] + Tr[(QᵀZ)_k u_a Q_k]) for the three unit blocks u_a of node k. */
  private contract(k: number, zq: Float64Array, qz: Float64Array, units: readonly Float64Array[], h: Float64Array, W: number): void {
    const Q = this.q, q = 8 * k;
    for (let a = 0; a < 3; a++) {
      const u = units[a]!;
      let t = 0;
      for (let d = 0; d < 4; d++)
        for (let e = 0; e < 4; e++) {
          const ude = u[4 * d + e]!;
          if (ude === 0) continue;
          t += ude * (Q[q + 2 * d]! * zq[2 * e]! + Q[q + 2 * d + 1]! * zq[2 * e + 1]! + qz[d]! * Q[q + 2 * e]! + qz[4 + d]! * Q[q + 2 * e + 1]!);
        }
      h[3 * k + a] += W * t;
    }
  }

  /** Q = [q, J′q] of a block A (into q, 8 numbers: Q[d][c] at 2d + c); returns λ = |A row 0|. */
  private projector(a: Float64Array, q: Float64Array): number {
    const jp = this.jp;
    const lam = Math.hypot(a[0]!, a[1]!, a[2]!, a[3]!);
    // P = (1 − A J′/λ)/2; the column c with the largest P_cc (≥ 1/2) normalized, then J′ times it.
    const p = this.p;
    let best = 0, col = 0;
    for (let r = 0; r < 4; r++)
      for (let c = 0; c < 4; c++) {
        let s = 0;
        for (let d = 0; d < 4; d++) s += a[4 * r + d]! * jp[4 * d + c]!;
        p[4 * r + c] = 0.5 * ((r === c ? 1 : 0) - (lam > 0 ? s / lam : 0));
      }
    for (let c = 0; c < 4; c++)
      if (p[5 * c]! > best) {
        best = p[5 * c]!;
        col = c;
      }
    const norm = 1 / Math.sqrt(best);
    for (let d = 0; d < 4; d++) q[2 * d] = p[4 * d + col]! * norm;
    for (let d = 0; d < 4; d++) {
      let s = 0;
      for (let e = 0; e < 4; e++) s += jp[4 * d + e]! * q[2 * e]!;
      q[2 * d + 1] = s;
    }
    return lam;
  }

  /** The stored basis of these active nodes and the current magnitudes (built if new). */
  private basis(slot: readonly number[]): Basis {
    const m = slot.length, key = slot.join(',');
    const now = this.lamNow;
    const found = this.cache.find((b) => b.key === key && b.lam.every((l, k) => l === now[k]!));
    if (found) return found;
    const n = 4 * m, K4 = this.greens.y.length ? Math.round(Math.sqrt(this.greens.y[0]!.length)) : 0;
    const lam = now.slice(0, m), jp = this.jp;
    const logDet = new Float64Array(this.greens.y.length), ks: Float64Array[] = [];
    const t = new Float64Array(n * n), inv = new Float64Array(n * n), ysub = new Float64Array(n * n), perm = new Int32Array(n);
    for (let p = 0; p < this.greens.y.length; p++) {
      const Y = this.greens.y[p]!;
      for (let r = 0; r < n; r++) {
        const gr = (4 * slot[r >> 2]! + (r & 3)) * K4;
        for (let l = 0; l < n; l++) ysub[r * n + l] = Y[gr + 4 * slot[l >> 2]! + (l & 3)]!;
      }
      // T = 1 − Y A₀ with A₀ block l = −λ_l J′: T[r][4l + c] = δ + λ_l Σ_d Y[r][4l + d] J′[d][c].
      for (let r = 0; r < n; r++)
        for (let l = 0; l < m; l++)
          for (let c = 0; c < 4; c++) {
            let s = 0;
            for (let d = 0; d < 4; d++) s += ysub[r * n + 4 * l + d]! * jp[4 * d + c]!;
            t[r * n + 4 * l + c] = (r === 4 * l + c ? 1 : 0) + lam[l]! * s;
          }
      logDet[p] = luFactor(t, n, perm);
      inverseFromLU(t, n, perm, inv);
      // L = T⁻¹ Y, then K = J′ L row block by row block.
      const L = new Float64Array(n * n);
      for (let r = 0; r < n; r++)
        for (let k = 0; k < n; k++) {
          const f = inv[r * n + k]!;
          if (f === 0) continue;
          for (let c = 0; c < n; c++) L[r * n + c] += f * ysub[k * n + c]!;
        }
      const K = new Float64Array(n * n);
      for (let k = 0; k < m; k++)
        for (let a = 0; a < 4; a++)
          for (let d = 0; d < 4; d++) {
            const f = jp[4 * a + d]!;
            if (f === 0) continue;
            for (let c = 0; c < n; c++) K[(4 * k + a) * n + c] += f * L[(4 * k + d) * n + c]!;
          }
      ks.push(K);
    }
    let constant = 0;
    for (let p = 0; p < logDet.length; p++) constant += this.weights[p]! * logDet[p]!;
    const basis = { key, lam, logDet, constant, k: ks };
    if (this.cache.length >= CACHE) this.cache.shift();
    this.cache.push(basis);
    return basis;
  }
}
