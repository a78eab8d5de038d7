/** Troy ounces in one metric tonne (1 troy ounce = 31.1034768 g). */
export const TROY_OUNCES_PER_TONNE = 32150.7466;

/**
 * A number rounded to `digits` significant digits (4389.84 / 72.8 = 60.300000000000004 becomes
 * 60.3 at 12): drops binary floating-point noise from a computed figure.
 */
export function tidy(x: number, digits = 12): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  // Rounding with integer arithmetic at a power of ten: Number(x.toPrecision(12)) without building a
  // string per figure (which showed in profiles of long lists); they differ only on exact ties in
  // the last digit kept.
  const magnitude = Math.abs(x);
  const digitsLeft = digits - 1 - Math.floor(Math.log10(magnitude));
  let rounded: number;
  if (digitsLeft >= 0 && digitsLeft <= 22) {
    const scale = POWERS_OF_TEN[digitsLeft];
    rounded = Math.round(magnitude * scale) / scale;
  } else if (digitsLeft < 0 && digitsLeft >= -22) {
    const scale = POWERS_OF_TEN[-digitsLeft];
    rounded = Math.round(magnitude / scale) * scale;
  } else {
    return Number(x.toPrecision(digits));
  }
  return x < 0 ? -rounded : rounded;
}

/** 10^0 .. 10^22: every one exactly representable as a double. */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

/** x rounded half away from zero to `decimals` places (0..22). */
function roundDecimals(x: number, decimals: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const magnitude = Math.abs(x);
  const scale = POWERS_OF_TEN[decimals];
  const scaled = magnitude * scale;
  // Beyond 2^52 the scaled value has no fraction left to round: the double already is the figure.
  const rounded = scaled < 4.5e15 ? Math.round(scaled) / scale : Number(magnitude.toFixed(decimals));
  return x < 0 ? -rounded : rounded;
}

/**
 * The kinds of computed figure, each with one rounding rule (docs/domain.md "Exact figures"):
 * - LEVEL: an amount in a unit (a price, tonnes, USD, their sums, means, differences and
 *   statistics): 6 decimal places;
 * - RATIO: one amount over another (the gold/silver ratio, a share, a change's ratio, years of
 *   reserves, a natural log): 10 significant digits;
 * - PERCENT: a percentage or rate in percent (percent changes, compounded rates): 4 decimal places.
 */
export type FigureKind = 'LEVEL' | 'RATIO' | 'PERCENT';

export const LEVEL_DECIMALS = 6;
export const RATIO_SIGNIFICANT_DIGITS = 10;
export const PERCENT_DECIMALS = 4;

/** A level rounded to LEVEL_DECIMALS places. */
export const roundLevel = (x: number): number => roundDecimals(x, LEVEL_DECIMALS);
/** A ratio rounded to RATIO_SIGNIFICANT_DIGITS significant digits. */
export const roundRatio = (x: number): number => tidy(x, RATIO_SIGNIFICANT_DIGITS);
/** A percentage rounded to PERCENT_DECIMALS places. */
export const roundPercent = (x: number): number => roundDecimals(x, PERCENT_DECIMALS);

/** A figure rounded by its kind's rule. */
export function roundAs(kind: FigureKind, x: number): number {
  return kind === 'LEVEL' ? roundLevel(x) : kind === 'RATIO' ? roundRatio(x) : roundPercent(x);
}

/** Tonnes converted to troy ounces. */
export function troyOunces(tonnes: number): number {
  return roundLevel(tonnes * TROY_OUNCES_PER_TONNE);
}

/**
 * Average price in USD per troy ounce of a flow worth `valueUsd` weighing `tonnes`.
 * Null when either figure is missing or the tonnes are zero.
 */
export function unitPriceUsdPerOz(valueUsd: number | null | undefined, tonnes: number | null | undefined): number | null {
  if (valueUsd == null || tonnes == null || tonnes === 0) return null;
  return roundLevel(valueUsd / (tonnes * TROY_OUNCES_PER_TONNE));
}

/** Grams in one troy ounce. */
export const GRAMS_PER_TROY_OUNCE = 31.1034768;

export type MassUnit = 'TONNES' | 'KILOGRAMS' | 'TROY_OUNCES' | 'MILLION_TROY_OUNCES';
export type PriceUnit = 'USD_PER_TROY_OUNCE' | 'USD_PER_GRAM' | 'USD_PER_KILOGRAM';

/** Tonnes in another mass unit (docs/domain.md "Mass and price units"). */
export function massIn(tonnes: number, unit: MassUnit): number {
  switch (unit) {
    case 'TONNES':
      return tonnes;
    case 'KILOGRAMS':
      return roundLevel(tonnes * 1000);
    case 'TROY_OUNCES':
      return roundLevel(tonnes * TROY_OUNCES_PER_TONNE);
    case 'MILLION_TROY_OUNCES':
      return roundLevel((tonnes * TROY_OUNCES_PER_TONNE) / 1e6);
  }
}

/** A price in USD per troy ounce in another price unit. */
export function priceIn(usdPerOz: number, unit: PriceUnit): number {
  switch (unit) {
    case 'USD_PER_TROY_OUNCE':
      return usdPerOz;
    case 'USD_PER_GRAM':
      return roundLevel(usdPerOz / GRAMS_PER_TROY_OUNCE);
    case 'USD_PER_KILOGRAM':
      return roundLevel((usdPerOz * 1000) / GRAMS_PER_TROY_OUNCE);
  }
}
