// Query cost limit: an estimate of how many objects an operation can make the server load,
// computed with graphql-query-complexity before execution (HTTP 400 when over the maximum).
// A model of this API's lists and pages, which GraphQL Armor's generic cost-limit does not have.
//
// How a field is costed (children = the summed cost of its selection set):
// - scalar and enum fields: 0 (they come with the row that holds them);
// - a field returning one entity (a Node: Country, ProductionYear, ...): 1 + children;
// - a field returning a value computed in memory (Change): its children only;
// - a connection field (returns a `...Connection` type, takes `first` or `last`): 1 + n x children, where
//   n = `first` or `last` (clamped to 1..MAX_PAGE_SIZE = 100), DEFAULT_PAGE_SIZE = 20 when neither. Its
//   `edges` are not multiplied again and cost nothing themselves (each edge's `node` is the 1 per item); `pageInfo` and `totalCount` cost 0;
// - a plain list field (a country's `production`, `exports`, `imports`, `sources`, `revisions`):
//   n x (1 + children), n = its `first` argument when it has one, else the most items it can return
//   in the data (src/limits/list-bounds.ts: e.g. the most flows any reporter has for a metal, or for a
//   metal and year when `year` is given; a year range times the most rows per year), else
//   NESTED_LIST_SIZE = 10; a series' or table's `sources` at most every source;
// - a field returning a series (`priceSeries`, `ratioSeries`, `Country.productionSeries`; `priceTable`):
//   1 + ceil(n / 10) x (1 + the children of one observation) + its other children, where n = the most
//   values it can return for its arguments: the periods of its frequency (the kind's stored one when
//   omitted) from the one containing max(dateFrom, the first stored date) to the one containing
//   min(dateTo, the last stored date), from the stored coverage of the metal and kind (list-bounds.ts),
//   0 when empty; a ratio within both metals' coverage; a table's rows x its metals; a production series
//   the years yearFrom..yearTo within the stored years of the metal and stage. One point per 10 values:
//   they are aggregated by one statement, not loaded one by one. Charged whatever is selected (`stats`
//   and `sources` need every period read), and `observations` / `rows` themselves cost 0. A transform's
//   earlier periods (a year at most, same statement) are not counted. Without the data's bounds, n = 10;
// - introspection (`__schema`, `__type`, `__typename`): 0, so that the sandbox and codegen work.
// Example: `{ priceSeries(metal: GOLD, kind: MONTHLY_AVERAGE, dateFrom: "2020-01-01", dateTo: "2020-12-31")
// { observations { value } sources { name } } }` = 1 + ceil(12 / 10) x 1 + sources (8 in the seed) = 11.
// Example: `countries(first: 100) { edges { node { production { year } exports { partner { name } } } } }`
// = 1 + 100 x (1 + 10 x 1 + 10 x (1 + 1)) = 3101.
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import {
  GraphQLError,
  getNamedType,
  getNullableType,
  isListType,
  isLeafType,
  isObjectType,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { LRUCache } from 'lru-cache';
import { limitError } from './shape.js';
import type { Coverage, ListBoundStats } from './list-bounds.js';

export const DEFAULT_PAGE_SIZE = 20;
export const NESTED_LIST_SIZE = 10;
export const MAX_PAGE_SIZE = 100;

const isConnectionTypeName = (name: string) => name.endsWith('Connection');

/** The most items a plain list field can return for these arguments, or undefined when unknown. */
export function listBound(stats: ListBoundStats | undefined, typeName: string, fieldName: string, args: Record<string, any>): number | undefined {
  if (!stats) return undefined;
  const years = typeof args.yearFrom === 'number' && typeof args.yearTo === 'number' ? Math.max(1, args.yearTo - args.yearFrom + 1) : undefined;
  const byYear = typeof args.year === 'number';
  let n: number | undefined;
  switch (`${typeName}.${fieldName}`) {
    case 'Country.production': {
      const all = args.stage ? stats.productionPerStage : stats.productionPerMetal;
      const perYear = args.stage ? stats.productionPerStageYear : stats.productionPerMetalYear;
      n = years ? Math.min(all, years * perYear) : all;
      break;
    }
    case 'Country.exports':
      n = byYear ? stats.exportsPerMetalYear : stats.exportsPerMetal;
      break;
    case 'Country.imports':
      n = byYear ? stats.importsPerMetalYear : stats.importsPerMetal;
      break;
    case 'ProductionYear.revisions':
      n = stats.productionRevisions;
      break;
    case 'ExportFlow.revisions':
      n = stats.flowRevisions;
      break;
    case 'PricePoint.revisions':
      n = stats.priceRevisions;
      break;
    case 'Query.sources':
      n = stats.sources;
      break;
    case 'PricePoint.ratioPrices':
      n = 2; // the gold and the silver price
      break;
    case 'Series.sources':
    case 'PriceTable.sources':
      n = stats.sources;
      break;
    // Used only without a ledger (see createCostEstimator): the most any series holds.
    case 'Series.observations':
    case 'PriceTable.rows':
      n = Math.max(stats.pricesPerSeries, stats.productionPerStage);
      break;
  }
  return n == null ? undefined : Math.max(1, n);
}

/** Frequencies from the highest to the lowest; a series can be aggregated down this list, not up. */
const FREQUENCIES = ['DAILY', 'MONTHLY', 'QUARTERLY', 'ANNUAL'] as const;
type FrequencyName = (typeof FREQUENCIES)[number];
/** The frequency each kind of price is stored at (a series' frequency when `frequency` is omitted). */
const STORED_FREQUENCY: Record<string, FrequencyName> = { SPOT: 'DAILY', MONTHLY_AVERAGE: 'MONTHLY', ANNUAL_AVERAGE: 'ANNUAL' };

type Day = [year: number, month: number, day: number];

/** A Date argument as [y, m, d]: a Date (the Date scalar's value) or a YYYY-MM-DD string; else undefined. */
function dayOf(value: unknown): Day | undefined {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? undefined : [value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate()];
  }
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return undefined;
  const day: Day = [Number(m[1]), Number(m[2]), Number(m[3])];
  return day[1] >= 1 && day[1] <= 12 && day[2] >= 1 && day[2] <= 31 ? day : undefined;
}

