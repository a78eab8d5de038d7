/** A reporting period: months monthFrom..monthTo of year (1..12 is the full year). */
export interface Period {
  year: number;
  monthFrom: number;
  monthTo: number;
}

/** True when the period covers January to December. */
export function isFullYear(p: Period): boolean {
  return p.monthFrom === 1 && p.monthTo === 12;
}

/** A stable key for a period, e.g. "2025:1-10". */
export function periodKey(p: Period): string {
  return `${p.year}:${p.monthFrom}-${p.monthTo}`;
}

/** The like-for-like earlier period: the same months one year earlier. */
export function previousPeriod(p: Period): Period {
  return { year: p.year - 1, monthFrom: p.monthFrom, monthTo: p.monthTo };
}

/** Key of the like-for-like earlier period ("2025:1-11" -> "2024:1-11"). */
export function previousPeriodKey(p: Period): string {
  return periodKey(previousPeriod(p));
}
