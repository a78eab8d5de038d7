import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { GraphQLEnumType, lexicographicSortSchema, printSchema, type ASTNode, type GraphQLSchema } from 'graphql';
import { buildSchema, type ContainerType } from 'type-graphql';
import { BadUserInputError, showValue } from './modules/common/errors';
import { validateArgs } from './modules/common/validation';
import { ChangeResolver } from './modules/common/change.resolver';
import { FigureResolver } from './modules/common/figure.resolver';
import { CountryResolver } from './modules/country/country.resolver';
import { CountryProductionResolver } from './modules/production/country-production.resolver';
import { CountryTradeResolver } from './modules/trade/country-trade.resolver';
import { CountryReservesResolver } from './modules/reserves/country-reserves.resolver';
import { ReserveResolver } from './modules/reserves/reserve.resolver';
import { CountrySeriesResolver } from './modules/series/country-series.resolver';
import { PriceTableResolver, SeriesResolver } from './modules/series/series.resolver';
import { NodeResolver } from './modules/node/node.resolver';
import { PricePointResolver } from './modules/price/price-point.resolver';
import { ProductionYearResolver } from './modules/production/production-year.resolver';
import { SourceResolver } from './modules/source/source.resolver';
import { ExportFlowResolver } from './modules/trade/export-flow.resolver';
import { ExportSummaryResolver } from './modules/trade/export-summary.resolver';
import { ProductionYearMutationResolver } from './modules/production/production-year.mutation';
import { ExportFlowMutationResolver } from './modules/trade/export-flow.mutation';
import { PricePointMutationResolver } from './modules/price/price-point.mutation';
import { RevisionMutationResolver } from './modules/revisions/revision.mutation';
import { ExportFlowWritesResolver, PricePointWritesResolver, ProductionYearWritesResolver } from './modules/revisions/revision-writes.resolver';

export const resolvers = [
  CountryResolver,
  CountryProductionResolver,
  CountryTradeResolver,
  CountryReservesResolver,
  ReserveResolver,
  CountrySeriesResolver,
  SeriesResolver,
  PriceTableResolver,
  ProductionYearResolver,
  ExportFlowResolver,
  PricePointResolver,
  SourceResolver,
  NodeResolver,
  ChangeResolver,
  FigureResolver,
  ExportSummaryResolver,
  ProductionYearMutationResolver,
  ExportFlowMutationResolver,
  PricePointMutationResolver,
  RevisionMutationResolver,
  ProductionYearWritesResolver,
  ExportFlowWritesResolver,
  PricePointWritesResolver,
] as const;

/** Header of the committed schema.graphql. */
export const SCHEMA_FILE_HEADER =
  '# argentum GraphQL schema, emitted from the type-graphql classes in src/modules.\n' +
  '# Do not edit: run `npm run schema` to rewrite it (a test fails when it is out of date).\n\n';

/** The schema as SDL, sorted, with descriptions: the content of schema.graphql. */
export function printAppSchema(schema: GraphQLSchema): string {
  return SCHEMA_FILE_HEADER + printSchema(lexicographicSortSchema(schema)) + '\n';
}

/**
 * graphql-js rejects an unknown enum value with a plain error; make it a BAD_USER_INPUT that lists
 * the accepted values (literals and variables alike). Applies to every enum of the schema.
 */
function rejectUnknownEnumValuesAsUserInput(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLEnumType) || type.name.startsWith('__')) continue;
    const accepted = type.getValues().map((v) => v.name).join(', ');
    const fail = (shown: string, node?: ASTNode) => new BadUserInputError(`${type.name} must be one of ${accepted}, got ${shown}.`, undefined, node);
    const parseValue = type.parseValue.bind(type);
    const parseLiteral = type.parseLiteral.bind(type);
    type.parseValue = (value: unknown) => {
      try {
        return parseValue(value);
      } catch {
        throw fail(showValue(value));
      }
    };
    type.parseLiteral = (node, variables, hideSuggestions) => {
      try {
        return parseLiteral(node, variables, hideSuggestions);
      } catch {
        throw fail('value' in node ? String(node.value) : node.kind, node);
      }
    };
  }
}

let built: Promise<GraphQLSchema> | undefined;

/**
 * One instance per resolver class, found by a Map: type-graphql's default container finds it by a
 * linear search of every class it made, on each call of a field resolver (550 on a series answer).
 */
function resolverInstances(): ContainerType {
  const instances = new Map<unknown, unknown>();
  return {
    get(someClass: new () => unknown) {
      let instance = instances.get(someClass);
      if (instance === undefined) instances.set(someClass, (instance = new someClass()));
      return instance;
    },
  };
}

/**
 * Builds the executable schema once (memoised); with emitSchemaFile, also writes the SDL there.
 *
 * Every @ObjectType sets simpleResolvers: a field with no resolver method is read as a plain
 * property (no middleware or auth checker is used here), which graphql-jit compiles inline, and so
 * is a getter (patches/type-graphql+*.patch: roots are class instances, made by fromTuple/fromRow);
 * type-graphql's default wraps each such read in a middleware runner (an object and a closure per
 * value, 3,300 of them on a 550-row series). A field whose value is a promise must opt out.
 */
export async function buildAppSchema(opts: { emitSchemaFile?: string } = {}): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers,
    container: resolverInstances(),
    validateFn: validateArgs,
    emitSchemaFile: false,
  }).then((schema) => {
    const query = schema.getQueryType();
    if (query) {
      query.description =
        'Precious-metals statistics: production, exports and prices, each figure with its source. Quantities are in the unit their name says (tonnes, troy ounces, US dollars).';
    }
    const mutation = schema.getMutationType();
    if (mutation) {
      mutation.description =
        'Writes to the figures, each needing an API key (`Authorization: Bearer <key>` or `X-API-Key`) with the role the field names. Every write keeps revisions, records its key and time, and drops cached answers.';
    }
    rejectUnknownEnumValuesAsUserInput(schema);
    return schema;
  });
  if (!opts.emitSchemaFile) return built;
  const schema = await built;
  await writeFile(opts.emitSchemaFile, printAppSchema(schema));
  return schema;
}
