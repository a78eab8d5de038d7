/** Troy ounces in one metric tonne (1 troy ounce = 31.1034768 g). */
export const TROY_OUNCES_PER_TONNE = 32150.7466;

/**
 * Drops binary floating-point noise from a computed figure (4389.84 / 72.8 = 60.300000000000004
 * becomes 60.3) by keeping 12 significant digits, far beyond the precision of any input figure.
 */
export function tidy(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  // Rounding with integer arithmetic at a power of ten: Number(x.toPrecision(12)) without building a
  // string per figure (which showed in profiles of long lists); they differ only on exact ties in
  // the twelfth digit.
  const magnitude = Math.abs(x);
  const digitsLeft = 11 - Math.floor(Math.log10(magnitude));
  let rounded: number;
  if (digitsLeft >= 0 && digitsLeft <= 22) {
    const scale = POWERS_OF_TEN[digitsLeft];
    rounded = Math.round(magnitude * scale) / scale;
  } else if (digitsLeft < 0 && digitsLeft >= -22) {
    const scale = POWERS_OF_TEN[-digitsLeft];
    rounded = Math.round(magnitude / scale) * scale;
  } else {
    return Number(x.toPrecision(12));
  }
  return x < 0 ? -rounded : rounded;
}

/** 10^0 .. 10^22: every one exactly representable as a double. */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

/** Tonnes converted to troy ounces. */
export function troyOunces(tonnes: number): number {
  return tidy(tonnes * TROY_OUNCES_PER_TONNE);
}

/**
 * Average price in USD per troy ounce of a flow worth `valueUsd` weighing `tonnes`.
 * Null when either figure is missing or the tonnes are zero.
 */
export function unitPriceUsdPerOz(valueUsd: number | null | undefined, tonnes: number | null | undefined): number | null {
  if (valueUsd == null || tonnes == null || tonnes === 0) return null;
  return tidy(valueUsd / (tonnes * TROY_OUNCES_PER_TONNE));
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
      return tidy(tonnes * 1000);
    case 'TROY_OUNCES':
      return tidy(tonnes * TROY_OUNCES_PER_TONNE);
    case 'MILLION_TROY_OUNCES':
      return tidy((tonnes * TROY_OUNCES_PER_TONNE) / 1e6);
  }
}

/** A price in USD per troy ounce in another price unit. */
export function priceIn(usdPerOz: number, unit: PriceUnit): number {
  switch (unit) {
    case 'USD_PER_TROY_OUNCE':
      return usdPerOz;
    case 'USD_PER_GRAM':
      return tidy(usdPerOz / GRAMS_PER_TROY_OUNCE);
    case 'USD_PER_KILOGRAM':
      return tidy((usdPerOz * 1000) / GRAMS_PER_TROY_OUNCE);
  }
}
