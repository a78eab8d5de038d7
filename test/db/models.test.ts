// Every model round-trips, and the database itself refuses rows that break a rule (check
// constraints from the migration, unique keys), on every database kind under test.
import { Prisma } from '../../src/generated/prisma/client';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/db';
import { DatabaseError, type QueryEvent } from '../../src/db';
import { Metal, PriceKind, ProductionStage } from '../../src/generated/prisma/enums';

describe.each(databaseKinds)('models on %s', (kind) => {
  let t: TestDatabase;
  const queries: QueryEvent[] = [];
  let ids: { source: number; other: number; kaz: number; gbr: number; wld: number };

  beforeAll(async () => {
    t = await createTestDatabase(kind, { onQuery: (e) => queries.push(e) });
    const source = await t.prisma.source.create({ data: { name: 'EnergyProm', publisher: 'EnergyProm.kz', url: 'https://energyprom.kz', publishedOn: new Date('2025-12-20'), note: 'n', licence: 'CC BY 4.0' } });
    const other = await t.prisma.source.create({ data: { name: 'Another edition' } });
    const [kaz, gbr, wld] = await Promise.all([
      t.prisma.country.create({ data: { iso3: 'KAZ', iso2: 'KZ', name: 'Kazakhstan' } }),
      t.prisma.country.create({ data: { iso3: 'GBR', iso2: 'GB', name: 'United Kingdom' } }),
      t.prisma.country.create({ data: { iso3: 'WLD', name: 'World', isAggregate: true } }),
    ]);
    ids = { source: source.id, other: other.id, kaz: kaz.id, gbr: gbr.id, wld: wld.id };
  });
  afterAll(async () => {
    await t?.drop();
  });

  test('ping answers', async () => {
    await expect(t.db.ping()).resolves.toBeUndefined();
    expect(t.db.kind).toBe(kind);
  });

  test("the database's enums list their values in the schema's order (loaders order metals by it in code as PostgreSQL does)", async () => {
    const [row] = await t.prisma.$queryRawUnsafe<Array<{ metals: string[]; stages: string[]; kinds: string[] }>>(
      `SELECT enum_range(NULL::"Metal")::text[] AS metals, enum_range(NULL::"ProductionStage")::text[] AS stages, enum_range(NULL::"PriceKind")::text[] AS kinds`,
    );
    expect(row).toEqual({ metals: Object.values(Metal), stages: Object.values(ProductionStage), kinds: Object.values(PriceKind) });
  });

  test('Source and Country round-trip', async () => {
    const source = await t.prisma.source.findUniqueOrThrow({ where: { name: 'EnergyProm' } });
    expect(source).toMatchObject({ publisher: 'EnergyProm.kz', url: 'https://energyprom.kz', note: 'n', licence: 'CC BY 4.0' });
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
    expect(back).toMatchObject({ metal: 'SILVER', stage: 'REFINED', year: 2024, monthFrom: 1, monthTo: 12, isEstimate: false, isDerived: false, isCurrent: false });
    expect(back.writtenAt).toBeInstanceOf(Date);
    expect(back.tonnes).toBeInstanceOf(Prisma.Decimal);
    expect(back.tonnes.toFixed(3)).toBe('697.500');
    expect(back.country.iso3).toBe('KAZ');
    expect(back.source?.name).toBe('EnergyProm');

    // The largest value DECIMAL(14,3) holds, which a float would round.
    const big = await t.prisma.productionYear.create({
      data: { countryId: ids.kaz, metal: 'SILVER', stage: 'REFINED', year: 2025, monthFrom: 1, monthTo: 11, tonnes: new Prisma.Decimal('99999999999.999'), isEstimate: true, isDerived: true, sourceId: ids.source },
    });
    const bigBack = await t.prisma.productionYear.findUniqueOrThrow({ where: { id: big.id } });
    expect(bigBack.tonnes.toFixed(3)).toBe('99999999999.999');
    expect(bigBack).toMatchObject({ monthFrom: 1, monthTo: 11, isEstimate: true, isDerived: true, sourceId: ids.source });
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
      data: { reporterId: ids.kaz, partnerId: ids.gbr, metal: 'SILVER', year: 2025, monthFrom: 1, monthTo: 10, valueUsd: '0.01', sourceId: ids.source },
    });
    const valueOnlyBack = await t.prisma.exportFlow.findUniqueOrThrow({ where: { id: valueOnly.id } });
    expect(valueOnlyBack.tonnes).toBeNull();
    expect(valueOnlyBack.valueUsd?.toString()).toBe('0.01');
  });

  test('PricePoint round-trips with exact decimals and a date-only date', async () => {
    const created = await t.prisma.pricePoint.create({
      data: { metal: 'GOLD', kind: 'SPOT', date: new Date('2026-01-12'), priceUsdPerOz: '4602.1234', isEstimate: true, sourceId: ids.source },
    });
    const back = await t.prisma.pricePoint.findUniqueOrThrow({ where: { metal_kind_date_sourceId: { metal: 'GOLD', kind: 'SPOT', date: new Date('2026-01-12'), sourceId: ids.source } } });
    expect(back.id).toBe(created.id);
    expect(back.priceUsdPerOz.toFixed(4)).toBe('4602.1234');
    expect(back.date.toISOString()).toBe('2026-01-12T00:00:00.000Z');
    expect(back).toMatchObject({ kind: 'SPOT', isEstimate: true, sourceId: ids.source });
  });

  test('Reserve round-trips; US refinery stages are stored', async () => {
    const created = await t.prisma.reserve.create({ data: { countryId: ids.kaz, metal: 'GOLD', tonnes: '2300', sourceId: ids.source, isCurrent: true } });
    const back = await t.prisma.reserve.findUniqueOrThrow({ where: { countryId_metal_sourceId: { countryId: ids.kaz, metal: 'GOLD', sourceId: ids.source } }, include: { source: true } });
    expect(back).toMatchObject({ id: created.id, isEstimate: false, isCurrent: true, source: { name: 'EnergyProm' } });
    expect(back.tonnes.toFixed(3)).toBe('2300.000');
    for (const stage of ['REFINED_PRIMARY', 'REFINED_SECONDARY'] as const) {
      const row = await t.prisma.productionYear.create({ data: { countryId: ids.gbr, metal: 'SILVER', stage, year: 2024, tonnes: 1, sourceId: ids.source } });
      expect(row.stage).toBe(stage);
    }
  });

  test('revisions: the same observation under another source is a second row; one current revision per observation', async () => {
    const obs = { countryId: ids.wld, metal: 'SILVER' as const, stage: 'MINE' as const, year: 2024, monthFrom: 1, monthTo: 12 };
    await t.prisma.productionYear.create({ data: { ...obs, tonnes: 25000, isEstimate: true, sourceId: ids.source, isCurrent: true } });
    const second = await t.prisma.productionYear.create({ data: { ...obs, tonnes: 25300, sourceId: ids.other } });
    expect(await t.prisma.productionYear.count({ where: obs })).toBe(2);
    // The partial unique index (hand-written in the migration) refuses a second current revision.
    await expect(t.prisma.productionYear.update({ where: { id: second.id }, data: { isCurrent: true } })).rejects.toThrow(/production_years_current_key|Unique constraint/);
    const prices = { metal: 'SILVER' as const, kind: 'SPOT' as const, date: new Date('2025-01-01') };
    await t.prisma.pricePoint.create({ data: { ...prices, priceUsdPerOz: 31.3, sourceId: ids.source, isCurrent: true } });
    await expect(t.prisma.pricePoint.create({ data: { ...prices, priceUsdPerOz: 31.4, sourceId: ids.other, isCurrent: true } })).rejects.toThrow(/price_points_current_key|Unique constraint/);
    const flow = { reporterId: ids.gbr, partnerId: ids.wld, metal: 'GOLD' as const, year: 2020 };
    await t.prisma.exportFlow.create({ data: { ...flow, tonnes: 1, sourceId: ids.source, isCurrent: true } });
    await expect(t.prisma.exportFlow.create({ data: { ...flow, tonnes: 2, sourceId: ids.other, isCurrent: true } })).rejects.toThrow(/export_flows_current_key|Unique constraint/);
    await t.prisma.reserve.create({ data: { countryId: ids.gbr, metal: 'GOLD', tonnes: 1, sourceId: ids.source, isCurrent: true } });
    await expect(t.prisma.reserve.create({ data: { countryId: ids.gbr, metal: 'GOLD', tonnes: 2, sourceId: ids.other, isCurrent: true } })).rejects.toThrow(/reserves_current_key|Unique constraint/);
  });

  test('a source with figures cannot be deleted (every figure keeps its source)', async () => {
    // ON DELETE RESTRICT (the adapters report it as P2003 or P2039): the source stays.
    await expect(t.prisma.source.delete({ where: { id: ids.source } })).rejects.toMatchObject({ code: expect.stringMatching(/^P20(03|39)$/) });
    expect(await t.prisma.source.count({ where: { id: ids.source } })).toBe(1);
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
    ['month 13', 'production_years_months_check', () => t.prisma.productionYear.create({ data: { countryId: ids.kaz, metal: 'GOLD', stage: 'MINE', year: 2020, monthFrom: 1, monthTo: 13, tonnes: 1, sourceId: ids.source } })],
    ['month 0', 'production_years_months_check', () => t.prisma.productionYear.create({ data: { countryId: ids.kaz, metal: 'GOLD', stage: 'MINE', year: 2020, monthFrom: 0, monthTo: 5, tonnes: 1, sourceId: ids.source } })],
    ['monthFrom > monthTo', 'production_years_period_check', () => t.prisma.productionYear.create({ data: { countryId: ids.kaz, metal: 'GOLD', stage: 'MINE', year: 2020, monthFrom: 6, monthTo: 5, tonnes: 1, sourceId: ids.source } })],
    ['negative production tonnes', 'production_years_tonnes_check', () => t.prisma.productionYear.create({ data: { countryId: ids.kaz, metal: 'GOLD', stage: 'MINE', year: 2020, tonnes: '-0.001', sourceId: ids.source } })],
    ['year out of range', 'production_years_year_check', () => t.prisma.productionYear.create({ data: { countryId: ids.kaz, metal: 'GOLD', stage: 'MINE', year: 20240, tonnes: 1, sourceId: ids.source } })],
    ['export month 13', 'export_flows_months_check', () => t.prisma.exportFlow.create({ data: { reporterId: ids.kaz, partnerId: ids.gbr, metal: 'GOLD', year: 2020, monthTo: 13, tonnes: 1, sourceId: ids.source } })],
    ['export monthFrom > monthTo', 'export_flows_period_check', () => t.prisma.exportFlow.create({ data: { reporterId: ids.kaz, partnerId: ids.gbr, metal: 'GOLD', year: 2020, monthFrom: 12, monthTo: 1, tonnes: 1, sourceId: ids.source } })],
    ['negative export tonnes', 'export_flows_tonnes_check', () => t.prisma.exportFlow.create({ data: { reporterId: ids.kaz, partnerId: ids.gbr, metal: 'GOLD', year: 2020, tonnes: -1, sourceId: ids.source } })],
    ['negative export value', 'export_flows_value_usd_check', () => t.prisma.exportFlow.create({ data: { reporterId: ids.kaz, partnerId: ids.gbr, metal: 'GOLD', year: 2020, valueUsd: -5, sourceId: ids.source } })],
    ['negative price', 'price_points_price_check', () => t.prisma.pricePoint.create({ data: { metal: 'SILVER', kind: 'SPOT', date: new Date('2025-01-01'), priceUsdPerOz: '-31.3', sourceId: ids.source } })],
    ['lower-case iso3', 'countries_iso3_check', () => t.prisma.country.create({ data: { iso3: 'kaz', name: 'x' } })],
    ['short iso3', 'countries_iso3_check', () => t.prisma.country.create({ data: { iso3: 'KZ', name: 'x' } })],
    ['derived production not an estimate', 'production_years_derived_check', () => t.prisma.productionYear.create({ data: { countryId: ids.kaz, metal: 'GOLD', stage: 'MINE', year: 2020, tonnes: 1, isDerived: true, sourceId: ids.source } })],
    ['derived export not an estimate', 'export_flows_derived_check', () => t.prisma.exportFlow.create({ data: { reporterId: ids.kaz, partnerId: ids.gbr, metal: 'GOLD', year: 2020, tonnes: 1, isDerived: true, sourceId: ids.source } })],
    ['derived price not an estimate', 'price_points_derived_check', () => t.prisma.pricePoint.create({ data: { metal: 'GOLD', kind: 'SPOT', date: new Date('2020-01-01'), priceUsdPerOz: 1, isDerived: true, sourceId: ids.source } })],
    ['negative reserves', 'reserves_tonnes_check', () => t.prisma.reserve.create({ data: { countryId: ids.kaz, metal: 'SILVER', tonnes: -1, sourceId: ids.source } })],
    ['bad iso2', 'countries_iso2_check', () => t.prisma.country.create({ data: { iso3: 'XXA', iso2: 'x1', name: 'x' } })],
  ];
  test.each(checks)('refuses %s (%s)', async (_case, constraint, insert) => {
    await expect(insert()).rejects.toThrow(constraint);
  });

  const uniques: Array<[string, () => Promise<unknown>]> = [
    ['Source.name', () => t.prisma.source.create({ data: { name: 'EnergyProm' } })],
    ['Country.iso3', () => t.prisma.country.create({ data: { iso3: 'KAZ', name: 'again' } })],
    ['Country.iso2', () => t.prisma.country.create({ data: { iso3: 'KAX', iso2: 'KZ', name: 'again' } })],
    ['ProductionYear period and source', () => t.prisma.productionYear.create({ data: { countryId: ids.kaz, metal: 'SILVER', stage: 'REFINED', year: 2024, monthFrom: 1, monthTo: 12, tonnes: 1, sourceId: ids.source } })],
    ['ExportFlow period and source', () => t.prisma.exportFlow.create({ data: { reporterId: ids.kaz, partnerId: ids.wld, metal: 'SILVER', year: 2025, monthFrom: 1, monthTo: 10, tonnes: 1, sourceId: ids.source } })],
    ['PricePoint date and source', () => t.prisma.pricePoint.create({ data: { metal: 'GOLD', kind: 'SPOT', date: new Date('2026-01-12'), priceUsdPerOz: 1, sourceId: ids.source } })],
    ['Reserve source', () => t.prisma.reserve.create({ data: { countryId: ids.kaz, metal: 'GOLD', tonnes: 1, sourceId: ids.source } })],
  ];
  test.each(uniques)('refuses a duplicate %s', async (_key, insert) => {
    // The first rows were created by the round-trip tests above (same file, in order).
    await expect(insert()).rejects.toMatchObject({ code: 'P2002' });
  });

  test('refuses a production row for a missing country (foreign key)', async () => {
    await expect(
      t.prisma.productionYear.create({ data: { countryId: 999999, metal: 'GOLD', stage: 'MINE', year: 2020, tonnes: 1, sourceId: ids.source } }),
    ).rejects.toMatchObject({ code: 'P2003' });
  });

  // Last: closes the shared database (drop() in afterAll closes it once more).
  test('close() can be called twice; ping() afterwards is a DatabaseError', async () => {
    await t.db.close();
    await expect(t.db.close()).resolves.toBeUndefined();
    await expect(t.db.ping()).rejects.toBeInstanceOf(DatabaseError);
  });
});
