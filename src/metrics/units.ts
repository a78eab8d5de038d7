/** Troy ounces in one metric tonne (1 troy ounce = 31.1034768 g). */
export const TROY_OUNCES_PER_TONNE = 32150.7466;

/**
 * Drops binary floating-point noise from a computed figure (4389.84 / 72.8 = 60.300000000000004
 * becomes 60.3) by keeping 12 significant digits, far beyond the precision of any input figure.
 */
export function tidy(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(12)) : x;
}

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
