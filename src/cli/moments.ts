/**
 * `rkky moments hund|curie|fit`: local moments of dⁿ/fⁿ ions by Hund's rules, Curie–Weiss
 * susceptibilities, and a Curie–Weiss fit of measured χ(T). Numerics live in src/moments.
 * Contract relied on by other tools: `rkky moments hund <ion> --json` prints
 * {"ion", "S", "L", "J", "gJ", "muEff", ...} with μ_eff = g_J √(J(J+1)) in μ_B.
 */
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
import { lineChartSvg } from '../plot/index.js';
import { action, parseNumber, parseRange } from './action.js';
import { writeFigureFile, writeOutputFileSync } from './io.js';
import { checkFinite } from './finite.js';
import { readInputText } from '../model/load.js';
import { type OutputOptions, addOutputOptions, formatRows, outputFormat, writeRows } from './output.js';

type Opts = Record<string, string | boolean | undefined>;

function parseUnits(value: string): SusceptibilityUnits {
  if (value !== 'cgs' && value !== 'si') throw new InputError('--units', `expected cgs (emu/mol) or si (m³/mol), got '${value}'`);
  return value;
}

function emit(text: string, opts: Opts): void {
  if (opts.out) writeOutputFileSync(String(opts.out), text);
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
        checkFinite({ ...m, C }, 'hund');
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

  addOutputOptions(
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
      .option('--units <units>', 'cgs (emu/mol) or si (m³/mol)', 'cgs'),
  ).action(
    action(async (ion: string | undefined, opts: Opts & OutputOptions) => {
      if ((ion === undefined) === (opts.muEff === undefined)) throw new InputError('ion', 'give either an ion or --mu-eff');
      const units = parseUnits(String(opts.units));
      const muEff = ion !== undefined ? ionMoment(ion, { spinOnly: Boolean(opts.spinOnly) }).muEff : parseNumber('--mu-eff', String(opts.muEff));
      const ions = parseNumber('--ions', String(opts.ions));
      const C = curieConstant(muEff, units, ions);
      const theta = parseNumber('--theta', String(opts.theta));
      const chi0 = parseNumber('--chi0', String(opts.chi0));
      const rows = parseRange('--temperatures', String(opts.temperatures)).map((T) => {
        const chi = curieWeiss(T, C, theta, chi0);
        return { T, chi, inverse_chi: 1 / chi };
      });
      checkFinite({ rows, C }, 'curie');
      if (outputFormat(opts) === 'table')
        emit(`# χ = C/(T − θ) + χ0: μ_eff = ${muEff.toFixed(4)} μ_B, C = ${C.toPrecision(6)} ${UNIT_LABEL[units]}, θ = ${theta} K, χ0 = ${chi0}; χ in ${CHI_LABEL[units]}\n${formatRows(rows, 'table')}`, opts);
      else await writeRows(rows, opts, { muEff, C, theta, chi0, units: CHI_LABEL[units] });
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
    .option('--plot <file>', 'draw 1/χ against T with the fitted line (.svg or .png)')
    .option('-o, --out <file>', 'write the output to FILE (atomically) instead of stdout')
    .action(
      action(async (file: string, opts: Opts) => {
        const units = parseUnits(String(opts.units));
        const text = readInputText(file, 'data file');
        const data = parseSusceptibilityCsv(text, file);
        const fit = fitCurieWeiss(data, {
          tMin: opts.tmin !== undefined ? parseNumber('--tmin', String(opts.tmin)) : undefined,
          tMax: opts.tmax !== undefined ? parseNumber('--tmax', String(opts.tmax)) : undefined,
          chi0: Boolean(opts.chi0),
          units,
          ions: parseNumber('--ions', String(opts.ions)),
        });
        checkFinite(fit, 'fit');
        if (opts.plot) {
          const used = data.filter((d) => d.T >= fit.range[0] && d.T <= fit.range[1]);
          const excluded = data.filter((d) => !(d.T >= fit.range[0] && d.T <= fit.range[1]));
          const chi0 = fit.chi0?.value ?? 0;
          const svg = await lineChartSvg({
            title: `Curie–Weiss fit: θ = ${fit.theta.value.toPrecision(4)} K, μ_eff = ${fit.muEff.value.toPrecision(4)} μ_B`,
            xLabel: 'T (K)',
            yLabel: `1/χ (${CHI_LABEL[units]})⁻¹`,
            series: [
              { name: 'data (fitted)', x: used.map((d) => d.T), y: used.map((d) => 1 / d.chi), lines: false },
              ...(excluded.length ? [{ name: 'data (outside --tmin/--tmax)', x: excluded.map((d) => d.T), y: excluded.map((d) => 1 / d.chi), lines: false }] : []),
              { name: 'Curie–Weiss fit', x: used.map((d) => d.T), y: used.map((d) => 1 / (fit.C.value / (d.T - fit.theta.value) + chi0)) },
            ],
          });
          await writeFigureFile(String(opts.plot), svg);
        }
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