const dayKey = ([y, m, d]: Day) => y * 10_000 + m * 100 + d;

/** The index of the period of `frequency` that contains the day (consecutive periods, consecutive indexes). */
function periodIndex([y, m, d]: Day, frequency: FrequencyName): number {
  switch (frequency) {
    case 'DAILY':
      return Math.floor(Date.UTC(y, m - 1, d) / 86_400_000);
    case 'MONTHLY':
      return y * 12 + m - 1;
    case 'QUARTERLY':
      return y * 4 + Math.floor((m - 1) / 3);
    case 'ANNUAL':
      return y;
  }
}

/**
 * How many periods of `frequency` a price series over stored dates `first`..`last` has between the
 * period containing max(dateFrom, first) and the one containing min(dateTo, last); 0 when empty.
 * A missing or malformed dateFrom/dateTo counts as the coverage's end (validation reports it later).
 */
export function periodCount(coverage: Coverage<string> | undefined, frequency: FrequencyName, dateFrom?: unknown, dateTo?: unknown): number {
  const first = coverage && dayOf(coverage.first);
  const last = coverage && dayOf(coverage.last);
  if (!first || !last) return 0;
  const from = dayOf(dateFrom);
  const to = dayOf(dateTo);
  const start = from && dayKey(from) > dayKey(first) ? from : first;
  const end = to && dayKey(to) < dayKey(last) ? to : last;
  return Math.max(0, periodIndex(end, frequency) - periodIndex(start, frequency) + 1);
}

/** The common coverage of several series (a ratio: periods where both have prices). */
function intersection(list: (Coverage<string> | undefined)[]): Coverage<string> | undefined {
  if (list.some((c) => !c)) return undefined;
  const all = list as Coverage<string>[];
  return { first: all.reduce((a, c) => (c.first > a ? c.first : a), all[0].first), last: all.reduce((a, c) => (c.last < a ? c.last : a), all[0].last) };
}

/** The coverage of any of several series (a table's rows: periods where any has a price). */
function union(list: (Coverage<string> | undefined)[]): Coverage<string> | undefined {
  const all = list.filter((c): c is Coverage<string> => !!c);
  if (!all.length) return undefined;
  return { first: all.reduce((a, c) => (c.first < a ? c.first : a), all[0].first), last: all.reduce((a, c) => (c.last > a ? c.last : a), all[0].last) };
}

/** The frequency asked for, or the kind's stored one; never higher than stored (the resolver refuses that, naming the argument). */
function frequencyOf(kind: unknown, frequency: unknown): FrequencyName {
  const stored = STORED_FREQUENCY[String(kind)] ?? 'DAILY';
  const asked = FREQUENCIES.includes(frequency as FrequencyName) ? (frequency as FrequencyName) : stored;
  return FREQUENCIES.indexOf(asked) < FREQUENCIES.indexOf(stored) ? stored : asked;
}

/**
 * The most values a series field can return for these arguments (observations; for a table, rows x
 * metals), from the stored coverage; undefined for a field this model does not know.
 */
