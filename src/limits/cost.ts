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
// - a plain list field (a country's `production`, `exports`, `imports`, `sources`): n x (1 + children),
//   n = its `first` argument when it has one, else NESTED_LIST_SIZE = 10 (the bound assumed for
//   lists that have no paging argument: per-country yearly series and partner lists are short);
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
import { limitError } from './shape.js';

export const DEFAULT_PAGE_SIZE = 20;
export const NESTED_LIST_SIZE = 10;
export const MAX_PAGE_SIZE = 100;

const isConnectionTypeName = (name: string) => name.endsWith('Connection');

export const costEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
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
    return (first ?? NESTED_LIST_SIZE) * (1 + childComplexity);
  }
  // Objects without an identity of their own (Change) are computed in memory from rows already
  // counted; only entities (Node types) cost a point each.
  if (isObjectType(named) && !named.getInterfaces().some((i) => i.name === 'Node')) return childComplexity;
  return 1 + childComplexity;
};

export function costLimitMessage(cost: number, maxCost: number): string {
  return `Query cost ${cost} exceeds the maximum of ${maxCost}; ask for smaller pages (first: n) or fewer nested lists`;
}

export function computeQueryCost(opts: {
  schema: GraphQLSchema;
  document: DocumentNode;
  variables?: Record<string, unknown>;
  operationName?: string;
}): number {
  return getComplexity({
    estimators: [costEstimator],
    schema: opts.schema,
    query: opts.document,
    variables: opts.variables as Record<string, any> | undefined,
    operationName: opts.operationName,
  });
}

/**
 * Refuses operations whose cost exceeds `maxCost` after the operation is resolved (variables are
 * known) and before execution, with HTTP 400 and a message naming the cost and the maximum.
 */
export function costLimitPlugin(maxCost: number): ApolloServerPlugin<any> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(rc) {
          if (!rc.operation) return;
          let cost: number;
          try {
            cost = computeQueryCost({
              schema: rc.schema,
              document: rc.document,
              variables: rc.request.variables,
              operationName: rc.operation.name?.value,
            });
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
        },
      };
    },
  };
}

/** Where the cost plugin leaves the computed cost on the request's context (for logs). */
export const QUERY_COST = Symbol.for('argentum.queryCost');
