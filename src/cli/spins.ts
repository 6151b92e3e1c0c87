/**
 * `rkky spins minimize|montecarlo|meanfield|export`: classical spin models built from a couplings
 * table (`rkky couplings --json`), a spin-model file, or a built-in model (simple-cubic
 * Heisenberg, dilute RKKY spin glass). Numerics live in src/spins; this file only parses
 * options, builds the model and formats the output.
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { InputError } from '../errors.js';
import {
  type GroundState,
  type MonteCarloResult,
  Rng,
  type SpinModel,
  type Vec3,
  chainPositions,
  cubicHeisenberg,
  curieWeissTheta,
  findGroundState,
  meanFieldMagnetization,
  meanFieldTc,
  neighbourAngles,
  parseCouplingsTable,
  randomSpinGlass,
  runMonteCarlo,
  spinConfigurationSvg,
  spinModelFromCouplings,
  spinModelFromFile,
  spinModelToFile,
  toSpirit,
  toVampireUcf,
} from '../spins/index.js';
import { rkkyExchange } from '../continuum/index.js';
import { lineChartSvg } from '../plot/index.js';
import { resolveModelArgument } from './examples.js';
import { action, parseNumber, parseRange } from './action.js';
import { writeFigureFile, writeOutputFileSync } from './io.js';
import { checkFinite } from './finite.js';
import { withDefaultSignals } from './signals.js';
import { parseJsonStrict } from '../model/jsonText.js';
import { readInputText } from '../model/load.js';
import { type OutputOptions, type Row, addOutputOptions, formatRows, outputFormat, writeRows } from './output.js';
import { progressBar } from './progress.js';

type Opts = Record<string, string | boolean | undefined>;

const CONVENTION = 'E = Σ_{i<j} [S_iᵀ η_ij S_j + K_ij (S_i·S_j)²] + Σ_i [b_i·S_i − A_i (n_i·S_i)²] − h·Σ_i S_i (units of t, |S_i| = 1)';

function readJson(path: string, what: string): unknown {
  return parseJsonStrict(readInputText(resolveModelArgument(path), what), path);
}

function parseInteger(name: string, value: string, min = 1): number {
  const n = parseNumber(name, value);
  if (!Number.isInteger(n) || n < min) throw new InputError(name, `expected an integer ≥ ${min}, got '${value}'`);
  return n;
}

function parseVec3(name: string, value: string): Vec3 {
  const parts = value.split(',');
  if (parts.length !== 3) throw new InputError(name, `expected three comma-separated numbers hx,hy,hz, got '${value}'`);
  return parts.map((p) => parseNumber(name, p)) as Vec3;
}

function parseAxis(value: string): 0 | 1 | 2 {
  const k = ['x', 'y', 'z'].indexOf(value);
  if (k < 0) throw new InputError('--direction', `expected x, y or z, got '${value}'`);
  return k as 0 | 1 | 2;
}

/** Temperatures from `A:B:STEP` or a comma list. */
export function parseTemperatures(value: string): number[] {
  const list = value.includes(':') ? parseRange('--temperatures', value) : value.split(',').map((v) => parseNumber('--temperatures', v));
  list.forEach((T) => {
    if (!(T > 0)) throw new InputError('--temperatures', `expected positive temperatures, got ${T}`);
  });
  return list;
}

function parsePositions(value: string): Vec3[] {
  const json = existsSync(value) ? readJson(value, 'positions file') : (() => {
    try {
      return JSON.parse(value);
    } catch {
      throw new InputError('--positions', `expected JSON [[x,y,z], ...] or a file, got '${value}'`);
    }
  })();
  if (!Array.isArray(json) || json.length === 0) throw new InputError('--positions', 'expected a non-empty array of [x, y, z]');
  return json.map((r, k) => {
    const v = Array.isArray(r) ? [r[0] ?? 0, r[1] ?? 0, r[2] ?? 0] : [];
    if (!Array.isArray(r) || r.length < 1 || r.length > 3 || !v.every((x) => typeof x === 'number' && Number.isFinite(x)))
      throw new InputError(`--positions[${k}]`, 'expected 1 to 3 numbers');
    return v as Vec3;
  });
}

