/**
 * `rkky continuum …`: the continuum theory from the command line. Units
 * m = ħ = k_B = 1 (v_F = k_F) unless --physical; χ is the static
 * susceptibility of one spin species; J = −2 J_sd² χ for H' = J_sd S·σ.
 * Every subcommand prints a table, --json ({"rows": [...]}) or --csv, can
 * write -o FILE, and --plot FILE.svg|png draws its main curve.
 */
import type { Command } from 'commander';
import { InputError } from '../errors.js';
import {
  doniachComparison,
  friedelDensity,
  grapheneSusceptibility,
  honeycombDisplacement,
  honeycombLatticeSusceptibility,
  interlayerCoupling,
  interlayerPeriod,
  interlayerSusceptibility,
  lindhard,
  physicalRkky,
  squareLatticeSusceptibility,
  susceptibility,
  susceptibilityZeroT,
  type Dimension,
  type LengthUnit,
  type SublatticePair,
} from '../continuum/index.js';
import { lineChartSvg, type Series } from '../plot/index.js';
import { writeFigureFile } from './io.js';
import { action, parseNumber, parseRange } from './action.js';
import { addOutputOptions, writeRows, type OutputOptions, type Row } from './output.js';
import { progressBar } from './progress.js';

function parseDim(value: string): Dimension {
  const d = parseNumber('--dim', value);
  if (d !== 1 && d !== 2 && d !== 3) throw new InputError('--dim', `expected 1, 2 or 3, got '${value}'`);
  return d;
}

function parsePositive(name: string, value: string): number {
  const x = parseNumber(name, value);
  if (!(x > 0)) throw new InputError(name, `expected a positive number, got '${value}'`);
  return x;
}

function parseNonNegative(name: string, value: string): number {
  const x = parseNumber(name, value);
  if (!(x >= 0)) throw new InputError(name, `expected a number >= 0, got '${value}'`);
  return x;
}

/** A range of distances: A:B:STEP with A > 0. */
function parseDistances(name: string, value: string, integer = false): number[] {
  const r = parseRange(name, value, integer);
  if (!(r[0]! > 0)) throw new InputError(name, `expected positive distances, got '${value}'`);
  return r;
}

function optional<T>(value: string | undefined, parse: (v: string) => T): T | undefined {
  return value === undefined ? undefined : parse(value);
}

interface PlotOptions extends OutputOptions {
  plot?: string;
}

async function emit(rows: Row[], opts: PlotOptions, meta: Record<string, unknown>, plot?: () => { series: Series[]; xLabel: string; yLabel: string; title: string; logY?: boolean }): Promise<void> {
  if (opts.plot && plot) {
    const p = plot();
    await writeFigureFile(opts.plot, await lineChartSvg({ title: p.title, xLabel: p.xLabel, yLabel: p.yLabel, series: p.series, logY: p.logY }));
  }
  // With --plot alone the figure is the output; a table still goes to stdout unless -o is given.
  await writeRows(rows, opts, meta);
}

function withPlot(cmd: Command): Command {
  return addOutputOptions(cmd).option('--plot <file>', 'also draw the curve to FILE.svg or FILE.png');
}

const column = (rows: Row[], key: string): number[] => rows.map((r) => r[key] as number);

