/**
 * Films and slabs (hosts periodic along some axes, open along the others):
 * Bloch transform along the periodic axes, a block-tridiagonal solve along
 * the open ones, one per (energy, k∥). docs/films.md.
 */
export { filmLayout, filmObstacle, type FilmLayout } from './layout.js';
export { planFilm, type FilmPlan } from './plan.js';
export { filmGreens, forEachK, prepareKept, type FilmKept } from './greens.js';
export { FilmSolver, portablePlan } from './solver.js';
export { filmGreensPool, serialFilmGreens, type FilmWorkerData } from './pool.js';
