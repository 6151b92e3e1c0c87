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
  const b = work, mat = addr(work, n * r2);
  let total: f64 = 0;
  for (let p = 0; p < poles; p++) {
    const kp = addr(k, p * n * n);
    // B[r][2l..2l+1] = Σ_d K[r][4l + d] (Q_l[d][0], Q_l[d][1]).
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
    // M[2k + c][2l..2l+1] = δ − 2 λ_l Σ_d Q_k[d][c] B[4k + d][2l..2l+1].
    for (let kk = 0; kk < m; kk++) {
      const qk = addr(q, 8 * kk);
      for (let c = 0; c < 2; c++) {
        const qc = addr(qk, c);
        const q0 = f64x2.splat(load<f64>(qc)), q1 = f64x2.splat(load<f64>(qc, 16));
        const q2 = f64x2.splat(load<f64>(qc, 32)), q3 = f64x2.splat(load<f64>(qc, 48));
        const b0 = addr(b, 4 * kk * r2), b1 = addr(b0, r2), b2 = addr(b1, r2), b3 = addr(b2, r2);
        const row = addr(mat, (2 * kk + c) * r2);
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
    const ld = luLogAbsDet(mat, r2);
    if (isNaN(ld)) return ld;
    total += load<f64>(addr(w, p)) * ld;
  }
  return total;
}

/** ln|det a| of an n×n row-major matrix by right-looking LU with partial pivoting, in place; NaN if singular. */
function luLogAbsDet(a: usize, n: i32): f64 {
  let logAbsDet: f64 = 0;
  let product: f64 = 1;
  for (let c = 0; c < n; c++) {
    let p = c;
    let best = abs<f64>(load<f64>(addr(a, c * n + c)));
    for (let r = c + 1; r < n; r++) {
      const x = abs<f64>(load<f64>(addr(a, r * n + c)));
      if (x > best) {
        best = x;
        p = r;
      }
    }
    if (!(best > 0) || !isFinite(best)) return NaN;
    const rc = addr(a, c * n);
    if (p !== c) {
      const rp = addr(a, p * n);
      for (let j = c; j < n; j++) {
        const t = load<f64>(addr(rp, j));
        store<f64>(addr(rp, j), load<f64>(addr(rc, j)));
        store<f64>(addr(rc, j), t);
      }
    }
    // Keep the running product of |pivots| in range; take one logarithm every few pivots.
    product *= best;
    if (product > 1e150 || product < 1e-150) {
      logAbsDet += Math.log(product);
      product = 1;
    }
    const inv = 1 / load<f64>(addr(rc, c));
    const start = c + 1;
    for (let r = start; r < n; r++) {
      const rr = addr(a, r * n);
      const l = load<f64>(addr(rr, c)) * inv;
      if (l === 0) continue;
      const lv = f64x2.splat(l);
      let j = start;
      for (; j + 1 < n; j += 2) {
        const dst = addr(rr, j);
        v128.store(dst, f64x2.sub(v128.load(dst), f64x2.mul(lv, v128.load(addr(rc, j)))));
      }
      if (j < n) store<f64>(addr(rr, j), load<f64>(addr(rr, j)) - l * load<f64>(addr(rc, j)));
    }
  }
  return logAbsDet + Math.log(product);
}