/** Add the options that choose and build the spin model. */
function modelOptions(cmd: Command): Command {
  return cmd
    .argument('[input]', 'couplings table (JSON from `rkky couplings --json`) or spin-model file (JSON)')
    .option('--chain <n>', 'with a couplings table: n spins in a straight chain')
    .option('--spacing <a>', 'chain spacing in lattice constants', '1')
    .option('--direction <axis>', 'chain axis: x, y or z', 'x')
    .option('--positions <json|file>', 'with a couplings table: spin positions [[x,y,z], ...]')
    .option('--cutoff <R>', 'leave out pairs farther apart than R (default: every pair must be in the table)')
    .option('--no-single-site', "leave out the table's field-like term (μ1 + μ2)/2")
    .option('--field <hx,hy,hz>', 'Zeeman field h (energy −h·ΣS, units of t)')
    .option('--cubic <L>', 'built-in: periodic L×L×L simple-cubic Heisenberg model')
    .option('--exchange <J>', 'its nearest-neighbour J in E = J Σ S_i·S_j (J < 0 ferromagnetic)', '-1')
    .option('--spin-glass <N>', 'built-in: N random impurities coupled by continuum RKKY J(R)')
    .option('--dim <d>', 'spin glass: dimension 1, 2 or 3', '3')
    .option('--box <L>', 'spin glass: periodic box side (same length unit as 1/kF; m = ħ = 1)', '20')
    .option('--placement <where>', 'spin glass: continuum | lattice (unit spacing)', 'continuum')
    .option('--min-distance <d>', 'spin glass: smallest distance between impurities in the continuum', '0')
    .option('--kf <kF>', 'spin glass: Fermi wave number', '1')
    .option('--jsd <Jsd>', 'spin glass: s–d coupling J_sd', '1')
    .option('--model-seed <n>', 'spin glass: seed of the random placement', '1');
}

async function buildModel(input: string | undefined, opts: Opts): Promise<{ model: SpinModel; source: string }> {
  const sources = [input !== undefined, opts.cubic !== undefined, opts.spinGlass !== undefined].filter(Boolean).length;
  if (sources !== 1) throw new InputError('input', 'expected exactly one of: an input file, --cubic L, --spin-glass N');
  const field = opts.field ? parseVec3('--field', String(opts.field)) : undefined;
  if (opts.cubic !== undefined) {
    const L = parseInteger('--cubic', String(opts.cubic), 2);
    if (field) throw new InputError('--field', 'not available with --cubic (use a spin-model file)');
    return { model: cubicHeisenberg([L, L, L], parseNumber('--exchange', String(opts.exchange))), source: `simple-cubic ${L}³ Heisenberg` };
  }
  if (opts.spinGlass !== undefined) {
    const count = parseInteger('--spin-glass', String(opts.spinGlass), 2);
    const dim = parseInteger('--dim', String(opts.dim));
    if (dim > 3) throw new InputError('--dim', `expected 1, 2 or 3, got ${dim}`);
    const placement = String(opts.placement);
    if (placement !== 'continuum' && placement !== 'lattice') throw new InputError('--placement', `expected continuum or lattice, got '${placement}'`);
    const kF = parseNumber('--kf', String(opts.kf));
    const jsd = parseNumber('--jsd', String(opts.jsd));
    const model = randomSpinGlass(
      {
        count,
        dim: dim as 1 | 2 | 3,
        box: parseNumber('--box', String(opts.box)),
        placement,
        cutoff: opts.cutoff !== undefined ? parseNumber('--cutoff', String(opts.cutoff)) : undefined,
        minDistance: parseNumber('--min-distance', String(opts.minDistance)),
      },
      (R) => rkkyExchange(dim as 1 | 2 | 3, kF, R, jsd),
      new Rng(parseInteger('--model-seed', String(opts.modelSeed), 0)),
    );
    return { model, source: `RKKY spin glass: ${count} impurities, d = ${dim}, ${placement}` };
  }
  const json = readJson(input!, 'input file');
  if (json && typeof json === 'object' && 'rows' in json) {
    const table = parseCouplingsTable(json);
    let positions: Vec3[];
    if (opts.chain !== undefined && opts.positions !== undefined) throw new InputError('--positions', 'cannot be combined with --chain');
    if (opts.chain !== undefined)
      positions = chainPositions(parseInteger('--chain', String(opts.chain)), parseNumber('--spacing', String(opts.spacing)), parseAxis(String(opts.direction)));
    else if (opts.positions !== undefined) positions = parsePositions(String(opts.positions));
    else throw new InputError('--chain', 'a couplings table needs the spin positions: --chain N or --positions');
    const model = spinModelFromCouplings(table, positions, {
      cutoff: opts.cutoff !== undefined ? parseNumber('--cutoff', String(opts.cutoff)) : undefined,
      singleSite: opts.singleSite !== false,
      field,
    });
    return { model, source: `${input} (${table.engine ?? 'couplings'} table), ${positions.length} spins` };
  }
  if (json && typeof json === 'object' && 'spins' in json) {
    if (opts.chain !== undefined || opts.positions !== undefined)
      throw new InputError('--chain', 'positions come from the spin-model file; --chain/--positions apply to couplings tables');
    const model = spinModelFromFile(json);
    if (field) throw new InputError('--field', 'set "field" in the spin-model file');
    return { model, source: String(input) };
  }
  throw new InputError(String(input), 'expected a couplings table {"rows": [...]} or a spin-model file {"spins": [...], "pairs": [...]}');
}

