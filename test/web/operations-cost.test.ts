// Every typed operation the dashboard and the example send stays within the server's query cost
// limit with its default variables (a request refused for its cost would break a page), costed by
// the server's own estimator on the emitted schema. Catches a cost model change that a committed
// operation no longer fits.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import * as generated from '../../client/generated/graphql';
import { loadConfig } from '../../src/config';
import { computeQueryCost } from '../../src/limits';

const root = path.resolve(__dirname, '../..');
const schema = buildSchema(readFileSync(path.join(root, 'schema.graphql'), 'utf8'));
const { maxCost } = loadConfig({ NODE_ENV: 'test' });

const operations = Object.entries(generated as Record<string, unknown>)
  .filter(([name]) => name.endsWith('Document'))
  .map(([name, doc]) => [name, doc as DocumentNode] as const)
  .filter(([, doc]) => doc.definitions.some((d) => d.kind === 'OperationDefinition'));

// Variables the operations require (no default): values of the kind the dashboard sends.
const required: Record<string, unknown> = { iso3: 'KAZ', metal: 'SILVER', kind: 'MONTHLY_AVERAGE', year: 2024 };

describe('query cost of the committed operations', () => {
  it('finds the operations', () => {
    expect(operations.map(([name]) => name)).toEqual(expect.arrayContaining(['PriceHistoryDocument', 'CountryOverviewDocument']));
  });

  it.each(operations)('%s costs at most the limit', (_name, document) => {
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
    const variables = Object.fromEntries(
      (operation.variableDefinitions ?? [])
        .filter((v) => !v.defaultValue && v.type.kind === 'NonNullType')
        .map((v) => [v.variable.name.value, required[v.variable.name.value]]),
    );
    const cost = computeQueryCost({ schema, document, variables, operationName: operation.name?.value });
    expect(cost).toBeGreaterThan(0);
    expect(cost).toBeLessThanOrEqual(maxCost);
  });

  it('prices the whole price history (three metals and the ratio, any frequency and units) far under the limit', () => {
    const cost = computeQueryCost({ schema, document: generated.PriceHistoryDocument, variables: { frequency: 'MONTHLY', units: 'PERCENT_CHANGE_FROM_YEAR_AGO' } });
    expect(cost).toBeLessThanOrEqual(maxCost / 4);
  });
});
