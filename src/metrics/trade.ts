// A reporter's export total for one metal and period, and the summary built on it
// (docs/domain.md, ExportFlow.share and Country.exportSummary).
import { share } from './series.js';
import { roundLevel, unitPriceUsdPerOz } from './units.js';

/** What a flow's partner is: WLD (the reporter's total), a single country, or another aggregate. */
export type PartnerKind = 'WORLD' | 'COUNTRY' | 'AGGREGATE';

/** Which denominator a total (and so a share) used. */
export type ShareBasis = 'REPORTER_WORLD_TOTAL' | 'SUM_OF_PARTNERS';

/** One flow of a reporter's period, with what the total needs. */
export interface PartnerFlow {
  partner: PartnerKind;
  tonnes: number | null;
  valueUsd: number | null;
  isEstimate: boolean;
  sourceId: number | null;
}

export interface ExportTotal<F extends PartnerFlow = PartnerFlow> {
  /** Null when no flow has tonnes. */
  tonnes: number | null;
  /** Null when the basis has no value (on SUM_OF_PARTNERS: when any single-country flow lacks one). */
  valueUsd: number | null;
  /** Null when no flow gives either figure. */
  basis: ShareBasis | null;
  /** The flows the total and the named partners' share rest on. */
  used: F[];
}

const sumOf = (xs: Array<number | null>): number | null => {
  const present = xs.filter((x): x is number => x != null);
  return present.length === 0 ? null : roundLevel(present.reduce((a, b) => a + b, 0));
};

/**
 * A reporter's total for a period: its WLD-partner row when that has tonnes, else the sum of its
 * rows for single countries (aggregates other than WLD overlap them, so they are left out). The
 * value comes from the same basis as the tonnes, so that value / tonnes is a price. With no tonnes
 * anywhere the WLD row's value, else the single countries', is the total.
 */
export function exportTotal<F extends PartnerFlow>(flows: ReadonlyArray<F>): ExportTotal<F> {
  const world = flows.find((f) => f.partner === 'WORLD');
  const named = flows.filter((f) => f.partner === 'COUNTRY');
  const namedTonnes = sumOf(named.map((f) => f.tonnes));
  // A partial sum of values would understate the value against the tonnes: all or nothing.
  const namedValue = named.length > 0 && named.every((f) => f.valueUsd != null) ? sumOf(named.map((f) => f.valueUsd)) : null;
  if (world && (world.tonnes != null || (namedTonnes == null && world.valueUsd != null))) {
    return { tonnes: world.tonnes, valueUsd: world.valueUsd, basis: 'REPORTER_WORLD_TOTAL', used: [world, ...named] };
  }
  if (namedTonnes != null || namedValue != null) return { tonnes: namedTonnes, valueUsd: namedValue, basis: 'SUM_OF_PARTNERS', used: named };
  return { tonnes: null, valueUsd: null, basis: null, used: [] };
}

/** A reporter's exports of a metal over a period, summed up. */
export interface ExportSummary {
  totalTonnes: number | null;
  totalValueUsd: number | null;
  /** totalValueUsd / (totalTonnes x 32,150.7466): the totals' ratio, never an average of the flows' prices. */
  unitPriceUsdPerOz: number | null;
  /** Single-country partners (WLD and other aggregates are not partners). */
  partnerCount: number;
  /** The single-country partners' tonnes together: 0 when there are none, null when none of theirs has tonnes. */
  namedTonnes: number | null;
  /** namedTonnes / totalTonnes, 0..1. */
  namedShare: number | null;
  totalBasis: ShareBasis | null;
  /** True when any flow used is an estimate. */
  isEstimate: boolean;
  /** The sources of the flows used, each once, in the order first used. */
  sourceIds: number[];
}

/** The summary of one reporter period's flows; null when there are none. */
export function exportSummary(flows: ReadonlyArray<PartnerFlow>): ExportSummary | null {
  if (flows.length === 0) return null;
  const total = exportTotal(flows);
  const named = flows.filter((f) => f.partner === 'COUNTRY');
  // No named partner covers nothing (0); named partners without tonnes cover an unknown part (null).
  const namedTonnes = named.length === 0 ? 0 : sumOf(named.map((f) => f.tonnes));
  return {
    totalTonnes: total.tonnes,
    totalValueUsd: total.valueUsd,
    unitPriceUsdPerOz: unitPriceUsdPerOz(total.valueUsd, total.tonnes),
    partnerCount: named.length,
    namedTonnes,
    namedShare: share(namedTonnes, total.tonnes),
    totalBasis: total.basis,
    isEstimate: total.used.some((f) => f.isEstimate),
    sourceIds: [...new Set(total.used.map((f) => f.sourceId).filter((id): id is number => id != null))],
  };
}
