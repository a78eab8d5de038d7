// Accept: text/csv on /graphql over HTTP, on every database kind, with the seeded real dataset:
// a connection, a series, a nested list, RFC 4180 quoting, row counts, and JSON when the answer has errors.
import { parse } from 'csv-parse/sync';
import { tableOf } from '../../src/csv/table';
import { databaseKinds } from '../helpers/db';
import { startTestServer, type TestServer } from '../helpers/server';

const csvHeaders = { accept: 'text/csv' };

describe('tableOf: the first list of a result, leaf fields as dotted paths', () => {
  test('a connection: its nodes; nested objects as dotted columns; lists inside an item as JSON', () => {
    const t = tableOf({ exportFlows: { totalCount: 2, edges: [{ node: { year: 2025, partner: { iso3: 'GBR', name: 'United Kingdom' }, tags: [1, 2] } }, { node: { year: 2024, partner: null } }] } });
    expect(t).toMatchObject({ path: 'exportFlows.edges.node', columns: ['year', 'partner.iso3', 'partner.name', 'tags'] });
    expect(t!.items).toHaveLength(2);
    // An object null in the first item: its fields take its place in the column order.
    expect(tableOf({ list: [{ a: 1, change: null, z: 2 }, { a: 1, change: { percent: 3, previous: 4 }, z: 2 }] })?.columns).toEqual(['a', 'change.percent', 'change.previous', 'z']);
  });

  test('the first list depth first: a country object holds the list; a series its observations; scalars one column', () => {
    expect(tableOf({ country: { name: 'Kazakhstan', exports: [{ tonnes: 1 }] }, prices: [{ a: 1 }] })?.path).toBe('country.exports');
    expect(tableOf({ priceSeries: { frequency: 'MONTHLY', stats: { count: 1 }, observations: [{ date: '2024-01-01', value: 1 }] } })?.columns).toEqual(['date', 'value']);
    expect(tableOf({ list: [1, 2] })).toMatchObject({ columns: ['value'], items: [{ value: 1 }, { value: 2 }] });
    expect(tableOf({ country: { name: 'x' } })).toBeNull();
  });
});

describe.each(databaseKinds)('CSV over HTTP (%s)', (kind) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(kind);
  });
  afterAll(async () => {
    await s?.stop();
  });

  const post = (query: string, variables?: object, headers: Record<string, string> = csvHeaders) =>
    fetch(`${s.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });

  test('a connection: header of dotted paths, one line per node, CRLF, quoting; as many lines as totalCount', async () => {
    const query = `{ pricePoints(filter: { metal: SILVER, kind: MONTHLY_AVERAGE, dateFrom: "2025-01-01" }, first: 100) { totalCount edges { node { date priceUsdPerOz isEstimate source { name licence } } } } }`;
    const res = await post(query);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="pricePoints.csv"');
    expect(res.headers.get('vary')).toMatch(/Accept/i);
    const text = await res.text();
    expect(text.split('\r\n')[0]).toBe('date,priceUsdPerOz,isEstimate,source.name,source.licence');
    const rows: string[][] = parse(text);
    const json = (await (await post(query, undefined, { accept: 'application/json' })).json()) as any;
    expect(rows).toHaveLength(json.data.pricePoints.edges.length + 1);
    expect(rows[1]).toEqual(['2025-01-01', String(json.data.pricePoints.edges[0].node.priceUsdPerOz), 'false', 'World Bank Pink Sheet', json.data.pricePoints.edges[0].node.source.licence ?? '']);
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

  test('an answer with errors stays JSON; so does one without a list; JSON clients are unaffected', async () => {
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
    const refused = await fetch(url, { headers: { accept: 'text/csv' } });
    expect(refused.status).toBe(400); // Apollo's CSRF prevention, as for JSON
  });
});