function emit(text: string, opts: Opts): void {
  if (opts.out) writeOutputFileSync(String(opts.out), text);
  else process.stdout.write(text);
}

const f6 = (x: number) => (Number.isFinite(x) ? x.toPrecision(6) : String(x));
const vec = (s: Float64Array, i: number): Vec3 => [s[3 * i], s[3 * i + 1], s[3 * i + 2]];

function groundStateJson(model: SpinModel, gs: GroundState, source: string) {
  return {
    convention: CONVENTION,
    source,
    energy: gs.energy,
    energyPerSpin: gs.energy / model.n,
    spins: Array.from({ length: model.n }, (_, i) => vec(gs.spins, i)),
    positions: model.positions ? Array.from({ length: model.n }, (_, i) => vec(model.positions!, i)) : null,
    angles: neighbourAngles(model, gs.spins),
    torque: gs.torque,
    minima: gs.minima,
    starts: gs.starts,
    seed: gs.seed,
  };
}

function groundStateText(model: SpinModel, gs: GroundState, source: string): string {
  const lines = [`# ground state of ${source}`, `# ${CONVENTION}`, `E = ${gs.energy}  (E/N = ${gs.energy / model.n}, torque ${gs.torque.toExponential(1)})`];
  lines.push(`distinct minima from ${gs.starts} starts: ${gs.minima.slice(0, 5).map((m) => `${f6(m.energy)} ×${m.count}`).join(', ')}${gs.minima.length > 5 ? ', …' : ''}`);
  lines.push('spin   position              S_x        S_y        S_z     θ(°)    φ(°)');
  for (let i = 0; i < model.n; i++) {
    const [x, y, z] = vec(gs.spins, i);
    const r = model.position(i);
    const theta = (Math.acos(Math.max(-1, Math.min(1, z))) * 180) / Math.PI, phi = (Math.atan2(y, x) * 180) / Math.PI;
    lines.push(
      `${String(i).padStart(4)}   ${(r ? r.map((c) => String(Number(c.toPrecision(6)))).join(',') : '-').padEnd(20)} ${[x, y, z].map((c) => c.toFixed(6).padStart(10)).join(' ')} ${theta.toFixed(1).padStart(7)} ${(Math.hypot(x, y) < 1e-9 ? '—' : phi.toFixed(1)).padStart(7)}`,
    );
  }
  const angles = neighbourAngles(model, gs.spins);
  if (angles.length) {
    lines.push('neighbour pairs: angle between spins (rotation about D̂ where the pair has DMI)');
    for (const a of angles)
      lines.push(`  ${a.i}–${a.j}: ${a.degrees.toFixed(3)}°${a.aboutDmi !== null ? `  (${a.aboutDmi.toFixed(3)}° about D̂)` : ''}`);
  }
  return lines.join('\n') + '\n';
}

