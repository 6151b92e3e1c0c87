/**
 * Where two Binder-cumulant curves U_L1(T), U_L2(T) (same temperature grid) cross: the
 * finite-size estimate of T_c (Binder 1981), since U is size-independent at the critical point
 * up to corrections to scaling. The difference is interpolated linearly between the two grid
 * points that bracket its sign change; with several sign changes the one nearest to the middle
 * of the grid is taken. Returns null when the curves do not cross on the grid.
 */
export function binderCrossing(temperatures: number[], u1: number[], u2: number[]): number | null {
  const d = temperatures.map((_, k) => u1[k] - u2[k]);
  const mid = (temperatures[0] + temperatures[temperatures.length - 1]) / 2;
  let best: number | null = null;
  for (let k = 0; k + 1 < d.length; k++) {
    if (d[k] === 0) return temperatures[k];
    if (d[k] * d[k + 1] < 0) {
      const t = temperatures[k] + ((temperatures[k + 1] - temperatures[k]) * d[k]) / (d[k] - d[k + 1]);
      if (best === null || Math.abs(t - mid) < Math.abs(best - mid)) best = t;
    }
  }
  if (best === null && d[d.length - 1] === 0) return temperatures[d.length - 1];
  return best;
}
