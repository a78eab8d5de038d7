// Writes through the API, on every database kind: keys and roles (UNAUTHENTICATED / FORBIDDEN before
// anything is read or written), the importer's rules and revisions, the writer recorded, the data
// version bumped so that cached answers are dropped, and deleteRevision.
import { createApiKey, revokeApiKey } from '../../src/auth/keys';
import { databaseKinds } from '../helpers/db';
import { startTestServer, type TestServer } from '../helpers/server';

const UPSERT_PRODUCTION = `mutation Upsert($input: ProductionYearInput!) {
  upsertProductionYear(input: $input) { id tonnes isEstimate isDerived isCurrent writtenBy writtenAt source { name } revisions { tonnes source { name } } }
}`;
const DELETE = 'mutation Delete($id: ID!) { deleteRevision(id: $id) }';
const KAZ_MINE_2024 = `{ country(iso3: "KAZ") { production(metal: SILVER, stage: MINE, yearFrom: 2024, yearTo: 2024) { id tonnes isCurrent writtenBy source { name } revisions { id tonnes } } } }`;
const KAZ_REFINED_2024 = `{ country(iso3: "KAZ") { production(metal: SILVER, stage: REFINED, yearFrom: 2024, yearTo: 2024) { tonnes monthFrom monthTo source { name } } } }`;

const refined2024 = (over: Record<string, unknown> = {}) => ({
  countryIso3: 'KAZ',
  metal: 'SILVER',
  stage: 'REFINED',
  year: 2024,
  tonnes: 701.25,
  sourceName: 'EnergyProm',
  ...over,
});