export function seriesSize(stats: ListBoundStats, typeName: string, fieldName: string, args: Record<string, any>): number | undefined {
  const prices = (metal: unknown) => stats.priceCoverage?.[`${String(metal)}/${String(args.kind)}`];
  const frequency = () => frequencyOf(args.kind, args.frequency);
  switch (`${typeName}.${fieldName}`) {
    case 'Query.priceSeries':
      return periodCount(prices(args.metal), frequency(), args.dateFrom, args.dateTo);
    case 'Query.ratioSeries':
      return periodCount(intersection([prices(args.numerator), prices(args.denominator)]), frequency(), args.dateFrom, args.dateTo);
    case 'Query.priceTable': {
      // Distinct metals: a list repeating one is refused by the resolver, naming the argument.
      const metals = [...new Set<unknown>(Array.isArray(args.metals) ? args.metals : [])];
      return metals.length * periodCount(union(metals.map(prices)), frequency(), args.dateFrom, args.dateTo);
    }
    case 'Country.productionSeries': {
      const years = stats.productionCoverage?.[`${String(args.metal)}/${String(args.stage)}`];
      if (!years) return 0;
      const from = typeof args.yearFrom === 'number' ? Math.max(args.yearFrom, years.first) : years.first;
      const to = typeof args.yearTo === 'number' ? Math.min(args.yearTo, years.last) : years.last;
      return Math.max(0, to - from + 1);
    }
  }
  return undefined;
}

/** Types whose fields return a series, and the list field of each that holds its items. */
const SERIES_ITEMS: Record<string, string> = { Series: 'observations', PriceTable: 'rows' };

/** Observations per cost point: a series' values are aggregated by one statement, not loaded row by row. */
export const OBSERVATIONS_PER_POINT = 10;

/**
 * One estimate's state: the cost of the children of each item (an observation, a table row) selected
 * since the last series field, which that series field multiplies by its size. graphql-query-complexity
 * estimates a field's selection before the field itself, and a series holds no series, so what was
 * recorded since the last series field belongs to the next one. Passed as getComplexity's `context`.
 */
export interface CostLedger {
  itemChildren: number;
}

const isLedger = (context: unknown): context is CostLedger => typeof (context as CostLedger | undefined)?.itemChildren === 'number';

/**
 * The page size a field's arguments ask for: `first`, or `last` when paging backward (the larger when
 * both, which the resolver refuses), clamped to 1..MAX_PAGE_SIZE; undefined when neither is given.
 * A size outside 1..MAX_PAGE_SIZE is refused by the resolver with BAD_USER_INPUT naming the argument;
 * clamping here lets that clearer message through instead of a cost error.
 */
export function pageSizeOf(args: Record<string, unknown>): number | undefined {
  const sizes = [args.first, args.last].filter((n): n is number => typeof n === 'number');
  return sizes.length ? Math.min(MAX_PAGE_SIZE, Math.max(1, ...sizes)) : undefined;
}

/** The cost model, with the data's list bounds when known (without them, NESTED_LIST_SIZE per list). */
export const createCostEstimator = (stats?: ListBoundStats): ComplexityEstimator => ({ type, field, args, childComplexity, context }) => {
  if (field.name.startsWith('__') || type.name.startsWith('__')) return 0;
  const returnType = getNullableType(field.type);
  const named = getNamedType(field.type);
  if (isLeafType(named)) return 0;
  const ledger = isLedger(context) ? context : undefined;
  // A series' items: their children are counted once per item by the series field (below).
  if (ledger && SERIES_ITEMS[type.name] === field.name) {
    ledger.itemChildren += childComplexity;
    return 0;
  }
  if (ledger && SERIES_ITEMS[named.name] && !isListType(returnType)) {
    const itemChildren = ledger.itemChildren;
    ledger.itemChildren = 0;
    const n = (stats && seriesSize(stats, type.name, field.name, args)) ?? (stats ? Math.max(stats.pricesPerSeries, stats.productionPerStage) : NESTED_LIST_SIZE);
    return 1 + Math.ceil(n / OBSERVATIONS_PER_POINT) * (1 + itemChildren) + childComplexity;
  }
  const first = pageSizeOf(args);
  if (isConnectionTypeName(type.name)) {
    // Inside a connection: edges/nodes wrap the items counted by the connection field; pageInfo is free.
    if (field.name === 'pageInfo') return 0;
    if (field.name === 'edges') return childComplexity;
    if (field.name === 'nodes') return 1 + childComplexity;
  }
  if (isConnectionTypeName(named.name) && !isListType(returnType)) {
    return 1 + (first ?? DEFAULT_PAGE_SIZE) * childComplexity;
  }
  if (isListType(returnType)) {
    const n = first ?? listBound(stats, type.name, field.name, args) ?? NESTED_LIST_SIZE;
    // Without a ledger (the estimator used on its own): the series' items at the most any series holds.
    if (SERIES_ITEMS[type.name] === field.name) return Math.ceil(n / OBSERVATIONS_PER_POINT) * (1 + childComplexity);
    return n * (1 + childComplexity);
  }
  // Objects without an identity of their own (Change) are computed in memory from rows already
  // counted; only entities (Node types) cost a point each.
  if (isObjectType(named) && !named.getInterfaces().some((i) => i.name === 'Node')) return childComplexity;
  return 1 + childComplexity;
};

