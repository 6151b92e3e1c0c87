/**
 * `rkky moments hund|curie|fit`: local moments of dⁿ/fⁿ ions by Hund's rules, Curie–Weiss
 * susceptibilities, and a Curie–Weiss fit of measured χ(T). Numerics live in src/moments.
 * Contract relied on by other tools: `rkky moments hund <ion> --json` prints
 * {"ion", "S", "L", "J", "gJ", "muEff", ...} with μ_eff = g_J √(J(J+1)) in μ_B.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { InputError } from '../errors.js';
import {
  type SusceptibilityUnits,
  curieConstant,
  curieWeiss,
  fitCurieWeiss,
  ionMoment,
  parseSusceptibilityCsv,
} from '../moments/index.js';
import { action, parseNumber, parseRange } from './action.js';
import { writeFileAtomic } from './io.js';

type Opts = Record<string, string | boolean | undefined>;

function parseUnits(value: string): SusceptibilityUnits {
  if (value !== 'cgs' && value !== 'si') throw new InputError('--units', `expected cgs (emu/mol) or si (m³/mol), got '${value}'`);
  return value;
}

function emit(text: string, opts: Opts): void {
  if (opts.output) writeFileAtomic(String(opts.output), text);
  else process.stdout.write(text);
}

const UNIT_LABEL = { cgs: 'emu K/mol', si: 'm³ K/mol' } as const;
const CHI_LABEL = { cgs: 'emu/mol', si: 'm³/mol' } as const;

/** `rkky moments ...` */
export function registerMoments(program: Command): void {
  const moments = program.command('moments').description("local moments: Hund's rules, Curie–Weiss law, fit of measured χ(T)");

  moments
    .command('hund')
    .description("ground term of a dⁿ or fⁿ ion by Hund's rules: S, L, J, g_J, μ_eff = g_J√(J(J+1)) μ_B, Curie constant")
    .argument('<ion>', 'ion such as Fe3+, Co2+, Gd3+, Dy3+, Ce3+')
    .option('--spin-only', 'μ_eff = 2√(S(S+1)) (quenched orbital moment, usual for 3d ions)')
    .option('--units <units>', 'Curie constant units: cgs (emu K/mol) or si (m³ K/mol)', 'cgs')
    .option('--json', 'print {"S", "L", "J", "gJ", "muEff", ...} as JSON')
    .action(
      action((ion: string, opts: Opts) => {
        const units = parseUnits(String(opts.units));
        const m = ionMoment(ion, { spinOnly: Boolean(opts.spinOnly) });
        const C = curieConstant(m.muEff, units);
        if (opts.json) {
          process.stdout.write(`${JSON.stringify({ ...m, curieConstant: C, curieConstantUnits: UNIT_LABEL[units] })}\n`);
          return;
        }
        const g = m.gJ === null ? 'undefined (J = 0)' : m.gJ.toFixed(6);
        process.stdout.write(
          [
            `${m.ion}: ${m.shell}${m.electrons}, ground term ${m.term}`,
            `S = ${m.S}, L = ${m.L}, J = ${m.J}, g_J = ${g}`,
            `μ_eff = ${m.muEff.toFixed(4)} μ_B${m.spinOnly ? ' (spin only)' : ` (spin only: ${m.muEffSpinOnly.toFixed(4)} μ_B)`}, saturation ${m.muSat.toFixed(4)} μ_B`,
            `Curie constant C = ${C.toPrecision(6)} ${UNIT_LABEL[units]}`,
          ].join('\n') + '\n',
        );
      }),
    );

  moments
    .command('curie')
    .description('χ(T) = C/(T − θ) + χ0 with C from an ion (Hund) or a given μ_eff')
    .argument('[ion]', 'ion such as Gd3+ (or give --mu-eff)')
    .option('--mu-eff <μ>', 'effective moment in μ_B instead of an ion')
    .option('--spin-only', 'spin-only μ_eff for the ion')
    .requiredOption('--temperatures <A:B:STEP>', 'temperatures in K, e.g. 2:300:2')
    .option('--theta <θ>', 'Weiss temperature θ in K', '0')
    .option('--chi0 <χ0>', 'temperature-independent background', '0')
    .option('--ions <n>', 'magnetic ions per formula unit', '1')
    .option('--units <units>', 'cgs (emu/mol) or si (m³/mol)', 'cgs')
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV (T, chi, inverse_chi)')
    .option('-o, --output <file>', 'write the output to a file (atomically) instead of stdout')
    .action(
      action((ion: string | undefined, opts: Opts) => {
        if (opts.json && opts.csv) throw new InputError('--csv', 'cannot be combined with --json');
        if ((ion === undefined) === (opts.muEff === undefined)) throw new InputError('ion', 'give either an ion or --mu-eff');
        const units = parseUnits(String(opts.units));
        const muEff = ion !== undefined ? ionMoment(ion, { spinOnly: Boolean(opts.spinOnly) }).muEff : parseNumber('--mu-eff', String(opts.muEff));
        const ions = parseNumber('--ions', String(opts.ions));
        const C = curieConstant(muEff, units, ions);
        const theta = parseNumber('--theta', String(opts.theta));
        const chi0 = parseNumber('--chi0', String(opts.chi0));
        const temps = parseRange('--temperatures', String(opts.temperatures));
        const rows = temps.map((T) => ({ T, chi: curieWeiss(T, C, theta, chi0) }));
        const text = opts.json
          ? `${JSON.stringify({ muEff, C, theta, chi0, units: CHI_LABEL[units], rows })}\n`
          : opts.csv
            ? ['T,chi,inverse_chi', ...rows.map((r) => `${r.T},${r.chi},${1 / r.chi}`)].join('\n') + '\n'
            : [`# χ = C/(T − θ) + χ0: μ_eff = ${muEff.toFixed(4)} μ_B, C = ${C.toPrecision(6)} ${UNIT_LABEL[units]}, θ = ${theta} K, χ0 = ${chi0}`, `#      T  χ (${CHI_LABEL[units]})`, ...rows.map((r) => `${String(r.T).padStart(8)}  ${r.chi.toPrecision(6)}`)].join('\n') + '\n';
        emit(text, opts);
      }),
    );

  moments
    .command('fit')
    .description('fit measured χ(T) (CSV: T, chi[, sigma]) to χ = C/(T − θ) [+ χ0]: θ, C and μ_eff with uncertainties')
    .argument('<data>', 'CSV file: columns T, chi and optionally sigma (a header line may name them)')
    .option('--tmin <T>', 'fit only T ≥ tmin (Curie–Weiss is a high-temperature law)')
    .option('--tmax <T>', 'fit only T ≤ tmax')
    .option('--chi0', 'also fit a temperature-independent χ0')
    .option('--ions <n>', 'magnetic ions per formula unit', '1')
    .option('--units <units>', 'units of chi: cgs (emu/mol) or si (m³/mol)', 'cgs')
    .option('--json', 'print the fit as JSON')
    .option('-o, --output <file>', 'write the output to a file (atomically) instead of stdout')
    .action(
      action((file: string, opts: Opts) => {
        const units = parseUnits(String(opts.units));
        let text: string;
        try {
          text = readFileSync(file, 'utf8');
        } catch (err) {
          throw new InputError(file, `cannot read the data file (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
        }
        const data = parseSusceptibilityCsv(text, file);
        const fit = fitCurieWeiss(data, {
          tMin: opts.tmin !== undefined ? parseNumber('--tmin', String(opts.tmin)) : undefined,
          tMax: opts.tmax !== undefined ? parseNumber('--tmax', String(opts.tmax)) : undefined,
          chi0: Boolean(opts.chi0),
          units,
          ions: parseNumber('--ions', String(opts.ions)),
        });
        const pm = (v: { value: number; error: number }) => `${v.value.toPrecision(6)} ± ${v.error.toPrecision(2)}`;
        emit(
          opts.json
            ? `${JSON.stringify(fit)}\n`
            : [
                `# Curie–Weiss fit of ${file}: ${fit.points} points, ${fit.weighted ? 'weighted by σ' : 'unweighted (errors from the scatter)'}, χ²/dof = ${(fit.chiSquared / fit.dof).toPrecision(3)}`,
                `θ = ${pm(fit.theta)} K`,
                `C = ${pm(fit.C)} ${UNIT_LABEL[units]}`,
                `μ_eff = ${pm(fit.muEff)} μ_B`,
                ...(fit.chi0 ? [`χ0 = ${pm(fit.chi0)} ${CHI_LABEL[units]}`] : []),
              ].join('\n') + '\n',
          opts,
        );
      }),
    );
}