describe.each(databaseKinds)('writes with API keys (%s)', (kind) => {
  let s: TestServer;
  let editor: string;
  let admin: string;
  const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
  const statements: string[] = [];
  /** The SQL statements the server runs while answering `request`. */
  const statementsOf = async <T>(request: () => Promise<T>): Promise<{ result: T; sql: string[] }> => {
    statements.length = 0;
    const result = await request();
    return { result, sql: [...statements] };
  };

  /** Everything a write could change, to show that a refused one changed nothing. */
  const snapshot = async () => {
    const [production, flows, prices, version] = await Promise.all([
      s.db.prisma.productionYear.findMany({ orderBy: { id: 'asc' } }),
      s.db.prisma.exportFlow.count(),
      s.db.prisma.pricePoint.count(),
      s.db.prisma.dataVersion.findUnique({ where: { id: 1 } }),
    ]);
    return JSON.stringify({ production, flows, prices, version }, (_k, v) => (typeof v === 'bigint' ? String(v) : v));
  };

  /** Waits until the server knows the database's data version (its cache then drops older answers). */
  const settle = async () => {
    const { version } = (await s.db.prisma.dataVersion.findUnique({ where: { id: 1 } }))!;
    await s.server.dataVersion?.waitFor(version, 5000);
  };

  beforeAll(async () => {
    s = await startTestServer(kind, { env: { NODE_ENV: 'production' }, onQuery: (e) => statements.push(e.query) });
    editor = (await createApiKey(s.db.prisma, { name: 'ed', role: 'editor' })).key;
    admin = (await createApiKey(s.db.prisma, { name: 'root', role: 'admin' })).key;
  });
  afterAll(() => s?.stop());

  test('reads need no key', async () => {
    const res = await s.graphql(KAZ_REFINED_2024);
    expect(res.status).toBe(200);
    expect(res.body.data.country.production.length).toBeGreaterThan(0);
  });

  test('a write without a key: 401 UNAUTHENTICATED with WWW-Authenticate; not one SQL statement runs', async () => {
    const before = await snapshot();
    const { result: res, sql } = await statementsOf(() => s.graphql(UPSERT_PRODUCTION, { input: refined2024() }));
    expect(sql).toEqual([]);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors).toEqual([
      expect.objectContaining({ message: expect.stringContaining('"upsertProductionYear" needs an API key with the role editor or admin'), extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) }),
    ]);
    expect(await snapshot()).toBe(before);
  });

  test('an unknown, mistyped or revoked key: 401 UNAUTHENTICATED for writes and reads alike', async () => {
    const before = await snapshot();
    const { key: revoked } = await createApiKey(s.db.prisma, { name: 'gone', role: 'admin' });
    expect(await revokeApiKey(s.db.prisma, 'gone')).toBe(1);
    const wrongSecret = editor.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    for (const key of ['not-a-key', wrongSecret, revoked]) {
      for (const query of [UPSERT_PRODUCTION, KAZ_REFINED_2024]) {
        const res = await s.graphql(query, { input: refined2024() }, bearer(key));
        expect(res.status).toBe(401);
        expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
        expect(res.body.errors[0].message).toMatch(/API key is not valid/);
      }
    }
    expect(await snapshot()).toBe(before);
  });

  test('an editor key may not delete: 403 FORBIDDEN naming the roles; only the key is read', async () => {
    const current = (await s.graphql(KAZ_MINE_2024)).body.data.country.production[0];
    const before = await snapshot();
    const { result: res, sql } = await statementsOf(() => s.graphql(DELETE, { id: current.id }, bearer(editor)));
    // Only the key's own row is read.
    expect(sql.length).toBeGreaterThan(0);
    for (const q of sql) expect(q).toMatch(/"api_keys"/);
    expect(res.status).toBe(403);
    expect(res.body.errors[0]).toMatchObject({
      message: 'The API key "ed" has the role editor; "deleteRevision" needs the role admin.',
      extensions: { code: 'FORBIDDEN' },
    });
    expect(await snapshot()).toBe(before);
  });

  test('a mutation among fields that need different roles is refused as a whole', async () => {
    const current = (await s.graphql(KAZ_MINE_2024)).body.data.country.production[0];
    const before = await snapshot();
    const res = await s.graphql(
      `mutation Both($input: ProductionYearInput!, $id: ID!) { upsertProductionYear(input: $input) { id } deleteRevision(id: $id) }`,
      { input: refined2024({ tonnes: 1 }), id: current.id },
      bearer(editor),
    );
    expect(res.status).toBe(403);
    expect(await snapshot()).toBe(before);
  });

  test('an editor corrects a revision: same source updates it, recorded with the key and time; caches drop the old answer', async () => {
    // Cache the answer first.
    expect((await s.graphql(KAZ_REFINED_2024)).body.data.country.production).toContainEqual({ tonnes: 697.5, monthFrom: 1, monthTo: 12, source: { name: 'EnergyProm' } });
    const versionBefore = (await s.db.prisma.dataVersion.findUnique({ where: { id: 1 } }))!.version;
    const started = Date.now();
    const res = await s.graphql(UPSERT_PRODUCTION, { input: refined2024() }, bearer(editor));
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    const written = res.body.data.upsertProductionYear;
    expect(written).toMatchObject({ tonnes: 701.25, isEstimate: false, isDerived: false, isCurrent: true, writtenBy: 'ed', source: { name: 'EnergyProm' } });
    expect(written.revisions).toEqual([{ tonnes: 701.25, source: { name: 'EnergyProm' } }]);
    expect(Date.parse(written.writtenAt)).toBeGreaterThanOrEqual(started - 5000);
    expect((await s.db.prisma.dataVersion.findUnique({ where: { id: 1 } }))!.version).toBe(versionBefore + 1n);
    await settle();
    const after = await s.graphql(KAZ_REFINED_2024);
    expect(after.body.data.country.production).toContainEqual({ tonnes: 701.25, monthFrom: 1, monthTo: 12, source: { name: 'EnergyProm' } });

    // The same write again changes nothing, and keeps the version.
    const again = await s.graphql(UPSERT_PRODUCTION, { input: refined2024() }, bearer(editor));
    expect(again.body.data.upsertProductionYear.id).toBe(written.id);
    expect((await s.db.prisma.dataVersion.findUnique({ where: { id: 1 } }))!.version).toBe(versionBefore + 1n);
  });

  test('a new source adds a revision; the current value follows the rule (a non-estimate outranks an estimate)', async () => {
    const res = await s.graphql(
      UPSERT_PRODUCTION,
      { input: refined2024({ stage: 'MINE', tonnes: 870, isEstimate: true, sourceName: 'World Bank Pink Sheet' }) },
      bearer(admin),
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.upsertProductionYear).toMatchObject({ tonnes: 870, isEstimate: true, isCurrent: false, writtenBy: 'root' });
    const revisions = res.body.data.upsertProductionYear.revisions.map((r: { tonnes: number }) => r.tonnes);
    expect(revisions).toHaveLength(3);
    expect(revisions).toEqual(expect.arrayContaining([1000, 850, 870]));
    const mine = (await s.graphql(KAZ_MINE_2024)).body.data.country.production;
    expect(mine).toEqual([expect.objectContaining({ tonnes: 850, isCurrent: true, writtenBy: null, source: { name: 'USGS Mineral Commodity Summaries 2026' } })]);
  });

  test('bad input gets the importer rules as BAD_USER_INPUT naming the input field; nothing written', async () => {
    const before = await snapshot();
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ tonnes: -5 }, 'input.tonnes', /-5 is negative; accepted: a non-negative decimal number/],
      [{ tonnes: 1.2345 }, 'input.tonnes', /more than 3 decimals/],
      [{ countryIso3: 'ZZZ' }, 'input.countryIso3', /unknown country 'ZZZ'/],
      [{ sourceName: 'Nobody' }, 'input.sourceName', /unknown source 'Nobody'.*known: /],
      [{ isDerived: true }, 'input.isDerived', /a derived figure is an estimate, so set input.isEstimate to true/],
      [{ monthFrom: 11, monthTo: 3 }, 'input.monthTo', /3 is before input.monthFrom 11/],
      [{ year: 1500 }, 'input.year', /out of range; accepted: a year/],
    ];
    for (const [over, argument, message] of cases) {
      const res = await s.graphql(UPSERT_PRODUCTION, { input: refined2024(over) }, bearer(editor));
      expect(res.status).toBe(200);
      expect(res.body.data).toBeNull();
      expect(res.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
      expect(res.body.errors[0].message).toMatch(/^Argument "input" is not accepted, nothing was written: /);
      expect(res.body.errors[0].message).toMatch(message);
    }
    expect(await snapshot()).toBe(before);
  });

  test('upsertExportFlow and upsertPricePoint write through the same rules', async () => {
    const flow = await s.graphql(
      `mutation { upsertExportFlow(input: { reporterIso3: "KAZ", partnerIso3: "CHN", metal: SILVER, year: 2025, monthFrom: 1, monthTo: 10, tonnes: 12.5, valueUsd: 14000000, sourceName: "EnergyProm" }) {
        tonnes valueUsd isCurrent writtenBy reporter { iso3 } partner { iso3 } } }`,
      undefined,
      bearer(editor),
    );
    expect(flow.body.errors).toBeUndefined();
    expect(flow.body.data.upsertExportFlow).toEqual({ tonnes: 12.5, valueUsd: 14000000, isCurrent: true, writtenBy: 'ed', reporter: { iso3: 'KAZ' }, partner: { iso3: 'CHN' } });
    const self = await s.graphql(
      `mutation { upsertExportFlow(input: { reporterIso3: "KAZ", partnerIso3: "KAZ", metal: SILVER, year: 2025, tonnes: 1, sourceName: "EnergyProm" }) { id } }`,
      undefined,
      bearer(editor),
    );
    expect(self.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.partnerIso3' });

    const price = await s.graphql(
      `mutation { upsertPricePoint(input: { metal: SILVER, kind: SPOT, date: "2026-01-13", priceUsdPerOz: 86.1, sourceName: "EnergyProm" }) { date priceUsdPerOz isCurrent writtenBy } }`,
      undefined,
      bearer(editor),
    );
    expect(price.body.errors).toBeUndefined();
    expect(price.body.data.upsertPricePoint).toEqual({ date: '2026-01-13', priceUsdPerOz: 86.1, isCurrent: true, writtenBy: 'ed' });
    const monthly = await s.graphql(
      `mutation { upsertPricePoint(input: { metal: SILVER, kind: MONTHLY_AVERAGE, date: "2026-01-13", priceUsdPerOz: 80, sourceName: "EnergyProm" }) { id } }`,
      undefined,
      bearer(editor),
    );
    expect(monthly.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.date' });
    expect(monthly.body.errors[0].message).toMatch(/not the first of a month/);
  });

  test('an admin deletes a revision: the observation gets its current value again; a second delete answers false', async () => {
    const [current] = (await s.graphql(KAZ_MINE_2024)).body.data.country.production;
    expect(current.tonnes).toBe(850);
    const res = await s.graphql(DELETE, { id: current.id }, bearer(admin));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ data: { deleteRevision: true } });
    await settle();
    // Left: 1,000 (MCS 2025, estimate) and the estimate 870 written above; the later publication wins.
    const [now] = (await s.graphql(KAZ_MINE_2024)).body.data.country.production;
    expect(now).toMatchObject({ tonnes: 870, isCurrent: true });
    expect(now.revisions.map((r: { tonnes: number }) => r.tonnes).sort()).toEqual([1000, 870]);
    expect((await s.graphql(DELETE, { id: current.id }, bearer(admin))).body).toMatchObject({ data: { deleteRevision: false } });
    const bad = await s.graphql(DELETE, { id: 'Q291bnRyeToy' }, bearer(admin));
    expect(bad.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'id' });
  });

  test('concurrent writes of one observation under two sources take turns: no error, one current revision', async () => {
    const input = (i: number) => ({
      metal: 'GOLD',
      kind: 'SPOT',
      date: '2100-01-04',
      priceUsdPerOz: 3000 + i,
      isEstimate: i % 2 === 0,
      sourceName: i % 2 === 0 ? 'EnergyProm' : 'World Bank Pink Sheet',
    });
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        s.graphql('mutation W($input: PricePointInput!) { upsertPricePoint(input: $input) { id } }', { input: input(i) }, bearer(editor)),
      ),
    );
    for (const r of results) expect(r.body.errors).toBeUndefined();
    const rows = await s.db.prisma.pricePoint.findMany({ where: { metal: 'GOLD', kind: 'SPOT', date: new Date('2100-01-04') } });
    expect(rows).toHaveLength(2);
    expect(rows.filter((r) => r.isCurrent)).toEqual([expect.objectContaining({ isEstimate: false })]);
  });
});
