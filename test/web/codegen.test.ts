// The committed typed documents in client/generated/ must be exactly what a fresh
// `npm run codegen` produces from schema.graphql and client/operations/*.graphql.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

const root = path.resolve(__dirname, '../..');

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full) : [full];
  });
}

describe('client/generated (GraphQL Code Generator output)', () => {
  let fresh: Map<string, string>;

  beforeAll(() => {
    expect(existsSync(path.join(root, 'schema.graphql'))).toBe(true);
    // generate(config, false) in a child process: @graphql-codegen/cli cannot be required under jest.
    const json = execFileSync(process.execPath, [path.join(__dirname, 'fresh-codegen.mjs'), root], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    const outputs: Array<{ filename: string; content: string }> = JSON.parse(json);
    fresh = new Map(outputs.map((o) => [path.resolve(root, o.filename), o.content]));
  });

  it('produces the typed documents for every operation', () => {
    const all = [...fresh.values()].join('\n');
    for (const name of [
      'CountriesDocument',
      'CountryOverviewDocument',
      'PriceSeriesDocument',
      'SourcesDocument',
      'PriceHistoryDocument',
      'MineProductionYearsDocument',
      'MineProductionByCountryDocument',
      'ProductionCsvDocument',
      'ExportsCsvDocument',
      'MineProductionCsvDocument',
      'PriceHistoryCsvDocument',
    ]) {
      expect(all).toContain(`export const ${name} =`);
    }
  });

  it('matches the committed files exactly (run `npm run codegen` and commit when this fails)', () => {
    const generatedDir = path.join(root, 'client', 'generated');
    const committed = existsSync(generatedDir) ? listFiles(generatedDir).sort() : [];
    const rel = (f: string) => path.relative(root, f);
    expect(committed.map(rel)).toEqual([...fresh.keys()].sort().map(rel));
    const stale = [...fresh.entries()]
      .filter(([file, content]) => readFileSync(file, 'utf8') !== content)
      .map(([file]) => rel(file));
    expect(stale).toEqual([]);
  });
});
