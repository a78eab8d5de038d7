// Provenance of computed figures and the export summary (docs/domain.md, computed fields): whether
// a change rests on an estimate, which total a share divides by, how many countries a rank ranks,
// the prices behind a gold/silver ratio, and a reporter period's totals.
import { exportSummary, exportTotal, rankOf, ratioPrices, sourcedChange, type PartnerFlow } from '../../src/metrics';

describe('sourcedChange', () => {
  test.each([
    // [name, current, previous, isEstimate, previousSourceId]
    ['reported vs derived estimate (Kazakhstan refined 2024 vs 2023)', { value: 697.5, isEstimate: false, sourceId: 1 }, { value: 885.152, isEstimate: true, sourceId: 2 }, true, 2],
    ['estimate vs reported', { value: 1000, isEstimate: true, sourceId: 3 }, { value: 900, isEstimate: false, sourceId: 4 }, true, 4],
    ['both reported', { value: 850, isEstimate: false, sourceId: 5 }, { value: 900, isEstimate: false, sourceId: 5 }, false, 5],
    ['earlier figure without a source', { value: 2, isEstimate: false, sourceId: 1 }, { value: 1, isEstimate: false, sourceId: null }, false, null],
  ])('%s', (_name, current, previous, isEstimate, previousSourceId) => {
    const c = sourcedChange(current, previous)!;
    expect(c.previous).toBe(previous.value);
    expect(c.isEstimate).toBe(isEstimate);
    expect(c.previousSourceId).toBe(previousSourceId);
  });

  test.each([
    ['no earlier row', { value: 1, isEstimate: false, sourceId: 1 }, null],
    ['earlier row without the figure (a flow with value only)', { value: 1, isEstimate: false, sourceId: 1 }, { value: null, isEstimate: true, sourceId: 2 }],
    ['figure missing', { value: null, isEstimate: false, sourceId: 1 }, { value: 1, isEstimate: false, sourceId: 2 }],
  ])('%s -> null', (_name, current, previous) => {
    expect(sourcedChange(current, previous)).toBeNull();
  });
});

describe('rankOf', () => {
  const entries = [
    { key: 'MEX', value: 5780 },
    { key: 'PER', value: 3510 },
    { key: 'USA', value: 1050 },
    { key: 'AUS', value: 1050 },
    { key: 'KAZ', value: 850 },
  ];
  test.each([
    ['first', 'MEX', { rank: 1, of: 5 }],
    ['tie shares a rank', 'AUS', { rank: 3, of: 5 }],
    ['after a tie', 'KAZ', { rank: 5, of: 5 }],
    ['not ranked', 'WLD', null],
  ])('%s', (_name, key, expected) => {
    expect(rankOf(entries, key)).toEqual(expected);
  });
  test('one entry', () => expect(rankOf([{ key: 1, value: 0 }], 1)).toEqual({ rank: 1, of: 1 }));
});

describe('ratioPrices', () => {
  const silver = { metal: 'SILVER', priceUsdPerOz: 85.7 };
  const gold = { metal: 'GOLD', priceUsdPerOz: 4602.09 };
  const platinum = { metal: 'PLATINUM', priceUsdPerOz: 2000 };
  test.each([
    ['both: gold first', [silver, platinum, gold], [gold, silver]],
    ['no gold', [silver, platinum], []],
    ['no silver', [gold], []],
    ['silver 0: no ratio', [gold, { metal: 'SILVER', priceUsdPerOz: 0 }], []],
    ['nothing on that date', [], []],
  ])('%s', (_name, prices, expected) => {
    expect(ratioPrices(prices)).toEqual(expected);
  });
});

const flow = (partner: PartnerFlow['partner'], tonnes: number | null, valueUsd: number | null = null, isEstimate = false, sourceId: number | null = 1): PartnerFlow => ({
  partner,
  tonnes,
  valueUsd,
  isEstimate,
  sourceId,
});

