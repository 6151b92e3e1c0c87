/**
 * The LDOS of a site by the straightforward spectral sum over all BdG eigenstates,
 * ρ(ω) = Σ_n (η/π) |ψ_n(i,a)|² / ((ω − E_n)² + η²): electron (a = ↑, ↓) and hole
 * (a = 2, 3) parts, the independent reference for the sparse Green's-function LDOS.
 */
export function denseLdos(values: Float64Array, vectors: Float64Array, dim: number, site: number, omega: number, eta: number): { electron: number; hole: number } {
  let electron = 0, hole = 0;
  const amp = (n: number, a: number) => vectors[2 * ((4 * site + a) * dim + n)]! ** 2 + vectors[2 * ((4 * site + a) * dim + n) + 1]! ** 2;
  for (let n = 0; n < dim; n++) {
    const w = eta / Math.PI / ((omega - values[n]!) ** 2 + eta * eta);
    electron += w * (amp(n, 0) + amp(n, 1));
    hole += w * (amp(n, 2) + amp(n, 3));
  }
  return { electron, hole };
}
