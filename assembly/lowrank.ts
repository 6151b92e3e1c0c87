/**
 * The per-configuration work of the cluster's low-rank determinants
 * (src/cluster/lowRank.ts), SIMD128: for every pole p, B = K_p Q (n × 2m),
 * M = 1 − 2 Qᵀ B Λ (2m × 2m) and ln|det M| by LU with partial pivoting.
 * Layout (doubles, row-major): K_p at k + p·n², n = 4m; Q at q (8 per node,
 * Q[d][c] at 2d + c); λ at lam (one per node); weights at w; work ≥ n·2m + 4m².
 */

@inline function addr(base: usize, index: i32): usize {
  return base + ((<usize>index) << 3);
}

/** Σ_p w_p ln|det M_p| (NaN if an M_p is singular). */
export function lowRankLogDets(k: usize, poles: i32, m: i32, q: usize, lam: usize, w: usize, work: usize): f64 {
  const n = 4 * m, r2 = 2 * m;
  const mat = addr(work, n * r2);
  let total: f64 = 0;
  for (let p = 0; p < poles; p++) {
    buildM(addr(k, p * n * n), m, q, lam, work, mat, r2);
    const ld = luLogAbsDet(mat, r2);
    if (isNaN(ld)) return ld;
    total += load<f64>(addr(w, p)) * ld;
  }
  return total;
}

/**
 * lowRankLogDets of `count` configurations sharing K and λ (Q of configuration
 * c at q + 8m·c doubles) into out[c], pole by pole so that K_p stays in cache
 * across the batch; the same arithmetic in the same order as one at a time.
 * Returns 0, or NaN if an M_p is singular.
 */
export function lowRankLogDetsBatch(k: usize, poles: i32, m: i32, q: usize, lam: usize, w: usize, work: usize, count: i32, out: usize): f64 {
  const n = 4 * m, r2 = 2 * m;
  const mat = addr(work, n * r2);
  memory.fill(out, 0, <usize>count << 3);
  for (let p = 0; p < poles; p++) {
    const kp = addr(k, p * n * n), wp = load<f64>(addr(w, p));
    for (let c = 0; c < count; c++) {
      buildM(kp, m, addr(q, 8 * m * c), lam, work, mat, r2);
      const ld = luLogAbsDet(mat, r2);
      if (isNaN(ld)) return ld;
      const o = addr(out, c);
      store<f64>(o, load<f64>(o) + wp * ld);
    }
  }
  return 0;
}

/** Row swap of columns from..n−1 of rows x and y. */
@inline function swapRows(a: usize, n: i32, x: i32, y: i32, from: i32): void {
  const rx = addr(a, x * n), ry = addr(a, y * n);
  for (let j = from; j < n; j++) {
    const t = load<f64>(addr(rx, j));
    store<f64>(addr(rx, j), load<f64>(addr(ry, j)));
    store<f64>(addr(ry, j), t);
  }
}

/** The row ≥ c with the largest |a[r][c]|, or −1 if that is 0 or not finite. */
@inline function pivotRow(a: usize, n: i32, c: i32): i32 {
  let p = c;
  let best = abs<f64>(load<f64>(addr(a, c * n + c)));
  for (let r = c + 1; r < n; r++) {
    const x = abs<f64>(load<f64>(addr(a, r * n + c)));
    if (x > best) {
      best = x;
      p = r;
    }
  }
  return best > 0 && isFinite(best) ? p : -1;
}

/**
 * ln|det a| of an n×n row-major matrix by LU with partial pivoting, in place;
 * NaN if singular. Two pivot columns per pass: both are factored (the second
 * after its update by the first), then the trailing block gets one rank-2
 * update, reading and writing it once per two columns.
 */