describe('exportTotal', () => {
  test.each([
    // [name, flows, tonnes, valueUsd, basis, used]
    ['WLD row with tonnes', [flow('WORLD', 516.8, 581.1e6), flow('COUNTRY', 242.4), flow('COUNTRY', 155.4)], 516.8, 581.1e6, 'REPORTER_WORLD_TOTAL', 3],
    ['no WLD row: single countries summed, aggregates left out', [flow('COUNTRY', 30, 3), flow('COUNTRY', 20, 2), flow('AGGREGATE', 45, 4)], 50, 5, 'SUM_OF_PARTNERS', 2],
    ['WLD row without tonnes: the sum of single countries', [flow('WORLD', null, 9), flow('COUNTRY', 30, 3), flow('COUNTRY', 20, 2)], 50, 5, 'SUM_OF_PARTNERS', 2],
    ['a partner without value: no summed value (it would understate the price)', [flow('COUNTRY', 30, 3), flow('COUNTRY', 20, null)], 50, null, 'SUM_OF_PARTNERS', 2],
    ['value only, on the WLD row', [flow('WORLD', null, 9), flow('COUNTRY', null, 3)], null, 9, 'REPORTER_WORLD_TOTAL', 2],
    ['value only, partners', [flow('COUNTRY', null, 3), flow('COUNTRY', null, 4)], null, 7, 'SUM_OF_PARTNERS', 2],
    ['only other aggregates', [flow('AGGREGATE', 45, 4)], null, null, null, 0],
    ['nothing', [], null, null, null, 0],
  ])('%s', (_name, flows, tonnes, valueUsd, basis, used) => {
    const t = exportTotal(flows);
    expect([t.tonnes, t.valueUsd, t.basis, t.used.length]).toEqual([tonnes, valueUsd, basis, used]);
  });
});

describe('exportSummary', () => {
  test('Kazakhstan January-October 2025: 516.8 t, USD 581.1 million, 34.97 per oz; GBR and USA cover 397.8 t (0.7697)', () => {
    const s = exportSummary([flow('WORLD', 516.8, 581.1e6, false, 1), flow('COUNTRY', 242.4, null, false, 1), flow('COUNTRY', 155.4, null, false, 1)])!;
    expect(s.totalTonnes).toBe(516.8);
    expect(s.totalValueUsd).toBe(581.1e6);
    expect(Number(s.unitPriceUsdPerOz!.toFixed(2))).toBe(34.97);
    expect(s.partnerCount).toBe(2);
    expect(s.namedTonnes).toBe(397.8);
    expect(s.namedShare).toBe(0.7697368421); // 397.8 / 516.8 = 0.76973684210526..., a ratio: 10 significant digits
    expect([s.totalBasis, s.isEstimate, s.sourceIds]).toEqual(['REPORTER_WORLD_TOTAL', false, [1]]);
  });

  test('the price is total value over total tonnes, not the mean of the partners\' prices', () => {
    // 10 t at USD 10m and 30 t at USD 10m: prices 31.10 and 10.37 per oz, mean 20.73; the total's 15.55.
    const s = exportSummary([flow('COUNTRY', 10, 10e6), flow('COUNTRY', 30, 10e6)])!;
    expect(s.unitPriceUsdPerOz).toBe(15.551738); // 20e6 / (40 x 32150.7466) = 15.5517383848..., a level: 6 decimal places
    expect([s.totalBasis, s.namedShare]).toEqual(['SUM_OF_PARTNERS', 1]);
  });

  test.each([
    // [name, flows, partnerCount, namedTonnes, namedShare, isEstimate, sourceIds]
    ['a derived WLD row only: no named partner covers anything', [flow('WORLD', 567.912, 487091366.3, true, 2)], 0, 0, 0, true, [2]],
    ['an estimate among the partners', [flow('WORLD', 100, null, false, 1), flow('COUNTRY', 40, null, true, 2)], 1, 40, 0.4, true, [1, 2]],
    ['another aggregate is not a partner and not used', [flow('WORLD', 100, null, false, 1), flow('AGGREGATE', 60, null, true, 3)], 0, 0, 0, false, [1]],
    ['partners without tonnes: unknown cover', [flow('WORLD', 100, null, false, 1), flow('COUNTRY', null, 5, false, 1)], 1, null, null, false, [1]],
    ['total 0', [flow('WORLD', 0, 0), flow('COUNTRY', 0)], 1, 0, null, false, [1]],
    ['no source', [flow('COUNTRY', 5, null, false, null)], 1, 5, 1, false, []],
  ])('%s', (_name, flows, partnerCount, namedTonnes, namedShare, isEstimate, sourceIds) => {
    const s = exportSummary(flows)!;
    expect([s.partnerCount, s.namedTonnes, s.namedShare, s.isEstimate, s.sourceIds]).toEqual([partnerCount, namedTonnes, namedShare, isEstimate, sourceIds]);
  });

  test('no flows -> null', () => expect(exportSummary([])).toBeNull());
});
