// The series feature's queries (priceSeries, ratioSeries, priceTable) and the fields of Series and
// PriceTable that read more than the series itself (sources, why it is empty, what is stored).
import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { AppContext } from '../../context';
import type { Loaders } from '../../loaders';
import { periodStart } from '../../metrics';
import { DateScalar } from '../common/date.scalar';
import { Aggregation } from './series.type';
import { BadUserInputError } from '../common/errors';
import type { Metal, PriceKind } from '../common/enums';
import { Source } from '../source/source.type';
import { PriceSeriesArgs, PriceTableArgs, RatioSeriesArgs } from './series.args';
import { buildSeries, periodsOf, planPriceSeries, selectObservations, type SeriesPlan } from './series.build';
import { RATIO } from './series.sql';
import { PriceTable, PriceTableRow } from './price-table.type';
import { Series, SeriesEmptyReason, emptyReasonOf, type Frequency, type SeriesCoverage } from './series.type';

const latest = (a: string | null, b: string | null) => (a == null || b == null ? null : a > b ? a : b);
const earliest = (a: string | null, b: string | null) => (a == null || b == null ? null : a < b ? a : b);

/**
 * What is stored of the metals' prices of a kind, in periods of `frequency`: for a ratio the dates
 * both metals cover (`all`), for a table those any covers.
 */
function priceCoverage(loaders: Loaders, metals: Metal[], kind: PriceKind, asOf: string | null, frequency: Frequency, all: boolean) {
  return async (): Promise<SeriesCoverage> => {
    const records = await loaders.priceCoverage.loadMany(metals.map((metal) => ({ metal, kind, asOf })));
    const found = records.filter((r): r is Exclude<typeof r, Error> => !(r instanceof Error));
    if (found.length !== records.length) throw records.find((r) => r instanceof Error);
    const stored = all ? found.every((r) => r.stored > 0) : found.some((r) => r.stored > 0);
    const visible = found.filter((r) => r.firstDate != null);
    let from: string | null = null;
    let to: string | null = null;
    if (all ? visible.length === found.length : visible.length > 0) {
      from = visible.map((r) => r.firstDate!).reduce((a, b) => (all ? latest(a, b)! : earliest(a, b)!));
      to = visible.map((r) => r.lastDate!).reduce((a, b) => (all ? earliest(a, b)! : latest(a, b)!));
    }
    return { stored, from: from && periodStart(from, frequency), to: to && periodStart(to, frequency) };
  };
}

const shapeOf = (plan: SeriesPlan, kind: 'LEVEL' | 'RATIO') => ({
  frequency: plan.read.frequency,
  aggregation: plan.read.aggregation,
  units: plan.units,
  kind,
  firstPeriod: plan.firstPeriod,
  lastPeriod: plan.lastPeriod,
  includeIncomplete: plan.includeIncomplete,
});

@Resolver(() => Series)
export class SeriesResolver {
  @Query(() => Series, {
    description:
      "A metal's prices of one kind as a series: grouped into periods of `frequency` by `aggregation` (in the database, on the stored decimals), then transformed by `units`; each observation counts the stored points it used. Only complete periods unless includeIncomplete: true.",
  })
  async priceSeries(@Args(() => PriceSeriesArgs) args: PriceSeriesArgs, @Ctx() { loaders }: AppContext): Promise<Series> {
    const plan = planPriceSeries([args.metal], args.kind, args);
    const periods = periodsOf(await loaders.pricePeriods.load(plan.read), args.metal, plan);
    return buildSeries(periods, shapeOf(plan, 'LEVEL'), priceCoverage(loaders, [args.metal], args.kind, plan.read.asOf, plan.read.frequency, true));
  }

  @Query(() => Series, {
    description:
      'The price of one metal in units of another (by default gold/silver: ounces of silver per ounce of gold). The ratio is taken on each date both metals have a price; a period aggregates those ratios (AVERAGE: the mean ratio, MAX: the highest ratio of the period; SUM is refused), then `units` transforms them. Ratios have 10 significant digits. Periods where the metals share no date are left out.',
  })
  async ratioSeries(@Args(() => RatioSeriesArgs) args: RatioSeriesArgs, @Ctx() { loaders }: AppContext): Promise<Series> {
    if (args.numerator === args.denominator) {
      throw new BadUserInputError(`Arguments "numerator" and "denominator" must be different metals, got ${args.numerator} for both.`, 'denominator');
    }
    if (args.aggregation === Aggregation.SUM) {
      throw new BadUserInputError('Argument "aggregation": a sum of ratios has no meaning; use AVERAGE, MIN, MAX or END_OF_PERIOD.', 'aggregation');
    }
    const plan = planPriceSeries([args.numerator, args.denominator], args.kind, args, { numerator: args.numerator, denominator: args.denominator });
    const periods = periodsOf(await loaders.pricePeriods.load(plan.read), RATIO, plan, 'RATIO');
    return buildSeries(
      periods,
      shapeOf(plan, 'RATIO'),
      priceCoverage(loaders, [args.numerator, args.denominator], args.kind, plan.read.asOf, plan.read.frequency, true),
    );
  }

