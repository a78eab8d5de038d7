// The series feature's queries (priceSeries, ratioSeries) and Series.sources.
import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { AppContext } from '../../context';
import { BadUserInputError } from '../common/errors';
import { Source } from '../source/source.type';
import { PriceSeriesArgs, RatioSeriesArgs } from './series.args';
import { buildSeries, periodsOf, planPriceSeries, ratioOf } from './series.build';
import { Series } from './series.type';

@Resolver(() => Series)
export class SeriesResolver {
  @Query(() => Series, {
    description:
      "A metal's prices of one kind as a series: grouped into periods of `frequency` by `aggregation` (in the database), then transformed by `units`; each observation counts the stored points it used.",
  })
  async priceSeries(@Args(() => PriceSeriesArgs) args: PriceSeriesArgs, @Ctx() { loaders }: AppContext): Promise<Series> {
    const plan = planPriceSeries([args.metal], args.kind, args);
    const periods = periodsOf(await loaders.pricePeriods.load(plan.read), args.metal);
    return buildSeries(periods, { ...plan.read, units: plan.units, firstPeriod: plan.firstPeriod });
  }

  @Query(() => Series, {
    description:
      'The price of one metal in units of another (by default gold/silver: ounces of silver per ounce of gold), per period: each metal aggregated over the period, then divided; then transformed by `units`. Periods where either metal has no price are left out.',
  })
  async ratioSeries(@Args(() => RatioSeriesArgs) args: RatioSeriesArgs, @Ctx() { loaders }: AppContext): Promise<Series> {
    if (args.numerator === args.denominator) {
      throw new BadUserInputError(`Arguments "numerator" and "denominator" must be different metals, got ${args.numerator} for both.`, 'denominator');
    }
    const plan = planPriceSeries([args.numerator, args.denominator], args.kind, args);
    const records = await loaders.pricePeriods.load(plan.read);
    const periods = ratioOf(periodsOf(records, args.numerator), periodsOf(records, args.denominator));
    return buildSeries(periods, { ...plan.read, units: plan.units, firstPeriod: plan.firstPeriod });
  }

  @FieldResolver(() => [Source], { description: 'Every source behind the values returned, once each.' })
  async sources(@Root() series: Series, @Ctx() { loaders }: AppContext) {
    const sources = await loaders.sourceById.loadMany(series.sourceIds);
    return sources.filter((s): s is Source => s != null && !(s instanceof Error));
  }
}