/** One row per temperature: values and jackknife errors. */
function monteCarloRows(result: MonteCarloResult): Row[] {
  return result.points.map((p) => {
    const row: Row = {
      T: p.temperature,
      energy: p.energy.value,
      energy_err: p.energy.error,
      C: p.specificHeat.value,
      C_err: p.specificHeat.error,
      m: p.magnetization.value,
      m_err: p.magnetization.error,
      chi: p.susceptibility.value,
      chi_err: p.susceptibility.error,
      binder: p.binder.value,
      binder_err: p.binder.error,
    };
    if (p.overlap) {
      row.q2 = p.overlap.q2.value;
      row.q2_err = p.overlap.q2.error;
      row.g = p.overlap.binder.value;
      row.g_err = p.overlap.binder.error;
    }
    row.acceptance = p.acceptance;
    if (result.points.length > 1) row.swap = p.swapAcceptance ?? null;
    return row;
  });
}

/** Quantities `--plot-quantity` can draw: row key of the value, of its error, axis label. */
const PLOTTABLE: Record<string, [string, string]> = {
  energy: ['energy', 'E/N'],
  'specific-heat': ['C', 'C per spin'],
  magnetization: ['m', '⟨|m|⟩'],
  susceptibility: ['chi', 'χ per spin'],
  binder: ['binder', 'Binder U'],
  overlap: ['q2', '⟨q²⟩'],
  'overlap-binder': ['g', 'g (spin-glass Binder ratio)'],
};

type TableOpts = Opts & OutputOptions;

/** Text output: comment lines, then the aligned table of rows (or JSON/CSV when asked). */
async function emitRows(rows: Row[], opts: TableOpts, meta: Record<string, unknown>, header: string[]): Promise<void> {
  checkFinite({ rows, meta }, 'result');
  if (outputFormat(opts) === 'table') emit([...header, formatRows(rows, 'table')].join('\n'), opts);
  else await writeRows(rows, opts, meta);
}

