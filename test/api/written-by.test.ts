// writtenBy only to callers with a valid key (issue #21): the name of the API key that wrote a
// revision is answered to a request carrying a valid key of any role, null to an anonymous one; the
// response cache keeps the two answers apart, and a GET answered with a key is not for shared caches.
import { createApiKey } from '../../src/auth/keys';
import { databaseKinds } from '../helpers/db';
import { startTestServer, type TestServer } from '../helpers/server';

const WRITTEN = `query Written($production: ID!, $flow: ID!, $price: ID!) {
  production: node(id: $production) { ... on ProductionYear { writtenBy writtenAt } }
  flow: node(id: $flow) { ... on ExportFlow { writtenBy writtenAt } }
  price: node(id: $price) { ... on PricePoint { writtenBy writtenAt } }
}`;

type Written = Record<'production' | 'flow' | 'price', { writtenBy: string | null; writtenAt: string }>;
const writersOf = (data: Written) => Object.values(data).map((n) => n.writtenBy);

describe.each(databaseKinds)('writtenBy only with a valid API key (%s)', (kind) => {
  let s: TestServer;
  let editor: string;
  let admin: string;
  const ids: string[] = [];
  const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

  beforeAll(async () => {
    s = await startTestServer(kind);
    editor = (await createApiKey(s.db.prisma, { name: 'ed', role: 'editor' })).key;
    admin = (await createApiKey(s.db.prisma, { name: 'root', role: 'admin' })).key;
    const writes = [
      `mutation { upsertProductionYear(input: { countryIso3: "KAZ", metal: SILVER, stage: REFINED, year: 2024, tonnes: 701.25, sourceName: "EnergyProm" }) { id writtenBy } }`,
      `mutation { upsertExportFlow(input: { reporterIso3: "KAZ", partnerIso3: "CHN", metal: SILVER, year: 2025, tonnes: 12.5, sourceName: "EnergyProm" }) { id writtenBy } }`,
      `mutation { upsertPricePoint(input: { metal: SILVER, kind: SPOT, date: "2026-01-13", priceUsdPerOz: 86.1, sourceName: "EnergyProm" }) { id writtenBy } }`,
    ];
    for (const write of writes) {
      const res = await s.graphql(write, undefined, bearer(editor));
      expect(res.body.errors).toBeUndefined();
      const [written] = Object.values(res.body.data) as { id: string; writtenBy: string }[];
      // The writer holds a key: the mutation's answer names it.
      expect(written.writtenBy).toBe('ed');
      ids.push(written.id);
    }
    const { version } = (await s.db.prisma.dataVersion.findUnique({ where: { id: 1 } }))!;
    await s.server.dataVersion?.waitFor(version, 5000);
  });
  afterAll(() => s?.stop());

  const variables = () => ({ production: ids[0], flow: ids[1], price: ids[2] });
  const read = (headers?: object) => s.graphql(WRITTEN, variables(), headers);
  const writers = (res: Awaited<ReturnType<typeof read>>) => writersOf(res.body.data);

  test('an anonymous read gets null for writtenBy (writtenAt stays public); a read with a key of any role gets the name', async () => {
    const anonymous = await read();
    expect(anonymous.body.errors).toBeUndefined();
    expect(writers(anonymous)).toEqual([null, null, null]);
    for (const node of Object.values(anonymous.body.data as Written)) expect(Date.parse(node.writtenAt)).not.toBeNaN();

    // The same request with a key is not answered from the anonymous answer cached just before.
    expect(writers(await read(bearer(editor)))).toEqual(['ed', 'ed', 'ed']);
    expect(writers(await read({ 'x-api-key': admin }))).toEqual(['ed', 'ed', 'ed']);
    // Nor the other way round: the keyed answer, cached now, never reaches an anonymous reader.
    const keyedAgain = await read(bearer(editor));
    expect(keyedAgain.headers.get('x-cache')).toBe('HIT');
    expect(writers(keyedAgain)).toEqual(['ed', 'ed', 'ed']);
    const anonymousAgain = await read();
    expect(anonymousAgain.headers.get('x-cache')).toBe('HIT');
    expect(writers(anonymousAgain)).toEqual([null, null, null]);
  });

  test('a GET answered with a key is marked private for HTTP caches; an anonymous one stays public', async () => {
    const url = `${s.url}/graphql?${new URLSearchParams({ query: WRITTEN, variables: JSON.stringify(variables()) })}`;
    const anonymous = await fetch(url, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } });
    expect(anonymous.headers.get('cache-control')).toMatch(/^public, /);
    expect(writersOf((await anonymous.json()).data)).toEqual([null, null, null]);
    for (let i = 0; i < 2; i++) {
      // A MISS, then a HIT: both private.
      const keyed = await fetch(url, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true', ...bearer(editor) } });
      expect(keyed.headers.get('cache-control')).toMatch(/^private, /);
      expect(writersOf((await keyed.json()).data)).toEqual(['ed', 'ed', 'ed']);
    }
  });

  test('a key that does not verify is refused, not read as anonymous', async () => {
    const res = await read(bearer('ag_0000000000000000_not-a-key'));
    expect(res.status).toBe(401);
    expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
