/**
 * Local moments (seeds/localized-magnetism.md): Hund's rules for dⁿ and fⁿ ions, Curie and
 * Curie–Weiss laws, and a fit of measured χ(T). Conventions: docs/moments.md.
 */
export { type Ion, type Shell, parseIon } from './ion.js';
export { type HundTerm, type IonMoment, hundsRules, ionMoment } from './hund.js';
export { type SusceptibilityUnits, curieConstant, curieConstantPerMuEff2, curieWeiss, muEffFromCurieConstant } from './curie.js';
export {
  type CurieWeissFit,
  type CurieWeissFitOptions,
  type FitValue,
  type SusceptibilityPoint,
  fitCurieWeiss,
} from './fit.js';
export { parseSusceptibilityCsv } from './data.js';
