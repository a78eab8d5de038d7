// Every model round-trips, and the database itself refuses rows that break a rule (check
// constraints from the migration, unique keys), on every database kind under test.
import { Prisma } from '../../src/generated/prisma/client';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/db';
import { DatabaseError, type QueryEvent } from '../../src/db';

describe.each(databaseKinds)('models on %s', (kind) => {
  let t: TestDatabase;
  const queries: QueryEvent[] = [];
  let ids: { source: number; kaz: number; gbr: number; wld: number };

  beforeAll(async () => {
    t = await createTestDatabase(kind, { onQuery: (e) => queries.push(e) });
    const source = await t.prisma.source.create({ data: { name: 'EnergyProm', publisher: 'EnergyProm.kz', url: 'https://energyprom.kz', publishedOn: new Date('2025-12-20'), note: 'n' } });
    const [kaz, gbr, wld] = await Promise.all([
      t.prisma.country.create({ data: { iso3: 'KAZ', iso2: 'KZ', name: 'Kazakhstan' } }),
      t.prisma.country.create({ data: { iso3: 'GBR', iso2: 'GB', name: 'United Kingdom' } }),
      t.prisma.country.create({ data: { iso3: 'WLD', name: 'World', isAggregate: true } }),
    ]);
    ids = { source: source.id, kaz: kaz.id, gbr: gbr.id, wld: wld.id };
  });
  afterAll(async () => {
    await t?.drop();
  });

  test('ping answers', async () => {
    await expect(t.db.ping()).resolves.toBeUndefined();
    expect(t.db.kind).toBe(kind);
  });

  test('Source and Country round-trip', async () => {
    const source = await t.prisma.source.findUniqueOrThrow({ where: { name: 'EnergyProm' } });
    expect(source).toMatchObject({ publisher: 'EnergyProm.kz', url: 'https://energyprom.kz', note: 'n' });
    expect(source.publishedOn?.toISOString()).toBe('2025-12-20T00:00:00.000Z');
    const wld = await t.prisma.country.findUniqueOrThrow({ where: { iso3: 'WLD' } });
    expect(wld).toMatchObject({ iso2: null, name: 'World', isAggregate: true });
    const kaz = await t.prisma.country.findUniqueOrThrow({ where: { iso2: 'KZ' } });
    expect(kaz).toMatchObject({ iso3: 'KAZ', isAggregate: false });
  });

  test('ProductionYear round-trips with exact decimals and default months', async () => {
    const created = await t.prisma.productionYear.create({
      data: { countryId: ids.kaz, metal: 'SILVER', stage: 'REFINED', year: 2024, tonnes: '697.5', sourceId: ids.source },
    });
    const back = await t.prisma.productionYear.findUniqueOrThrow({ where: { id: created.id }, include: { country: true, source: true } });
    expect(back).toMatchObject({ metal: 'SILVER', stage: 'REFINED', year: 2024, monthFrom: 1, monthTo: 12, isEstimate: false });
    expect(back.tonnes).toBeInstanceOf(Prisma.Decimal);
    expect(back.tonnes.toFixed(3)).toBe('697.500');
    expect(back.country.iso3).toBe('KAZ');
    expect(back.source?.name).toBe('EnergyProm');

    // The largest value DECIMAL(14,3) holds, which a float would round.
    const big = await t.prisma.productionYear.create({
      data: { countryId: ids.kaz, metal: 'SILVER', stage: 'REFINED', year: 2025, monthFrom: 1, monthTo: 11, tonnes: new Prisma.Decimal('99999999999.999'), isEstimate: true },
    });
    const bigBack = await t.prisma.productionYear.findUniqueOrThrow({ where: { id: big.id } });
    expect(bigBack.tonnes.toFixed(3)).toBe('99999999999.999');
    expect(bigBack).toMatchObject({ monthFrom: 1, monthTo: 11, isEstimate: true, sourceId: null });
  });

  test('ExportFlow round-trips with exact decimals and nullable figures', async () => {
    const created = await t.prisma.exportFlow.create({
      data: { reporterId: ids.kaz, partnerId: ids.wld, metal: 'SILVER', year: 2025, monthFrom: 1, monthTo: 10, tonnes: '516.8', valueUsd: '581100000.00', sourceId: ids.source },
    });
    const back = await t.prisma.exportFlow.findUniqueOrThrow({ where: { id: created.id }, include: { reporter: true, partner: true } });
    expect(back.tonnes?.toFixed(3)).toBe('516.800');
    expect(back.valueUsd?.toFixed(2)).toBe('581100000.00');
    expect([back.reporter.iso3, back.partner.iso3]).toEqual(['KAZ', 'WLD']);

    const valueOnly = await t.prisma.exportFlow.create({
      data: { reporterId: ids.kaz, partnerId: ids.gbr, metal: 'SILVER', year: 2025, monthFrom: 1, monthTo: 10, valueUsd: '0.01' },
    });
    const valueOnlyBack = await t.prisma.exportFlow.findUniqueOrThrow({ where: { id: valueOnly.id } });
    expect(valueOnlyBack.tonnes).toBeNull();
    expect(valueOnlyBack.valueUsd?.toString()).toBe('0.01');
  });

  test('PricePoint round-trips with exact decimals and a date-only date', async () => {
    const created = await t.prisma.pricePoint.create({
      data: { metal: 'GOLD', kind: 'SPOT', date: new Date('2026-01-12'), priceUsdPerOz: '4602.1234', isEstimate: true, sourceId: ids.source },
    });
    const back = await t.prisma.pricePoint.findUniqueOrThrow({ where: { metal_kind_date: { metal: 'GOLD', kind: 'SPOT', date: new Date('2026-01-12') } } });
    expect(back.id).toBe(created.id);
    expect(back.priceUsdPerOz.toFixed(4)).toBe('4602.1234');
    expect(back.date.toISOString()).toBe('2026-01-12T00:00:00.000Z');
    expect(back).toMatchObject({ kind: 'SPOT', isEstimate: true, sourceId: ids.source });
  });

  test('onQuery sees every SQL statement Prisma sends', async () => {
    const before = queries.length;
    await t.prisma.country.findMany({ where: { iso3: 'KAZ' }, include: { productionYears: true } });
    const seen = queries.slice(before);
    expect(seen.length).toBeGreaterThanOrEqual(1);
    expect(seen.some((q) => /SELECT/i.test(q.query) && q.query.includes('countries'))).toBe(true);
    for (const q of seen) {
      expect(typeof q.params).toBe('string');
      expect(typeof q.durationMs).toBe('number');
    }
  });

  // Each case must fail on the database's own check constraint, whatever Prisma validates itself.
  const checks: Array<[string, string, () => Promise<unknown>]> = [
    ['month 13', 'production_years_months_check', () => t.prisma.productionYear.create({ data: { countryId: ids.kaz, metal: 'GOLD', stage: 'MINE', year: 2020, monthFrom: 1, monthTo: 13, tonnes: 1 } })],
    ['month 0', 'production_years_months_check', () => t.prisma.productionYear.create({ data: { countryId: ids.kaz, metal: 'GOLD', stage: 'MINE', year: 2020, monthFrom: 0, monthTo: 5, tonnes: 1 } })],
    ['monthFrom > monthTo', 'production_years_period_check', () => t.prisma.productionYear.create({ data: { countryId: ids.kaz, metal: 'GOLD', stage: 'MINE', year: 2020, monthFrom: 6, monthTo: 5, tonnes: 1 } })],
    ['negative production tonnes', 'production_years_tonnes_check', () => t.prisma.productionYear.create({ data: { countryId: ids.kaz, metal: 'GOLD', stage: 'MINE', year: 2020, tonnes: '-0.001' } })],
    ['year out of range', 'production_years_year_check', () => t.prisma.productionYear.create({ data: { countryId: ids.kaz, metal: 'GOLD', stage: 'MINE', year: 20240, tonnes: 1 } })],
    ['export month 13', 'export_flows_months_check', () => t.prisma.exportFlow.create({ data: { reporterId: ids.kaz, partnerId: ids.gbr, metal: 'GOLD', year: 2020, monthTo: 13, tonnes: 1 } })],
    ['export monthFrom > monthTo', 'export_flows_period_check', () => t.prisma.exportFlow.create({ data: { reporterId: ids.kaz, partnerId: ids.gbr, metal: 'GOLD', year: 2020, monthFrom: 12, monthTo: 1, tonnes: 1 } })],
    ['negative export tonnes', 'export_flows_tonnes_check', () => t.prisma.exportFlow.create({ data: { reporterId: ids.kaz, partnerId: ids.gbr, metal: 'GOLD', year: 2020, tonnes: -1 } })],
    ['negative export value', 'export_flows_value_usd_check', () => t.prisma.exportFlow.create({ data: { reporterId: ids.kaz, partnerId: ids.gbr, metal: 'GOLD', year: 2020, valueUsd: -5 } })],
    ['negative price', 'price_points_price_check', () => t.prisma.pricePoint.create({ data: { metal: 'SILVER', kind: 'SPOT', date: new Date('2025-01-01'), priceUsdPerOz: '-31.3' } })],
    ['lower-case iso3', 'countries_iso3_check', () => t.prisma.country.create({ data: { iso3: 'kaz', name: 'x' } })],
    ['short iso3', 'countries_iso3_check', () => t.prisma.country.create({ data: { iso3: 'KZ', name: 'x' } })],
    ['bad iso2', 'countries_iso2_check', () => t.prisma.country.create({ data: { iso3: 'XXA', iso2: 'x1', name: 'x' } })],
  ];
  test.each(checks)('refuses %s (%s)', async (_case, constraint, insert) => {
    await expect(insert()).rejects.toThrow(constraint);
  });

  const uniques: Array<[string, () => Promise<unknown>]> = [
    ['Source.name', () => t.prisma.source.create({ data: { name: 'EnergyProm' } })],
    ['Country.iso3', () => t.prisma.country.create({ data: { iso3: 'KAZ', name: 'again' } })],
    ['Country.iso2', () => t.prisma.country.create({ data: { iso3: 'KAX', iso2: 'KZ', name: 'again' } })],
    ['ProductionYear period', () => t.prisma.productionYear.create({ data: { countryId: ids.kaz, metal: 'SILVER', stage: 'REFINED', year: 2024, monthFrom: 1, monthTo: 12, tonnes: 1 } })],
    ['ExportFlow period', () => t.prisma.exportFlow.create({ data: { reporterId: ids.kaz, partnerId: ids.wld, metal: 'SILVER', year: 2025, monthFrom: 1, monthTo: 10, tonnes: 1 } })],
    ['PricePoint date', () => t.prisma.pricePoint.create({ data: { metal: 'GOLD', kind: 'SPOT', date: new Date('2026-01-12'), priceUsdPerOz: 1 } })],
  ];
  test.each(uniques)('refuses a duplicate %s', async (_key, insert) => {
    // The first rows were created by the round-trip tests above (same file, in order).
    await expect(insert()).rejects.toMatchObject({ code: 'P2002' });
  });

  test('refuses a production row for a missing country (foreign key)', async () => {
    await expect(
      t.prisma.productionYear.create({ data: { countryId: 999999, metal: 'GOLD', stage: 'MINE', year: 2020, tonnes: 1 } }),
    ).rejects.toMatchObject({ code: 'P2003' });
  });

  // Last: closes the shared database (drop() in afterAll closes it once more).
  test('close() can be called twice; ping() afterwards is a DatabaseError', async () => {
    await t.db.close();
    await expect(t.db.close()).resolves.toBeUndefined();
    await expect(t.db.ping()).rejects.toBeInstanceOf(DatabaseError);
  });
});
