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

/**
 * Unit price of several flows together: the sum of their values over the sum of their tonnes
 * (a weighted average; never the average of the individual unit prices). Only flows that have
 * both figures count. Null when no flow has both, or their tonnes sum to zero.
 */
export function aggregateUnitPriceUsdPerOz(
  flows: ReadonlyArray<{ valueUsd: number | null | undefined; tonnes: number | null | undefined }>,
): number | null {
  let value = 0;
  let tonnes = 0;
  let any = false;
  for (const f of flows) {
    if (f.valueUsd == null || f.tonnes == null) continue;
    value += f.valueUsd;
    tonnes += f.tonnes;
    any = true;
  }
  return any ? unitPriceUsdPerOz(value, tonnes) : null;
}