export const costEstimator = createCostEstimator();

export function costLimitMessage(cost: number, maxCost: number): string {
  return `Query cost ${cost} exceeds the maximum of ${maxCost}; ask for smaller pages (first: n) or fewer nested lists`;
}

export function computeQueryCost(opts: {
  schema: GraphQLSchema;
  document: DocumentNode;
  variables?: Record<string, unknown>;
  operationName?: string;
  stats?: ListBoundStats;
}): number {
  const ledger: CostLedger = { itemChildren: 0 };
  return getComplexity({
    estimators: [opts.stats ? createCostEstimator(opts.stats) : costEstimator],
    context: ledger,
    schema: opts.schema,
    query: opts.document,
    variables: opts.variables as Record<string, any> | undefined,
    operationName: opts.operationName,
  });
}

/**
 * Costs already estimated, per list-bounds snapshot (one per data version): the same document with
 * the same variables costs the same until the data change. Walking the document again cost about
 * 0.2 ms per request, a tenth of a small query's CPU.
 */
const estimated = new WeakMap<object, LRUCache<string, number>>();
const WITHOUT_STATS = {};
const MAX_COST_KEY = 4096;

function costOf(key: string | undefined, stats: ListBoundStats | undefined, compute: () => number): number {
  if (key === undefined || key.length > MAX_COST_KEY) return compute();
  const snapshot = stats ?? WITHOUT_STATS;
  let costs = estimated.get(snapshot);
  if (!costs) estimated.set(snapshot, (costs = new LRUCache<string, number>({ max: 1000 })));
  let cost = costs.get(key);
  if (cost === undefined) costs.set(key, (cost = compute()));
  return cost;
}

/**
 * Refuses operations whose cost exceeds `maxCost` after the operation is resolved (variables are
 * known) and before execution, with HTTP 400 and a message naming the cost and the maximum.
 */
export function costLimitPlugin(
  maxCost: number,
  listBoundStats?: () => Promise<ListBoundStats>,
  /** Called with an accepted operation's cost before it runs (the cost rate limit); may throw. */
  chargeCost?: (cost: number, contextValue: unknown) => Promise<void>,
): ApolloServerPlugin<any> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(rc) {
          if (!rc.operation) return;
          // Without the data's bounds (the database is down) every list counts NESTED_LIST_SIZE.
          // Only queries: a write must read nothing before its key's role is checked (src/auth).
          const stats = listBoundStats && rc.operation.operation === 'query' ? await listBoundStats().catch(() => undefined) : undefined;
          let cost: number;
          try {
            const operationName = rc.operation.name?.value;
            const key = rc.queryHash ? `${rc.queryHash}\u0000${operationName ?? ''}\u0000${JSON.stringify(rc.request.variables ?? {})}` : undefined;
            cost = costOf(key, stats, () => computeQueryCost({ schema: rc.schema, document: rc.document, variables: rc.request.variables, operationName, stats }));
          } catch (err) {
            if (err instanceof GraphQLError && /maximum allowed number of nodes/.test(err.message)) {
              throw limitError(`Query has too many fields to estimate its cost; the maximum cost is ${maxCost}`, 'cost', maxCost);
            }
            // Bad variable values and the like: execution reports them properly (BAD_USER_INPUT).
            return;
          }
          (rc.contextValue as Record<symbol, unknown>)[QUERY_COST] = cost;
          if (cost > maxCost) {
            throw limitError(costLimitMessage(cost, maxCost), 'cost', maxCost, cost);
          }
          await chargeCost?.(cost, rc.contextValue);
        },
        // Every answer says what it cost against the limit (0 when it never got to run).
        async willSendResponse(rc) {
          if (rc.response.body.kind !== 'single') return;
          const requested = ((rc.contextValue as Record<symbol, unknown> | undefined)?.[QUERY_COST] as number | undefined) ?? 0;
          const result = rc.response.body.singleResult;
          result.extensions = { ...result.extensions, cost: { requested, limit: maxCost } };
        },
      };
    },
  };
}

/** Where the cost plugin leaves the computed cost on the request's context (for logs). */
export const QUERY_COST = Symbol.for('argentum.queryCost');