  @Query(() => PriceTable, {
    description:
      "Several metals' prices of one kind side by side, one row per period and one value per metal in the order of `metals`: each column is the metal's `priceSeries` with the same arguments. As CSV (Accept: text/csv) it is `date` and one column per metal.",
  })
  async priceTable(@Args(() => PriceTableArgs) args: PriceTableArgs, @Ctx() { loaders }: AppContext): Promise<PriceTable> {
    const metals = args.metals;
    if (metals.length === 0 || new Set(metals).size !== metals.length) {
      throw new BadUserInputError(`Argument "metals" must list 1 to 4 different metals (SILVER, GOLD, PLATINUM, PALLADIUM), got [${metals.join(', ')}].`, 'metals');
    }
    const plan = planPriceSeries(metals, args.kind, args);
    const records = await loaders.pricePeriods.load(plan.read);
    const shape = shapeOf(plan, 'LEVEL');
    const columns = metals.map((metal) => selectObservations(periodsOf(records, metal, plan), shape));
    const rows = new Map<string, PriceTableRow>();
    columns.forEach((column, i) => {
      for (const o of column.observations) {
        let row = rows.get(o.date);
        if (!row) {
          row = Object.assign(new PriceTableRow(), { date: o.date, values: metals.map(() => null), isComplete: true, isEstimate: false });
          rows.set(o.date, row);
        }
        row.values[i] = o.value;
        row.isComplete &&= o.isComplete;
        row.isEstimate ||= o.isEstimate;
      }
    });
    const table = new PriceTable();
    table.metals = metals;
    table.kind = args.kind;
    table.frequency = plan.read.frequency;
    table.aggregation = plan.read.aggregation;
    table.units = plan.units;
    table.rows = [...rows.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
    table.sourceIds = [...new Set(columns.flatMap((c) => c.sourceIds))].sort((a, b) => a - b);
    table.incompleteLeftOut = columns.reduce((n, c) => n + c.incompleteLeftOut, 0);
    table.coverage = priceCoverage(loaders, metals, args.kind, plan.read.asOf, plan.read.frequency, false);
    return table;
  }

  @FieldResolver(() => [Source], { description: 'Every source of every stored value the observations used (the earlier periods a transform read included), once each.' })
  async sources(@Root() series: Series, @Ctx() { loaders }: AppContext) {
    return sourcesOf(loaders, series.sourceIds);
  }

  @FieldResolver(() => SeriesEmptyReason, { nullable: true, description: 'Why there are no observations; null when there are.' })
  async emptyReason(@Root() series: Series): Promise<SeriesEmptyReason | null> {
    if (series.observations.length > 0) return null;
    return emptyReasonOf(0, series.incompleteLeftOut, await series.coverage());
  }

  @FieldResolver(() => DateScalar, { nullable: true, description: 'The first period with a stored value (as of the series\' asOf), whatever the range asked; null when none.' })
  async dataFrom(@Root() series: Series): Promise<string | null> {
    return (await series.coverage()).from;
  }

  @FieldResolver(() => DateScalar, { nullable: true, description: 'The last period with a stored value (as of the series\' asOf), whatever the range asked; null when none.' })
  async dataTo(@Root() series: Series): Promise<string | null> {
    return (await series.coverage()).to;
  }
}

async function sourcesOf(loaders: Loaders, ids: number[]): Promise<Source[]> {
  const sources = await loaders.sourceById.loadMany(ids);
  return sources.filter((s): s is Source => s != null && !(s instanceof Error));
}

@Resolver(() => PriceTable)
export class PriceTableResolver {
  @FieldResolver(() => [Source], { description: 'Every source of every stored value in the table (the earlier periods a transform read included), once each.' })
  async sources(@Root() table: PriceTable, @Ctx() { loaders }: AppContext) {
    return sourcesOf(loaders, table.sourceIds);
  }

  @FieldResolver(() => SeriesEmptyReason, { nullable: true, description: 'Why there are no rows; null when there are.' })
  async emptyReason(@Root() table: PriceTable): Promise<SeriesEmptyReason | null> {
    if (table.rows.length > 0) return null;
    return emptyReasonOf(0, table.incompleteLeftOut, await table.coverage());
  }
}