/** `rkky spins ...` */
export function registerSpins(program: Command): void {
  const spins = program
    .command('spins')
    .description(`classical spin models from couplings: ground states, Monte Carlo, mean field, export. ${CONVENTION}`);

  modelOptions(spins.command('minimize'))
    .description('ground state: L-BFGS on the product of unit spheres from many random (and annealed) starts')
    .option('--starts <n>', 'random starts', '20')
    .option('--anneal <n>', 'extra simulated-annealing starts', '0')
    .option('--seed <n>', 'PRNG seed', '1')
    .option('--json', 'print the result as JSON')
    .option('--plot <file>', 'draw the spin configuration as arrows (.svg or .png)')
    .option('--plane <plane>', 'projection plane of the plot: xy, xz or yz', 'xy')
    .option('-o, --out <file>', 'write the output to FILE (atomically) instead of stdout')
    .action(
      action(async (input: string | undefined, opts: Opts) => {
        const { model, source } = await buildModel(input, opts);
        const plane = String(opts.plane);
        if (!['xy', 'xz', 'yz'].includes(plane)) throw new InputError('--plane', `expected xy, xz or yz, got '${plane}'`);
        if (opts.plot && !model.positions) throw new InputError('--plot', 'the model has no spin positions to draw');
        const bar = progressBar('minimize');
        let gs: GroundState;
        try {
          gs = await withDefaultSignals(() => findGroundState(model, {
            starts: parseInteger('--starts', String(opts.starts), 0),
            annealStarts: parseInteger('--anneal', String(opts.anneal), 0),
            seed: parseInteger('--seed', String(opts.seed), 0),
            onProgress: bar.update,
          }));
        } finally {
          bar.finish();
        }
        checkFinite(groundStateJson(model, gs, source), 'minimize');
        if (opts.plot) {
          const title = `ground state, E = ${f6(gs.energy)} t`;
          await writeFigureFile(String(opts.plot), spinConfigurationSvg(model.positions!, gs.spins, { plane: plane as 'xy', title }));
        }
        emit(opts.json ? `${JSON.stringify(groundStateJson(model, gs, source))}\n` : groundStateText(model, gs, source), opts);
      }),
    );

  addOutputOptions(modelOptions(spins.command('montecarlo')))
    .description('Metropolis (adaptive cone) + over-relaxation Monte Carlo, optional parallel tempering and replica overlap')
    .requiredOption('--temperatures <A:B:STEP|list>', 'temperatures (units of t), e.g. 0.5:2:0.1 or 1,1.2,1.4')
    .option('--sweeps <n>', 'measurement sweeps', '10000')
    .option('--thermalize <n>', 'thermalization sweeps (default sweeps/4)')
    .option('--overrelax <n>', 'over-relaxation sweeps per Metropolis sweep', '2')
    .option('--tempering', 'parallel tempering between neighbouring temperatures')
    .option('--replicas <n>', '2: two independent replicas and their Edwards–Anderson overlap', '1')
    .option('--bins <n>', 'bins for the jackknife error bars', '20')
    .option('--seed <n>', 'PRNG seed', '1')
    .option('--plot <file>', 'draw one observable against T (.svg or .png)')
    .option('--plot-quantity <q>', `what --plot draws: ${Object.keys(PLOTTABLE).join(', ')}`, 'magnetization')
    .action(
      action(async (input: string | undefined, opts: TableOpts) => {
        const { model, source } = await buildModel(input, opts);
        const replicas = parseInteger('--replicas', String(opts.replicas));
        if (replicas > 2) throw new InputError('--replicas', `expected 1 or 2, got ${replicas}`);
        const quantity = PLOTTABLE[String(opts.plotQuantity)];
        if (!quantity) throw new InputError('--plot-quantity', `expected one of ${Object.keys(PLOTTABLE).join(', ')}, got '${opts.plotQuantity}'`);
        if ((quantity[0] === 'q2' || quantity[0] === 'g') && opts.plot && replicas !== 2)
          throw new InputError('--plot-quantity', 'the overlap needs --replicas 2');
        const bar = progressBar('montecarlo');
        let result: MonteCarloResult;
        try {
          result = await withDefaultSignals(() => runMonteCarlo(model, {
            temperatures: parseTemperatures(String(opts.temperatures)),
            sweeps: parseInteger('--sweeps', String(opts.sweeps)),
            thermalization: opts.thermalize !== undefined ? parseInteger('--thermalize', String(opts.thermalize), 0) : undefined,
            overrelaxation: parseInteger('--overrelax', String(opts.overrelax), 0),
            tempering: Boolean(opts.tempering),
            replicas: replicas as 1 | 2,
            bins: parseInteger('--bins', String(opts.bins), 2),
            seed: parseInteger('--seed', String(opts.seed), 0),
            onProgress: bar.update,
          }));
        } finally {
          bar.finish();
        }
        const rows = monteCarloRows(result);
        if (opts.plot) {
          const [key, label] = quantity;
          // `--cubic` models are in units of their |J|; models from couplings tables in units of t.
          const unit = opts.cubic !== undefined ? '|J|' : 't';
          const errors = rows.map((r) => r[`${key}_err`]).every((e) => typeof e === 'number') ? rows.map((r) => r[`${key}_err`] as number) : undefined;
          const svg = await lineChartSvg({
            title: `Monte Carlo: ${source}${errors ? ' (error bars: ±1σ from binning)' : ''}`,
            xLabel: `T (units of ${unit})`,
            yLabel: key === 'energy' ? `${label} (units of ${unit})` : label,
            series: [{ name: label, x: rows.map((r) => r.T as number), y: rows.map((r) => r[key] as number), errors }],
            points: true,
          });
          await writeFigureFile(String(opts.plot), svg);
        }
        const meta = { source, spins: result.spins, seed: result.seed, seconds: result.seconds, pairTermsPerSecond: result.pairTermsPerSecond };
        await emitRows(rows, opts, meta, [
          `# Monte Carlo of ${source}: N = ${result.spins}, seed ${result.seed}, ${result.seconds.toFixed(1)} s, ${(result.pairTermsPerSecond / 1e6).toFixed(1)} M pair terms/s`,
        ]);
      }),
    );

  addOutputOptions(modelOptions(spins.command('meanfield')))
    .description('mean field: T_c = f·λ_max(−𝕁), Curie–Weiss θ, and M(T) (f = 1/3 classical, (S+1)/(3S) for spin S)')
    .option('--spin <S>', 'treat the unit vectors as quantum spins of length S (Brillouin instead of Langevin)')
    .option('--temperatures <A:B:STEP|list>', 'also solve the self-consistency m_i = −B(β|g_i|)ĝ_i at these temperatures')
    .option('--plot <file>', 'draw M(T) (.svg or .png; needs --temperatures)')
    .action(
      action(async (input: string | undefined, opts: TableOpts) => {
        const { model, source } = await buildModel(input, opts);
        const spin = opts.spin !== undefined ? parseNumber('--spin', String(opts.spin)) : undefined;
        const { tc, cw } = await withDefaultSignals(() => ({ tc: meanFieldTc(model, { spin }), cw: curieWeissTheta(model, { spin }) }));
        const temps = opts.temperatures !== undefined ? parseTemperatures(String(opts.temperatures)) : null;
        if ((opts.csv || opts.plot) && !temps) throw new InputError(opts.csv ? '--csv' : '--plot', 'needs --temperatures');
        const rows: Row[] = (temps ? await withDefaultSignals(() => meanFieldMagnetization(model, temps, { spin })) : []).map((p) => ({
          T: p.temperature,
          order: p.order,
          magnetization: p.magnetization,
          converged: p.converged,
        }));
        if (opts.plot) {
          const x = rows.map((r) => r.T as number);
          const svg = await lineChartSvg({
            title: `mean field: ${source}`,
            xLabel: 'T (units of t)',
            yLabel: 'order parameter',
            series: [
              { name: '√⟨|m_i|²⟩', x, y: rows.map((r) => r.order as number) },
              { name: '|Σ m_i|/N', x, y: rows.map((r) => r.magnetization as number) },
            ],
          });
          await writeFigureFile(String(opts.plot), svg);
        }
        const meta = { source, spin: spin ?? 'classical', factor: tc.factor, tc: tc.tc, eigenvalue: tc.eigenvalue, theta: cw.theta, thetaAxes: cw.thetaAxes, curieConstant: cw.curieConstant };
        const header = [
          `# mean field of ${source} (${spin === undefined ? 'classical unit spins, f = 1/3' : `spin S = ${spin}, f = (S+1)/(3S) = ${f6(tc.factor)}`})`,
          `T_c = f·λ_max(−𝕁) = ${f6(tc.tc)}   (λ_max = ${f6(tc.eigenvalue)})`,
          `θ_CW = ${f6(cw.theta)}   (field along x, y, z: ${cw.thetaAxes.map(f6).join(', ')})   C = ${f6(cw.curieConstant)} per spin`,
        ];
        checkFinite(meta, 'meanfield');
        if (outputFormat(opts) === 'table' && rows.length === 0) emit(`${header.join('\n')}\n`, opts);
        else await emitRows(rows, opts, meta, header);
      }),
    );

  modelOptions(spins.command('export'))
    .description('write the spin model for another code: Spirit input (J, D), Vampire .ucf (full tensor), or an rkky spin-model file')
    .requiredOption('--format <format>', 'spirit | vampire | rkky')
    .option('--t-mev <t>', 'the energy unit t in meV', '1')
    .option('--lattice-constant <a>', 'the lattice constant in Å', '1')
    .option('-o, --out <file>', 'write to FILE (atomically) instead of stdout')
    .action(
      action(async (input: string | undefined, opts: Opts) => {
        const { model } = await buildModel(input, opts);
        const format = String(opts.format);
        const options = { tMeV: parseNumber('--t-mev', String(opts.tMev)), latticeConstant: parseNumber('--lattice-constant', String(opts.latticeConstant)) };
        let result: { text: string; notes: string[] };
        if (format === 'spirit') result = toSpirit(model, options);
        else if (format === 'vampire') result = toVampireUcf(model, options);
        else if (format === 'rkky') result = { text: `${JSON.stringify(spinModelToFile(model), null, 1)}\n`, notes: [] };
        else throw new InputError('--format', `expected spirit, vampire or rkky, got '${format}'`);
        for (const note of result.notes) process.stderr.write(`rkky: note: ${note}\n`);
        emit(result.text, opts);
      }),
    );
}