function luLogAbsDet(a: usize, n: i32): f64 {
  let logAbsDet: f64 = 0;
  let product: f64 = 1;
  let c = 0;
  for (; c + 1 < n; c += 2) {
    const c1 = c + 1;
    let p = pivotRow(a, n, c);
    if (p < 0) return NaN;
    if (p !== c) swapRows(a, n, p, c, c);
    const r0 = addr(a, c * n);
    const d0 = load<f64>(addr(r0, c));
    const inv0 = 1 / d0;
    const u01 = load<f64>(addr(r0, c1));
    // Multipliers of column c; column c + 1 updated by them.
    for (let r = c1; r < n; r++) {
      const rr = addr(a, r * n);
      const l = load<f64>(addr(rr, c)) * inv0;
      store<f64>(addr(rr, c), l);
      store<f64>(addr(rr, c1), load<f64>(addr(rr, c1)) - l * u01);
    }
    p = pivotRow(a, n, c1);
    if (p < 0) return NaN;
    if (p !== c1) swapRows(a, n, p, c1, c);
    const r1 = addr(a, c1 * n);
    const d1 = load<f64>(addr(r1, c1));
    const inv1 = 1 / d1;
    // Row c + 1 of U right of the pair.
    const l10 = load<f64>(addr(r1, c));
    const l10v = f64x2.splat(l10);
    const start = c + 2;
    let j = start;
    for (; j + 1 < n; j += 2) v128.store(addr(r1, j), f64x2.sub(v128.load(addr(r1, j)), f64x2.mul(l10v, v128.load(addr(r0, j)))));
    if (j < n) store<f64>(addr(r1, j), load<f64>(addr(r1, j)) - l10 * load<f64>(addr(r0, j)));
    product *= abs<f64>(d0) * abs<f64>(d1);
    if (product > 1e150 || product < 1e-150) {
      logAbsDet += Math.log(product);
      product = 1;
    }
    // Trailing rank-2 update.
    for (let r = start; r < n; r++) {
      const rr = addr(a, r * n);
      const m0 = load<f64>(addr(rr, c));
      const m1 = load<f64>(addr(rr, c1)) * inv1;
      if (m0 === 0 && m1 === 0) continue;
      const m0v = f64x2.splat(m0), m1v = f64x2.splat(m1);
      j = start;
      for (; j + 1 < n; j += 2) {
        const dst = addr(rr, j);
        v128.store(dst, f64x2.sub(v128.load(dst), f64x2.add(f64x2.mul(m0v, v128.load(addr(r0, j))), f64x2.mul(m1v, v128.load(addr(r1, j))))));
      }
      if (j < n) store<f64>(addr(rr, j), load<f64>(addr(rr, j)) - m0 * load<f64>(addr(r0, j)) - m1 * load<f64>(addr(r1, j)));
    }
  }
  if (c < n) {
    const d = load<f64>(addr(a, c * n + c));
    if (!(abs<f64>(d) > 0) || !isFinite(d)) return NaN;
    product *= abs<f64>(d);
  }
  return logAbsDet + Math.log(product);
}

/**
 * B = K_p Q and M = 1 − 2 QᵀBΛ of pole p into b and g (rows ldg apart:
 * r2 for M alone, 2·r2 for the bordered [M | 1] of lowRankGradient).
 */
function buildM(kp: usize, m: i32, q: usize, lam: usize, b: usize, g: usize, ldg: i32): void {
  const n = 4 * m, r2 = 2 * m;
  for (let r = 0; r < n; r++) {
    const kr = addr(kp, r * n), br = addr(b, r * r2);
    for (let l = 0; l < m; l++) {
      const kl = addr(kr, 4 * l), ql = addr(q, 8 * l);
      let v = f64x2.mul(f64x2.splat(load<f64>(kl)), v128.load(ql));
      v = f64x2.add(v, f64x2.mul(f64x2.splat(load<f64>(kl, 8)), v128.load(ql, 16)));
      v = f64x2.add(v, f64x2.mul(f64x2.splat(load<f64>(kl, 16)), v128.load(ql, 32)));
      v = f64x2.add(v, f64x2.mul(f64x2.splat(load<f64>(kl, 24)), v128.load(ql, 48)));
      v128.store(addr(br, 2 * l), v);
    }
  }
  for (let kk = 0; kk < m; kk++) {
    const qk = addr(q, 8 * kk);
    for (let c = 0; c < 2; c++) {
      const qc = addr(qk, c);
      const q0 = f64x2.splat(load<f64>(qc)), q1 = f64x2.splat(load<f64>(qc, 16));
      const q2 = f64x2.splat(load<f64>(qc, 32)), q3 = f64x2.splat(load<f64>(qc, 48));
      const b0 = addr(b, 4 * kk * r2), b1 = addr(b0, r2), b2 = addr(b1, r2), b3 = addr(b2, r2);
      const row = addr(g, (2 * kk + c) * ldg);
      for (let l = 0; l < m; l++) {
        const o = 16 * l;
        let v = f64x2.mul(q0, v128.load(b0 + o));
        v = f64x2.add(v, f64x2.mul(q1, v128.load(b1 + o)));
        v = f64x2.add(v, f64x2.mul(q2, v128.load(b2 + o)));
        v = f64x2.add(v, f64x2.mul(q3, v128.load(b3 + o)));
        v128.store(row + o, f64x2.mul(v, f64x2.splat(-2 * load<f64>(addr(lam, l)))));
      }
      const d = addr(row, 2 * kk + c);
      store<f64>(d, load<f64>(d) + 1);
    }
  }
}

