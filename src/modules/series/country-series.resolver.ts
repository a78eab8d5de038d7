// The series feature's field on Country: a country's annual production as a series.
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { AppContext } from '../../context';
import { massIn } from '../../metrics';
import { Country } from '../country/country.type';
import { ProductionSeriesArgs } from './series.args';
import { buildSeries, type PeriodObservation } from './series.build';
import { Aggregation, Frequency, Series } from './series.type';

@Resolver(() => Country)
export class CountrySeriesResolver {
  @FieldResolver(() => Series, {
    description:
      "The country's full-year production of a metal at a stage as an annual series (dated 1 January), in `unit`, transformed by `units` (a transform of the first year uses the year before, when stored). Current values, or as of the country's date.",
  })
  async productionSeries(@Root() country: Country, @Args(() => ProductionSeriesArgs) args: ProductionSeriesArgs, @Ctx() { loaders }: AppContext): Promise<Series> {
    const rows = await loaders.productionBySeries.load({ asOf: country.asOf, countryId: country.dbId, metal: args.metal, stage: args.stage, monthFrom: 1, monthTo: 12 });
    const periods: PeriodObservation[] = [];
    for (const r of rows) {
      if (args.yearTo != null && r.year > args.yearTo) continue;
      periods.push({ date: `${r.year}-01-01`, value: massIn(r.tonnes, args.unit), isEstimate: r.isEstimate, count: 1, sourceIds: r.sourceId == null ? [] : [r.sourceId] });
    }
    periods.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    return buildSeries(periods, {
      frequency: Frequency.ANNUAL,
      aggregation: Aggregation.AVERAGE,
      units: args.units,
      firstPeriod: args.yearFrom != null ? `${String(args.yearFrom).padStart(4, '0')}-01-01` : null,
    });
  }
}