export function registerContinuum(program: Command): void {
  const continuum = program
    .command('continuum')
    .description('continuum theory: Lindhard response, RKKY J(R) in 1D/2D/3D, damping, graphene, Kondo scale, interlayer coupling');

  withPlot(
    continuum
      .command('lindhard')
      .description('static Lindhard susceptibility χ_σ(q) per spin of the free electron gas (m = ħ = 1)')
      .requiredOption('--dim <d>', 'dimension 1, 2 or 3')
      .requiredOption('--kf <k>', 'Fermi wavevector k_F')
      .requiredOption('--q <A:B:STEP>', 'wavevectors')
      .option('--temperature <T>', 'k_B T at fixed μ = k_F²/2 (default 0)'),
  ).action(
    action(async (o: { dim: string; kf: string; q: string; temperature?: string } & PlotOptions) => {
      const dim = parseDim(o.dim);
      const kF = parsePositive('--kf', o.kf);
      const qs = parseRange('--q', o.q);
      if (qs[0]! < 0) throw new InputError('--q', `expected q >= 0, got '${o.q}'`);
      const T = optional(o.temperature, (v) => parseNonNegative('--temperature', v)) ?? 0;
      const rows = qs.map((q) => ({ q, chi: lindhard(dim, kF, q, { temperature: T }) }));
      await emit(rows, o, {}, () => ({
        series: [{ name: `d = ${dim}`, x: column(rows, 'q'), y: column(rows, 'chi') }],
        xLabel: 'q',
        yLabel: 'χσ(q)',
        title: `Lindhard susceptibility, d = ${dim}, kF = ${kF}${T ? `, T = ${T}` : ''}`,
      }));
    }),
  );

  withPlot(
    continuum
      .command('range')
      .description('real-space susceptibility χ_σ(R) and RKKY coupling J(R) = −2 J_sd² χ_σ(R)')
      .requiredOption('--dim <d>', 'dimension 1, 2 or 3')
      .option('--kf <k>', 'Fermi wavevector k_F (1/Å with --physical)')
      .requiredOption('--r <A:B:STEP>', 'distances R > 0 (Å or nm with --physical)')
      .option('--temperature <T>', 'k_B T (kelvin with --physical); exact finite-T result')
      .option('--mean-free-path <L>', 'elastic mean free path ℓ: factor e^{−R/ℓ}')
      .option('--dispersion-power <Z>', 'dispersion ε ∝ k^Z, 1 <= Z <= 3 (default 2)')
      .option('--coupling <J>', 'contact coupling J_sd (eV·Å^d with --physical; default 1)')
      .option('--physical', 'physical units: --kf in 1/Å (or --density), R and ℓ in Å, T in K, J in eV')
      .option('--mass <m>', 'effective mass m*/m_e with --physical (default 1)')
      .option('--density <n>', 'carrier density (both spins) in Å^-d, instead of --kf, with --physical')
      .option('--length-unit <u>', 'angstrom or nm, with --physical (default angstrom)')
      .option('--scale <scale>', '--plot: linear, or log (|J| on a log axis)', 'linear')
      .option('--envelope', '--plot: draw |J|·R^d (flat where J falls as the d-dimensional law)'),
  ).action(
    action(
      async (
        o: {
          dim: string;
          kf?: string;
          r: string;
          temperature?: string;
          meanFreePath?: string;
          dispersionPower?: string;
          coupling?: string;
          physical?: boolean;
          mass?: string;
          density?: string;
          lengthUnit?: string;
          scale?: string;
          envelope?: boolean;
        } & PlotOptions,
      ) => {
        const dim = parseDim(o.dim);
        const Rs = parseDistances('--r', o.r);
        if (o.scale !== undefined && o.scale !== 'linear' && o.scale !== 'log') throw new InputError('--scale', `expected linear or log, got '${o.scale}'`);
        const T = optional(o.temperature, (v) => parseNonNegative('--temperature', v)) ?? 0;
        const ell = optional(o.meanFreePath, (v) => parsePositive('--mean-free-path', v)) ?? Infinity;
        const z = optional(o.dispersionPower, (v) => parseNumber('--dispersion-power', v)) ?? 2;
        if (!(z >= 1 && z <= 3)) throw new InputError('--dispersion-power', `expected a number in [1, 3], got '${o.dispersionPower}'`);
        const coupling = optional(o.coupling, (v) => parseNumber('--coupling', v)) ?? 1;
        let rows: Row[];
        let meta: Record<string, unknown> = {};
        let lengthLabel = 'R';
        if (o.physical) {
          if (z !== 2) throw new InputError('--dispersion-power', 'only the free-electron dispersion (2) with --physical');
          const unit = (o.lengthUnit ?? 'angstrom') as LengthUnit;
          if (unit !== 'angstrom' && unit !== 'nm') throw new InputError('--length-unit', `expected angstrom or nm, got '${o.lengthUnit}'`);
          if (o.kf === undefined && o.density === undefined) throw new InputError('--kf', 'expected --kf or --density with --physical');
          const host = {
            dim,
            effectiveMass: optional(o.mass, (v) => parsePositive('--mass', v)) ?? 1,
            kF: optional(o.kf, (v) => parsePositive('--kf', v)),
            density: optional(o.density, (v) => parsePositive('--density', v)),
            coupling,
            temperatureK: T,
            meanFreePath: ell,
            lengthUnit: unit,
          };
          const u = unit === 'nm' ? 'nm' : 'Å';
          lengthLabel = `R (${u})`;
          rows = Rs.map((R) => ({ R, ...physicalRkky(host, R) }));
          meta = { units: { R: u, chi: `1/(eV ${u}^${2 * dim})`, J: 'eV' } };
        } else {
          if (o.kf === undefined) throw new InputError('--kf', 'expected the Fermi wavevector');
          if (o.density !== undefined || o.mass !== undefined || o.lengthUnit !== undefined)
            throw new InputError('--physical', 'expected --physical with --mass, --density or --length-unit');
          const kF = parsePositive('--kf', o.kf);
          const bar = progressBar('range');
          rows = Rs.map((R, i) => {
            const chi = susceptibility(dim, kF, R, { temperature: T, meanFreePath: ell, dispersionPower: z });
            bar.update(i + 1, Rs.length);
            return { R, chi, J: -2 * coupling * coupling * chi };
          });
          bar.finish();
        }
        const log = o.scale === 'log';
        const shown = (J: number, R: number) => (o.envelope ? Math.abs(J) * R ** dim : log ? Math.abs(J) : J);
        const unitJ = o.physical ? 'eV' : 'units of J_sd², m = ħ = 1';
        await emit(rows, o, meta, () => ({
          series: [{ name: `d = ${dim}`, x: column(rows, 'R'), y: rows.map((r) => shown(r.J as number, r.R as number)) }],
          xLabel: lengthLabel === 'R' ? 'R (length; k_F in inverse length)' : lengthLabel,
          yLabel: o.envelope ? `|J(R)|·R^${dim} (${unitJ} × length^${dim})` : `${log ? '|J(R)|' : 'J(R)'} (${unitJ}${log ? ', log scale' : ''})`,
          logY: log,
          title: `RKKY coupling, d = ${dim}${o.kf ? `, kF = ${o.kf}` : ''}${T ? `, T = ${T}` : ''}${z !== 2 ? `, z = ${z}` : ''}`,
        }));
      },
    ),
  );

  withPlot(
    continuum
      .command('friedel')
      .description('Friedel oscillations δn(r) = −2 V0 χ_σ(r) around a contact impurity V0 δ(r)')
      .requiredOption('--dim <d>', 'dimension 1, 2 or 3')
      .requiredOption('--kf <k>', 'Fermi wavevector k_F')
      .requiredOption('--r <A:B:STEP>', 'distances r > 0')
      .option('--potential <V0>', 'impurity strength V0 (energy × volume, default 1)')
      .option('--temperature <T>', 'k_B T')
      .option('--mean-free-path <L>', 'mean free path ℓ'),
  ).action(
    action(async (o: { dim: string; kf: string; r: string; potential?: string; temperature?: string; meanFreePath?: string } & PlotOptions) => {
      const dim = parseDim(o.dim);
      const kF = parsePositive('--kf', o.kf);
      const rs = parseDistances('--r', o.r);
      const V0 = optional(o.potential, (v) => parseNumber('--potential', v)) ?? 1;
      const T = optional(o.temperature, (v) => parseNonNegative('--temperature', v)) ?? 0;
      const ell = optional(o.meanFreePath, (v) => parsePositive('--mean-free-path', v)) ?? Infinity;
      const rows = rs.map((r) => ({ r, deltaN: friedelDensity(dim, kF, r, V0, { temperature: T, meanFreePath: ell }) }));
      await emit(rows, o, {}, () => ({
        series: [{ name: `d = ${dim}`, x: column(rows, 'r'), y: column(rows, 'deltaN') }],
        xLabel: 'r',
        yLabel: 'δn(r)',
        title: `Friedel oscillations, d = ${dim}, kF = ${kF}`,
      }));
    }),
  );

  withPlot(
    continuum
      .command('graphene')
      .description('RKKY in graphene from the Dirac theory (C–C distance 1, hopping t), optionally vs the exact tight-binding lattice')
      .option('--pair <p>', 'same (A–A) or opposite (A–B) sublattice', 'same')
      .option('--direction <d>', 'armchair (along x) or zigzag (along y)', 'armchair')
      .option('--n <A:B>', 'cell counts along the direction (integers)', '1:10')
      .option('--mu <mu>', 'chemical potential from the Dirac point, units of t (default 0)')
      .option('--hopping <t>', 'hopping t (default 1)')
      .option('--coupling <J>', 'on-site coupling J of J S·σ (default 1)')
      .option('--lattice', 'also compute the exact honeycomb tight-binding value'),
  ).action(
    action(
      async (
        o: { pair: string; direction: string; n: string; mu?: string; hopping?: string; coupling?: string; lattice?: boolean } & PlotOptions,
      ) => {
        if (o.pair !== 'same' && o.pair !== 'opposite') throw new InputError('--pair', `expected same or opposite, got '${o.pair}'`);
        if (o.direction !== 'armchair' && o.direction !== 'zigzag')
          throw new InputError('--direction', `expected armchair or zigzag, got '${o.direction}'`);
        const pair = o.pair as SublatticePair;
        const ns = parseRange('--n', o.n, true);
        if (ns[0]! < (pair === 'same' ? 1 : 0)) throw new InputError('--n', `expected cell counts >= ${pair === 'same' ? 1 : 0}, got '${o.n}'`);
        const mu = optional(o.mu, (v) => parseNumber('--mu', v)) ?? 0;
        const t = optional(o.hopping, (v) => parsePositive('--hopping', v)) ?? 1;
        const J = optional(o.coupling, (v) => parseNumber('--coupling', v)) ?? 1;
        const cells = ns.map((n): [number, number] =>
          o.direction === 'armchair' ? [n, n] : pair === 'same' ? [n, -n] : [n, -n - 1],
        );
        const lattice = o.lattice ? honeycombLatticeSusceptibility(cells, pair, { chemicalPotential: mu, hopping: t }) : undefined;
        const rows: Row[] = cells.map((c, i) => {
          const Rv = honeycombDisplacement(c, pair);
          const chi = grapheneSusceptibility(Rv, pair, { chemicalPotential: mu, hopping: t });
          const row: Row = { n: ns[i]!, R: Math.hypot(Rv[0], Rv[1]), chi, J: -2 * J * J * chi };
          if (lattice) {
            row.chiLattice = lattice[i]!;
            row.JLattice = -2 * J * J * lattice[i]!;
          }
          return row;
        });
        await emit(rows, o, {}, () => {
          const series: Series[] = [{ name: 'Dirac theory', x: column(rows, 'R'), y: column(rows, 'J') }];
          if (lattice) series.push({ name: 'tight binding', x: column(rows, 'R'), y: column(rows, 'JLattice') });
          return { series, xLabel: 'R (C–C distances)', yLabel: 'J(R) (units of t)', title: `Graphene, ${pair} sublattice, ${o.direction}, μ = ${mu}` };
        });
      },
    ),
  );

  withPlot(
    continuum
      .command('square-lattice')
      .description('exact square-lattice χ(R) near the band bottom vs the 2D continuum with m* = 1/(2t)')
      .requiredOption('--fermi-energy <e>', 'ε_F above the band bottom (μ = −4t + ε_F)')
      .option('--r <A:B>', 'integer distances along x', '1:20')
      .option('--hopping <t>', 'hopping t (default 1)'),
  ).action(
    action(async (o: { fermiEnergy: string; r: string; hopping?: string } & PlotOptions) => {
      const t = optional(o.hopping, (v) => parsePositive('--hopping', v)) ?? 1;
      const eF = parsePositive('--fermi-energy', o.fermiEnergy);
      if (eF >= 8 * t) throw new InputError('--fermi-energy', `expected a value below the bandwidth 8t, got '${o.fermiEnergy}'`);
      const Rs = parseDistances('--r', o.r, true);
      const mass = 1 / (2 * t);
      const kF = Math.sqrt(2 * mass * eF);
      const lat = squareLatticeSusceptibility(
        Rs.map((R): [number, number] => [R, 0]),
        { chemicalPotential: -4 * t + eF, hopping: t },
      );
      const rows = Rs.map((R, i) => ({ R, chiLattice: lat[i]!, chiContinuum: mass * susceptibilityZeroT(2, kF, R) }));
      await emit(rows, o, { effectiveMass: mass, kF }, () => ({
        series: [
          { name: 'square lattice', x: column(rows, 'R'), y: column(rows, 'chiLattice') },
          { name: 'continuum', x: column(rows, 'R'), y: column(rows, 'chiContinuum') },
        ],
        xLabel: 'R (lattice constants)',
        yLabel: 'χσ(R)',
        title: `Square lattice vs 2D continuum, εF = ${eF}`,
      }));
    }),
  );

  withPlot(
    continuum
      .command('doniach')
      .description('Kondo temperature vs |J_RKKY(R)|: which wins at which R (free-electron host)')
      .requiredOption('--dim <d>', 'dimension 1, 2 or 3')
      .requiredOption('--kf <k>', 'Fermi wavevector k_F')
      .requiredOption('--coupling <J>', 'contact coupling J_sd (> 0 antiferromagnetic)')
      .requiredOption('--r <A:B:STEP>', 'distances')
      .option('--bandwidth <D>', 'band half-width D for T_K (default ε_F)'),
  ).action(
    action(async (o: { dim: string; kf: string; coupling: string; r: string; bandwidth?: string } & PlotOptions) => {
      const dim = parseDim(o.dim);
      const kF = parsePositive('--kf', o.kf);
      const J = parseNumber('--coupling', o.coupling);
      const Rs = parseDistances('--r', o.r);
      const D = optional(o.bandwidth, (v) => parsePositive('--bandwidth', v));
      const res = doniachComparison(dim, kF, J, Rs, D);
      const rows = res.rows.map((r) => ({ R: r.R, J: r.J, absJ: Math.abs(r.J), TK: r.kondoTemperature, winner: r.winner }));
      await emit(rows, o, { kondoTemperature: res.kondoTemperature, crossoverDistance: res.crossoverDistance }, () => ({
        series: [
          { name: '|J_RKKY(R)|', x: column(rows, 'R'), y: column(rows, 'absJ') },
          { name: 'k_B T_K', x: column(rows, 'R'), y: column(rows, 'TK') },
        ],
        xLabel: 'R',
        yLabel: 'energy',
        title: `Doniach comparison, d = ${dim}, kF = ${kF}, J = ${J}`,
      }));
    }),
  );

  withPlot(
    continuum
      .command('interlayer')
      .description('interlayer exchange coupling across a free-electron spacer of thickness L (period π/k_F, 1/L²)')
      .requiredOption('--kf <k>', 'Fermi wavevector of the spacer')
      .requiredOption('--l <A:B:STEP>', 'spacer thicknesses L > 0')
      .option('--coupling <J>', 'contact coupling J_sd (default 1)')
      .option('--areal-density <n>', 'moments per area in each layer (default 1)'),
  ).action(
    action(async (o: { kf: string; l: string; coupling?: string; arealDensity?: string } & PlotOptions) => {
      const kF = parsePositive('--kf', o.kf);
      const Ls = parseDistances('--l', o.l);
      const J = optional(o.coupling, (v) => parseNumber('--coupling', v)) ?? 1;
      const n = optional(o.arealDensity, (v) => parsePositive('--areal-density', v)) ?? 1;
      const rows = Ls.map((L) => ({ L, chi: interlayerSusceptibility(kF, L), J: interlayerCoupling(kF, L, { coupling: J, arealDensity: n }) }));
      await emit(rows, o, { period: interlayerPeriod(2 * kF) }, () => ({
        series: [{ name: 'J_IEC', x: column(rows, 'L'), y: column(rows, 'J') }],
        xLabel: 'L',
        yLabel: 'J_IEC(L) per area',
        title: `Interlayer exchange coupling, kF = ${kF}`,
      }));
    }),
  );
}
