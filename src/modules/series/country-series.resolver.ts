// The series feature's field on Country: a country's annual production as a series.
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { AppContext } from '../../context';
import { massIn } from '../../metrics';
import { Country } from '../country/country.type';
import type { ProductionYear } from '../production/production-year.type';
import { ProductionSeriesArgs } from './series.args';
import { buildSeries, type PeriodObservation } from './series.build';
import { Aggregation, Frequency, Series } from './series.type';

const isFullYear = (r: ProductionYear) => r.monthFrom === 1 && r.monthTo === 12;
const months = (r: ProductionYear) => r.monthTo - r.monthFrom + 1;

/**
 * A year's value: its full-year row, else the part-year row covering the most months (the later
 * one of equal length), which is incomplete as a year.
 */
function yearRows(rows: readonly ProductionYear[]): Map<number, ProductionYear> {
  const byYear = new Map<number, ProductionYear>();
  for (const r of rows) {
    const kept = byYear.get(r.year);
    if (!kept || (!isFullYear(kept) && (isFullYear(r) || months(r) > months(kept) || (months(r) === months(kept) && r.monthTo > kept.monthTo)))) byYear.set(r.year, r);
  }
  return byYear;
}

const yearStart = (year: number) => `${String(year).padStart(4, '0')}-01-01`;

@Resolver(() => Country)
export class CountrySeriesResolver {
  @FieldResolver(() => Series, {
    description:
      "The country's production of a metal at a stage as an annual series (dated 1 January), in `unit`, transformed by `units` (a transform of the first year uses the year before, when stored). Full years only, unless includeIncomplete: true adds years with only a part-year row (isComplete: false), which a transform compares only with the same months of another year. Current values, or as of the country's date.",
  })
  async productionSeries(@Root() country: Country, @Args(() => ProductionSeriesArgs) args: ProductionSeriesArgs, @Ctx() { loaders }: AppContext): Promise<Series> {
    const key = { countryId: country.dbId, metal: args.metal, stage: args.stage, yearFrom: null, yearTo: null, fullYearOnly: false };
    const rows = await loaders.productionByCountry.load({ ...key, asOf: country.asOf });
    const periods: PeriodObservation[] = [];
    for (const [year, r] of yearRows(rows)) {
      periods.push({
        date: yearStart(year),
        value: massIn(r.tonnes, args.unit),
        isEstimate: r.isEstimate,
        count: 1,
        isComplete: isFullYear(r),
        coverage: `${r.monthFrom}-${r.monthTo}`,
        sourceIds: r.sourceId == null ? [] : [r.sourceId],
      });
    }
    periods.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const coverage = async () => {
      // Nothing as of the date: stored later, or never (the current values say which).
      const stored = rows.length > 0 || (country.asOf != null && (await loaders.productionByCountry.load({ ...key, asOf: null })).length > 0);
      return { stored, from: periods[0]?.date ?? null, to: periods[periods.length - 1]?.date ?? null };
    };
    return buildSeries(
      periods,
      {
        frequency: Frequency.ANNUAL,
        aggregation: Aggregation.AVERAGE,
        units: args.units,
        kind: 'LEVEL',
        firstPeriod: args.yearFrom != null ? yearStart(args.yearFrom) : null,
        lastPeriod: args.yearTo != null ? yearStart(args.yearTo) : null,
        includeIncomplete: args.includeIncomplete ?? false,
      },
      coverage,
    );
  }
}