/**
 * Σ_p w_p ln|det M_p| and, accumulated over the poles into `out` (16 doubles
 * per node k, zeroed here), w_p (ZQ)_k (4×2 at 16k) and w_p (QᵀZ)_k (2×4 at
 * 16k + 8): the blocks the tangential gradient needs (src/cluster/lowRank.ts),
 * Z Q = L Q Λ M⁻¹ Λ⁻¹ with L Q = −J′B, QᵀZ = −j M⁻¹ QᵀK. M⁻¹ by Gauss–Jordan
 * with partial pivoting on [M | 1]. jp: J′ (16 doubles); work ≥ 3·n·2m + 2m·4m
 * doubles. NaN if an M_p is singular (or a λ vanishes).
 */
export function lowRankGradient(k: usize, poles: i32, m: i32, q: usize, lam: usize, w: usize, jp: usize, work: usize, out: usize): f64 {
  const n = 4 * m, r2 = 2 * m, ldg = 2 * r2;
  const b = work, g = addr(b, n * r2), lq = addr(g, r2 * ldg), qk = addr(lq, n * r2);
  memory.fill(out, 0, <usize>(16 * m) << 3);
  let total: f64 = 0;
  for (let p = 0; p < poles; p++) {
    const kp = addr(k, p * n * n);
    buildM(kp, m, q, lam, b, g, ldg);
    for (let r = 0; r < r2; r++) {
      const row = addr(g, r * ldg + r2);
      memory.fill(row, 0, <usize>r2 << 3);
      store<f64>(addr(row, r), 1);
    }
    // Gauss–Jordan: the right half becomes M⁻¹.
    let logAbsDet: f64 = 0, product: f64 = 1;
    for (let c = 0; c < r2; c++) {
      let piv = c;
      let best = abs<f64>(load<f64>(addr(g, c * ldg + c)));
      for (let r = c + 1; r < r2; r++) {
        const x = abs<f64>(load<f64>(addr(g, r * ldg + c)));
        if (x > best) {
          best = x;
          piv = r;
        }
      }
      if (!(best > 0) || !isFinite(best)) return NaN;
      const rc = addr(g, c * ldg);
      if (piv !== c) {
        const rp = addr(g, piv * ldg);
        for (let j = 0; j < ldg; j += 2) {
          const t = v128.load(addr(rp, j));
          v128.store(addr(rp, j), v128.load(addr(rc, j)));
          v128.store(addr(rc, j), t);
        }
      }
      product *= best;
      if (product > 1e150 || product < 1e-150) {
        logAbsDet += Math.log(product);
        product = 1;
      }
      const inv = f64x2.splat(1 / load<f64>(addr(rc, c)));
      // Columns left of c in row c are zero; start at the even column at or below c.
      const j0 = c & ~1;
      for (let j = j0; j < ldg; j += 2) v128.store(addr(rc, j), f64x2.mul(inv, v128.load(addr(rc, j))));
      for (let r = 0; r < r2; r++) {
        if (r === c) continue;
        const rr = addr(g, r * ldg);
        const l = load<f64>(addr(rr, c));
        if (l === 0) continue;
        const lv = f64x2.splat(l);
        for (let j = j0; j < ldg; j += 2) {
          const dst = addr(rr, j);
          v128.store(dst, f64x2.sub(v128.load(dst), f64x2.mul(lv, v128.load(addr(rc, j)))));
        }
      }
    }
    const wp = load<f64>(addr(w, p));
    total += wp * (logAbsDet + Math.log(product));
    // L Q = −J′ B and QᵀK, row block by row block.
    for (let kk = 0; kk < m; kk++) {
      for (let a = 0; a < 4; a++) {
        const dst = addr(lq, (4 * kk + a) * r2);
        const j0 = f64x2.splat(-load<f64>(addr(jp, 4 * a))), j1 = f64x2.splat(-load<f64>(addr(jp, 4 * a + 1)));
        const j2 = f64x2.splat(-load<f64>(addr(jp, 4 * a + 2))), j3 = f64x2.splat(-load<f64>(addr(jp, 4 * a + 3)));
        const b0 = addr(b, 4 * kk * r2), b1 = addr(b0, r2), b2 = addr(b1, r2), b3 = addr(b2, r2);
        for (let j = 0; j < r2; j += 2) {
          const o = (<usize>j) << 3;
          let v = f64x2.mul(j0, v128.load(b0 + o));
          v = f64x2.add(v, f64x2.mul(j1, v128.load(b1 + o)));
          v = f64x2.add(v, f64x2.mul(j2, v128.load(b2 + o)));
          v = f64x2.add(v, f64x2.mul(j3, v128.load(b3 + o)));
          v128.store(dst + o, v);
        }
      }
      const qq = addr(q, 8 * kk);
      for (let c = 0; c < 2; c++) {
        const qc = addr(qq, c);
        const q0 = f64x2.splat(load<f64>(qc)), q1 = f64x2.splat(load<f64>(qc, 16));
        const q2 = f64x2.splat(load<f64>(qc, 32)), q3 = f64x2.splat(load<f64>(qc, 48));
        const k0 = addr(kp, 4 * kk * n), k1 = addr(k0, n), k2 = addr(k1, n), k3 = addr(k2, n);
        const dst = addr(qk, (2 * kk + c) * n);
        for (let col = 0; col < n; col += 2) {
          const o = (<usize>col) << 3;
          let v = f64x2.mul(q0, v128.load(k0 + o));
          v = f64x2.add(v, f64x2.mul(q1, v128.load(k1 + o)));
          v = f64x2.add(v, f64x2.mul(q2, v128.load(k2 + o)));
          v = f64x2.add(v, f64x2.mul(q3, v128.load(k3 + o)));
          v128.store(dst + o, v);
        }
      }
    }
    // Per node: (ZQ)_k[a][c] = Σ_j LQ[4k + a][j] λ_(j)/λ_k M⁻¹[j][2k + c]; X = (M⁻¹ QᵀK)_kk, QᵀZ = (X row 1, −X row 0).
    for (let kk = 0; kk < m; kk++) {
      const o = addr(out, 16 * kk);
      const scale = wp / load<f64>(addr(lam, kk));
      for (let a = 0; a < 4; a++) {
        const row = addr(lq, (4 * kk + a) * r2);
        let v = f64x2.splat(0);
        for (let j = 0; j < r2; j++) {
          const f = load<f64>(addr(row, j)) * load<f64>(addr(lam, j >> 1));
          v = f64x2.add(v, f64x2.mul(f64x2.splat(f), v128.load(addr(g, j * ldg + r2 + 2 * kk))));
        }
        const dst = addr(o, 2 * a);
        v128.store(dst, f64x2.add(v128.load(dst), f64x2.mul(f64x2.splat(scale), v)));
      }
      for (let c = 0; c < 2; c++) {
        const row = addr(g, (2 * kk + c) * ldg + r2);
        let v0 = f64x2.splat(0), v1 = f64x2.splat(0);
        for (let j = 0; j < r2; j++) {
          const f = f64x2.splat(load<f64>(addr(row, j)));
          const src = addr(qk, j * n + 4 * kk);
          v0 = f64x2.add(v0, f64x2.mul(f, v128.load(src)));
          v1 = f64x2.add(v1, f64x2.mul(f, v128.load(src, 16)));
        }
        // QᵀZ row (1 − c) = ±X row c: row 0 = X row 1, row 1 = −X row 0.
        const sign = f64x2.splat(c === 0 ? -wp : wp);
        const dst = addr(o, 8 + 4 * (1 - c));
        v128.store(dst, f64x2.add(v128.load(dst), f64x2.mul(sign, v0)));
        v128.store(dst + 16, f64x2.add(v128.load(dst + 16), f64x2.mul(sign, v1)));
      }
    }
  }
  return total;
}
