// schema.graphql at the root is emitted from the type-graphql classes and committed;
// this fails when the committed file differs from a fresh emit.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLEnumType, GraphQLInputObjectType, GraphQLInterfaceType, GraphQLObjectType, isIntrospectionType } from 'graphql';
import { buildAppSchema, printAppSchema } from '../../src/schema';

test('schema.graphql is up to date (run `npm run schema` when this fails)', async () => {
  const committed = readFileSync(join(__dirname, '..', '..', 'schema.graphql'), 'utf8');
  const fresh = printAppSchema(await buildAppSchema());
  if (committed !== fresh) {
    throw new Error('schema.graphql differs from the schema the code builds: run `npm run schema` and commit schema.graphql.');
  }
});

test('buildAppSchema is memoised', async () => {
  expect(await buildAppSchema()).toBe(await buildAppSchema());
});

test('every type, field, argument and enum value has a description', async () => {
  const schema = await buildAppSchema();
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
    if (!type.description) missing.push(type.name);
    if (type instanceof GraphQLObjectType || type instanceof GraphQLInterfaceType || type instanceof GraphQLInputObjectType) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description) missing.push(`${type.name}.${field.name}`);
        for (const arg of 'args' in field ? field.args : []) {
          if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
    }
    if (type instanceof GraphQLEnumType) {
      for (const v of type.getValues()) if (!v.description) missing.push(`${type.name}.${v.name}`);
    }
  }
  expect(missing).toEqual([]);
});

test('core contract names and types (docs/api.md)', async () => {
  const sdl = printAppSchema(await buildAppSchema()).replace(/"""[\s\S]*?"""/g, '').replace(/\s+/g, ' ');
  const expectations = [
    'country( asOf: Date iso3: String! ): Country',
    'goldSilverRatio( asOf: Date date: Date! kind: PriceKind = SPOT ): Float',
    'node( id: ID! ): Node',
    'sources: [Source!]!',
    // docs/api.md's pricePoints plus the additive `order` argument (XxxOrder convention; the default keeps the old order).
    'pricePoints( after: String before: String filter: PricePointFilter! first: Int last: Int order: PricePointOrder = DATE_ASC orderBy: PricePointOrderBy ): PricePointConnection!',
    'enum PricePointOrder { DATE_ASC DATE_DESC }',
    'countries( after: String asOf: Date filter: CountryFilter first: Int orderBy: CountryOrderBy ): CountryConnection!',
    'productionYears( after: String filter: ProductionYearFilter first: Int orderBy: ProductionYearOrderBy ): ProductionYearConnection!',
    'exportFlows( after: String filter: ExportFlowFilter first: Int orderBy: ExportFlowOrderBy ): ExportFlowConnection!',
    'production( fullYearOnly: Boolean = false metal: Metal = SILVER stage: ProductionStage yearFrom: Int yearTo: Int ): [ProductionYear!]!',
    'exports( metal: Metal = SILVER partnerIso3: String year: Int ): [ExportFlow!]!',
    'imports( metal: Metal = SILVER reporterIso3: String year: Int ): [ExportFlow!]!',
    'worldShare( metal: Metal = SILVER stage: ProductionStage = MINE year: Int! ): Float',
    'productionRank( metal: Metal = SILVER stage: ProductionStage = MINE year: Int! ): Int',
    'declineStreak( metal: Metal = SILVER stage: ProductionStage = REFINED ): Int',
    'changeSince( date: Date! ): Change',
    // docs/api.md's Change plus the additive provenance fields (isEstimate, previousSource).
    'type Change { absolute: Float! isEstimate: Boolean! percent: Float previous: Float! previousSource: Source ratio: Float }',
    'type PageInfo { endCursor: String hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String }',
  ];
  for (const e of expectations) expect(sdl).toContain(e);
  const schema = await buildAppSchema();
  const fieldsOf = (name: string) =>
    Object.fromEntries(Object.values((schema.getType(name) as GraphQLObjectType).getFields()).map((f) => [f.name, String(f.type)]));
  expect(fieldsOf('ProductionYear')).toMatchObject({
    id: 'ID!', country: 'Country!', metal: 'Metal!', stage: 'ProductionStage!', year: 'Int!', monthFrom: 'Int!', monthTo: 'Int!',
    isFullYear: 'Boolean!', tonnes: 'Float!', troyOunces: 'Float!', isEstimate: 'Boolean!', source: 'Source', yoyChange: 'Change', lowestSince: 'Int',
  });
  expect(fieldsOf('ExportFlow')).toMatchObject({
    id: 'ID!', reporter: 'Country!', partner: 'Country!', metal: 'Metal!', year: 'Int!', monthFrom: 'Int!', monthTo: 'Int!',
    tonnes: 'Float', valueUsd: 'Float', isEstimate: 'Boolean!', source: 'Source', share: 'Float', unitPriceUsdPerOz: 'Float',
    tonnesYoyChange: 'Change', valueYoyChange: 'Change',
  });
  expect(fieldsOf('PricePoint')).toMatchObject({
    id: 'ID!', metal: 'Metal!', kind: 'PriceKind!', date: 'Date!', priceUsdPerOz: 'Float!', isEstimate: 'Boolean!', source: 'Source', goldSilverRatio: 'Float', changeSince: 'Change',
  });
  expect(fieldsOf('Country')).toMatchObject({ id: 'ID!', iso3: 'String!', iso2: 'String', name: 'String!', isAggregate: 'Boolean!' });
  // Provenance and the export summary (docs/api.md, second round): additions beside the fields above.
  expect(fieldsOf('Change')).toMatchObject({ previous: 'Float!', absolute: 'Float!', percent: 'Float', ratio: 'Float', isEstimate: 'Boolean!', previousSource: 'Source' });
  expect(fieldsOf('ExportFlow')).toMatchObject({ shareBasis: 'ShareBasis' });
  expect(fieldsOf('PricePoint')).toMatchObject({ ratioPrices: '[PricePoint!]!' });
  expect(fieldsOf('Country')).toMatchObject({ productionRankOf: 'Int', exportSummary: 'ExportSummary' });
  expect(fieldsOf('ExportSummary')).toMatchObject({
    totalTonnes: 'Float', totalValueUsd: 'Float', unitPriceUsdPerOz: 'Float', partnerCount: 'Int!', namedShare: 'Float',
    totalBasis: 'ShareBasis', isEstimate: 'Boolean!', sources: '[Source!]!',
  });
  for (const t of ['Country', 'ProductionYear', 'ExportFlow', 'PricePoint', 'Source']) {
    expect((schema.getType(t) as GraphQLObjectType).getInterfaces().map((i) => i.name)).toEqual(['Node']);
  }
});
