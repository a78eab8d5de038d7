// Formatting shared by the example client (client/example.ts) and the dashboard (web/).
// Pure functions, no Node or DOM APIs.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2024" for a full year, "Jan–Nov 2025" for a partial period, "Oct 2025" for one month. */
export function periodLabel(p: { year: number; monthFrom: number; monthTo: number }): string {
  const months = monthsLabel(p);
  return months ? `${months} ${p.year}` : String(p.year);
}

/** null for a full year, else "Jan–Nov" / "Oct". */
export function monthsLabel(p: { monthFrom: number; monthTo: number }): string | null {
  if (p.monthFrom === 1 && p.monthTo === 12) return null;
  const from = MONTHS[p.monthFrom - 1] ?? String(p.monthFrom);
  const to = MONTHS[p.monthTo - 1] ?? String(p.monthTo);
  return p.monthFrom === p.monthTo ? from : `${from}–${to}`;
}

export function isFullYear(p: { monthFrom: number; monthTo: number }): boolean {
  return p.monthFrom === 1 && p.monthTo === 12;
}

/** 1,000 / 697.5 / 638.4 (at most one decimal). */
export function formatTonnes(t: number | null | undefined): string {
  if (t == null) return '–';
  return t.toLocaleString('en-US', { maximumFractionDigits: 1 });
}

/** -21.2% / +19.3% (ASCII sign, one decimal). */
export function formatPercent(p: number | null | undefined, digits = 1): string {
  if (p == null || !Number.isFinite(p)) return '–';
  const fixed = p.toFixed(digits);
  const isZero = Number(fixed) === 0;
  return `${p > 0 && !isZero ? '+' : ''}${isZero ? (0).toFixed(digits) : fixed}%`;
}

/** A share (0.469) as a percentage: 46.9%. */
export function formatShare(s: number | null | undefined): string {
  if (s == null) return '–';
  return `${(s * 100).toFixed(1)}%`;
}

/** USD per troy ounce: 34.97 / 4,602.09. */
export function formatUsdPerOz(p: number | null | undefined): string {
  if (p == null) return '–';
  return p.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** USD 581.1 million / USD 487.1 million / USD 12,345. */
export function formatUsd(v: number | null | undefined): string {
  if (v == null) return '–';
  if (Math.abs(v) >= 1e9) return `USD ${(v / 1e9).toFixed(2)} billion`;
  if (Math.abs(v) >= 1e6) return `USD ${(v / 1e6).toFixed(1)} million`;
  return `USD ${v.toLocaleString('en-US', { maximumFractionDigits: 0 })}`;
}

export function formatRatio(r: number | null | undefined): string {
  if (r == null) return '–';
  return r.toFixed(1);
}

export function stageLabel(stage: string): string {
  return stage === 'MINE' ? 'Mine' : stage === 'REFINED' ? 'Refined' : stage;
}

/** Latest first: by year, then by the end month. */
export function compareLatestFirst(
  a: { year: number; monthTo: number; monthFrom: number },
  b: { year: number; monthTo: number; monthFrom: number },
): number {
  return b.year - a.year || b.monthTo - a.monthTo || a.monthFrom - b.monthFrom;
}

/** A source's short name: "MCS 2025" for "USGS Mineral Commodity Summaries 2025" (editions read apart at a glance); other names as they are. */
export function sourceShortName(name: string | null | undefined): string {
  if (!name) return 'source not recorded';
  const mcs = /^USGS Mineral Commodity Summaries (\d{4})$/.exec(name);
  return mcs ? `MCS ${mcs[1]}` : name;
}

/** One revision: "1,000 t, MCS 2025, estimate". */
export function revisionLabel(r: { tonnes: number; isEstimate: boolean; source?: { name: string } | null }): string {
  return `${formatTonnes(r.tonnes)} t, ${sourceShortName(r.source?.name)}${r.isEstimate ? ', estimate' : ''}`;
}

/** "Jan 2021" for a date YYYY-MM-DD. */
export function monthLabel(date: string): string {
  const [y, m] = date.split('-');
  return `${MONTHS[Number(m) - 1] ?? m} ${y}`;
}
