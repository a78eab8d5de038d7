// Query cost limit: an estimate of how many objects an operation can make the server load,
// computed with graphql-query-complexity before execution (HTTP 400 when over the maximum).
// A model of this API's lists and pages, which GraphQL Armor's generic cost-limit does not have.
//
// How a field is costed (children = the summed cost of its selection set):
// - scalar and enum fields: 0 (they come with the row that holds them);
// - a field returning one entity (a Node: Country, ProductionYear, ...): 1 + children;
// - a field returning a value computed in memory (Change): its children only;
// - a connection field (returns a `...Connection` type, takes `first`): 1 + n x children, where
//   n = `first` (or DEFAULT_PAGE_SIZE = 20 when absent). Its `edges` are not multiplied again and
//   cost nothing themselves (each edge's `node` is the 1 per item); `pageInfo` and `totalCount` cost 0;
// - a plain list field (a country's `production`, `exports`, `imports`, `sources`, `revisions`):
//   n x (1 + children), n = its `first` argument when it has one, else the most items it can return
//   in the data (src/limits/list-bounds.ts: e.g. the most flows any reporter has for a metal, or for a
//   metal and year when `year` is given; a year range times the most rows per year), else
//   NESTED_LIST_SIZE = 10;
// - a series' `observations`: one point per 10 of the most it can hold (scalars aggregated by one
//   statement, not rows loaded one by one);
// - introspection (`__schema`, `__type`, `__typename`): 0, so that the sandbox and codegen work.
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
import type { ListBoundStats } from './list-bounds.js';

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
    case 'Series.observations':
      n = Math.max(stats.pricesPerSeries, stats.productionPerStage);
      break;
  }
  return n == null ? undefined : Math.max(1, n);
}

/** The cost model, with the data's list bounds when known (without them, NESTED_LIST_SIZE per list). */
export const createCostEstimator = (stats?: ListBoundStats): ComplexityEstimator => ({ type, field, args, childComplexity }) => {
  if (field.name.startsWith('__') || type.name.startsWith('__')) return 0;
  const returnType = getNullableType(field.type);
  const named = getNamedType(field.type);
  if (isLeafType(named)) return 0;
  // `first` outside 1..MAX_PAGE_SIZE is refused by the resolver with BAD_USER_INPUT naming the argument;
  // clamping here lets that clearer message through instead of a cost error.
  const first = typeof args.first === 'number' ? Math.min(MAX_PAGE_SIZE, Math.max(1, args.first)) : undefined;
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
    if (type.name === 'Series' && field.name === 'observations') return Math.ceil(n / 10) * (1 + childComplexity);
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
  return getComplexity({
    estimators: [opts.stats ? createCostEstimator(opts.stats) : costEstimator],
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
