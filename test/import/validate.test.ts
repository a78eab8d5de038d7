// Validation without a database: every rule, table-driven.
import { describeFormats, KIND_SPECS, IMPORT_KINDS } from '../../src/import';
import { emptyKnownRefs, formatProblem, inferKind, validateFile, type KnownRefs } from '../../src/import/validate';

function known(): KnownRefs {
  const k = emptyKnownRefs();
  for (const [iso3, iso2, isAggregate] of [
    ['WLD', null, true],
    ['KAZ', 'KZ', false],
    ['GBR', 'GB', false],
    ['USA', 'US', false],
  ] as const) {
    k.countries.set(iso3, { iso2, isAggregate });
  }
  k.sources.add('EnergyProm');
  k.sources.add('USGS');
  return k;
}

const PRODUCTION_HEADER = 'country_iso3,metal,stage,year,month_from,month_to,tonnes,is_estimate,source';
const EXPORTS_HEADER = 'reporter_iso3,partner_iso3,metal,year,month_from,month_to,tonnes,value_usd,is_estimate,source';
const PRICES_HEADER = 'metal,kind,date,price_usd_per_oz,is_estimate,source';
const GOOD_PRODUCTION = 'KAZ,SILVER,REFINED,2024,1,12,697.5,false,EnergyProm';

function problemsOf(text: string, kind?: Parameters<typeof validateFile>[3]) {
  return validateFile(text, 'f.csv', known(), kind).problems.map(formatProblem);
}

describe('production rows', () => {
  const cases: [string, string, RegExp][] = [
    ['month 13', 'KAZ,SILVER,REFINED,2024,1,13,697.5,false,EnergyProm', /^f\.csv:2: month_to: 13 is out of range; accepted: a month 1\.\.12$/],
    ['month 0', 'KAZ,SILVER,REFINED,2024,0,12,697.5,false,EnergyProm', /^f\.csv:2: month_from: 0 is out of range/],
    ['month_from after month_to', 'KAZ,SILVER,REFINED,2024,11,1,697.5,false,EnergyProm', /^f\.csv:2: month_to: 1 is before month_from 11/],
    ['fractional month', 'KAZ,SILVER,REFINED,2024,1.5,12,697.5,false,EnergyProm', /month_from: '1\.5' is not a whole number/],
    ['year too early', 'KAZ,SILVER,REFINED,1700,1,12,697.5,false,EnergyProm', /year: 1700 is out of range; accepted: a year 1800\.\.2100/],
    ['year not a number', 'KAZ,SILVER,REFINED,20x4,1,12,697.5,false,EnergyProm', /year: '20x4' is not a whole number/],
    ['negative tonnes', 'KAZ,SILVER,REFINED,2024,1,12,-5,false,EnergyProm', /tonnes: -5 is negative; accepted: a non-negative decimal number/],
    ['malformed number', 'KAZ,SILVER,REFINED,2024,1,12,12abc,false,EnergyProm', /tonnes: '12abc' is not a number/],
    ['decimal comma', 'KAZ,SILVER,REFINED,2024,1,12,"697,5",false,EnergyProm', /tonnes: '697,5' is not a number; accepted: .*dot/],
    ['too many decimals', 'KAZ,SILVER,REFINED,2024,1,12,1.2345,false,EnergyProm', /tonnes: 1\.2345 has more than 3 decimals/],
    ['empty tonnes', 'KAZ,SILVER,REFINED,2024,1,12,,false,EnergyProm', /tonnes: empty; expected tonnes/],
    ['unknown country', 'XYZ,SILVER,REFINED,2024,1,12,697.5,false,EnergyProm', /country_iso3: unknown country 'XYZ'.*known: GBR, KAZ, USA, WLD/],
    ['bad country code', 'KAZAKH,SILVER,REFINED,2024,1,12,697.5,false,EnergyProm', /country_iso3: 'KAZAKH' is not an ISO 3166-1 alpha-3 code/],
    ['unknown metal', 'KAZ,COPPER,REFINED,2024,1,12,697.5,false,EnergyProm', /metal: unknown metal 'COPPER'; accepted: SILVER, GOLD, PLATINUM, PALLADIUM/],
    ['unknown stage', 'KAZ,SILVER,SMELTED,2024,1,12,697.5,false,EnergyProm', /stage: unknown stage 'SMELTED'; accepted: MINE, REFINED/],
    ['bad boolean', 'KAZ,SILVER,REFINED,2024,1,12,697.5,maybe,EnergyProm', /is_estimate: 'maybe' is not a boolean; accepted: true or false/],
    ['unknown source', 'KAZ,SILVER,REFINED,2024,1,12,697.5,false,Wikipedia', /source: unknown source 'Wikipedia'.*known: EnergyProm, USGS/],
    ['empty source', 'KAZ,SILVER,REFINED,2024,1,12,697.5,false,', /source: empty; expected the name of a source/],
    ['too few fields', 'KAZ,SILVER,REFINED,2024', /^f\.csv:2: \(row\): has 4 fields, the header has 9/],
  ];
  test.each(cases)('%s', (_name, row, expected) => {
    const problems = problemsOf(`${PRODUCTION_HEADER}\n${row}\n`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(expected);
  });

  test('a good row is accepted and normalised', () => {
    const r = validateFile(`${PRODUCTION_HEADER}\n kaz , silver,refined,2024,1,12,0697.50,FALSE,EnergyProm\n`, 'f.csv', known());
    expect(r.problems).toEqual([]);
    expect(r.kind).toBe('production');
    expect(r.file?.rows).toEqual([
      { line: 2, countryIso3: 'KAZ', metal: 'SILVER', stage: 'REFINED', year: 2024, monthFrom: 1, monthTo: 12, tonnes: '697.5', isEstimate: false, isDerived: false, source: 'EnergyProm' },
    ]);
  });

  test('every problem of every row is reported with its physical line', () => {
    const text = [
      PRODUCTION_HEADER,
      GOOD_PRODUCTION,
      '',
      'KAZ,SILVER,REFINED,2023,1,13,-1,false,EnergyProm', // line 4: two problems
      '"KAZ","SILVER","REFINED",2022,1,12,1,false,"Energy',
      'Prom"', // lines 5-6: one record spanning two lines, unknown source
      'XYZ,SILVER,REFINED,2021,1,12,abc,false,EnergyProm', // line 7
      GOOD_PRODUCTION, // line 8: duplicate of line 2
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      'f.csv:4: month_to: 13 is out of range; accepted: a month 1..12',
      expect.stringMatching(/^f\.csv:4: tonnes: -1 is negative/),
      expect.stringMatching(/^f\.csv:5: source: unknown source 'Energy\\nProm'/),
      expect.stringMatching(/^f\.csv:7: country_iso3: unknown country 'XYZ'/),
      expect.stringMatching(/^f\.csv:7: tonnes: 'abc' is not a number/),
      expect.stringMatching(/^f\.csv:8: country_iso3,metal,stage,year,month_from,month_to,source: duplicate of line 2/),
    ]);
  });

  test('the same observation under two sources is two revisions; under one source twice, a duplicate', () => {
    const r = validateFile(`${PRODUCTION_HEADER}\nKAZ,SILVER,MINE,2024,1,12,1000,true,EnergyProm\nKAZ,SILVER,MINE,2024,1,12,850,false,USGS\n`, 'f.csv', known());
    expect(r.problems).toEqual([]);
    expect(r.file?.rows).toHaveLength(2);
    expect(problemsOf(`${PRODUCTION_HEADER}\nKAZ,SILVER,MINE,2024,1,12,1000,true,USGS\nKAZ,SILVER,MINE,2024,1,12,850,false,USGS\n`)).toEqual([
      expect.stringMatching(/^f\.csv:3: country_iso3,metal,stage,year,month_from,month_to,source: duplicate of line 2 \(same country_iso3, metal, stage, year, month_from, month_to, source\)/),
    ]);
  });

  test('US refinery stages by feed material are accepted', () => {
    const r = validateFile(`${PRODUCTION_HEADER}\nUSA,SILVER,REFINED_PRIMARY,2024,1,12,1140,false,USGS\nUSA,SILVER,refined_secondary,2024,1,12,955,false,USGS\n`, 'f.csv', known());
    expect(r.problems).toEqual([]);
    expect(r.file?.rows.map((row: any) => row.stage)).toEqual(['REFINED_PRIMARY', 'REFINED_SECONDARY']);
  });
});

describe('is_derived (optional column on production, exports and prices)', () => {
  const PRODUCTION_DERIVED = `${PRODUCTION_HEADER.replace(',source', ',is_derived,source')}`;
  test('true with is_estimate true; empty = false', () => {
    const r = validateFile(`${PRODUCTION_DERIVED}\nWLD,SILVER,MINE,2023,1,12,26595.745,true,true,EnergyProm\nKAZ,SILVER,MINE,2024,1,12,1,false,,EnergyProm\n`, 'f.csv', known());
    expect(r.problems).toEqual([]);
    expect(r.file?.rows.map((row: any) => [row.isEstimate, row.isDerived])).toEqual([[true, true], [false, false]]);
  });
  test.each([
    ['production', PRODUCTION_DERIVED, 'WLD,SILVER,MINE,2023,1,12,26595.745,false,true,EnergyProm'],
    ['exports', EXPORTS_HEADER.replace(',source', ',is_derived,source'), 'KAZ,WLD,SILVER,2024,1,10,567.912,,false,true,EnergyProm'],
    ['prices', PRICES_HEADER.replace(',source', ',is_derived,source'), 'GOLD,SPOT,2026-01-12,4602.09,false,true,EnergyProm'],
  ])('%s: a derived figure that is not an estimate is refused', (_kind, header, row) => {
    expect(problemsOf(`${header}\n${row}\n`)).toEqual([
      'f.csv:2: is_derived: true with is_estimate false; accepted: a derived figure is an estimate, so set is_estimate to true (or is_derived to false)',
    ]);
  });
  test('not a boolean', () => {
    expect(problemsOf(`${PRODUCTION_DERIVED}\nKAZ,SILVER,MINE,2024,1,12,1,true,derived,EnergyProm\n`)).toEqual([
      "f.csv:2: is_derived: 'derived' is not a boolean; accepted: true or false",
    ]);
  });
});

describe('reserves rows', () => {
  const RESERVES_HEADER = 'country_iso3,metal,tonnes,is_estimate,source';
  test('a good file; the same country and metal under another source is another revision', () => {
    const r = validateFile(`${RESERVES_HEADER}\nusa,silver,23000,false,USGS\nUSA,SILVER,22000,false,EnergyProm\nWLD,GOLD,64000,false,USGS\n`, 'reserves.csv', known());
    expect(r.problems).toEqual([]);
    expect(r.kind).toBe('reserves');
    expect(r.file?.rows[0]).toEqual({ line: 2, countryIso3: 'USA', metal: 'SILVER', tonnes: '23000', isEstimate: false, source: 'USGS' });
  });
  const cases: [string, string, RegExp][] = [
    ['unknown country', 'CHE,SILVER,1,false,USGS', /^f\.csv:2: country_iso3: unknown country 'CHE'/],
    ['negative tonnes', 'USA,SILVER,-1,false,USGS', /^f\.csv:2: tonnes: -1 is negative/],
    ['empty tonnes (NA is no row)', 'KAZ,SILVER,,false,USGS', /^f\.csv:2: tonnes: empty; expected tonnes/],
    ['unknown metal', 'USA,COPPER,1,false,USGS', /^f\.csv:2: metal: unknown metal 'COPPER'/],
    ['no source', 'USA,SILVER,1,false,', /^f\.csv:2: source: empty; expected the name of a source: every figure needs one$/],
  ];
  test.each(cases)('%s', (_name, row, expected) => {
    const problems = problemsOf(`${RESERVES_HEADER}\n${row}\n`, 'reserves');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(expected);
  });
  test('the same country, metal and source twice', () => {
    expect(problemsOf(`${RESERVES_HEADER}\nUSA,SILVER,1,false,USGS\nUSA,SILVER,2,false,USGS\n`, 'reserves')).toEqual([
      expect.stringMatching(/^f\.csv:3: country_iso3,metal,source: duplicate of line 2/),
    ]);
  });
});

describe('header', () => {
  test('a missing column is reported on line 1 and rows are not checked', () => {
    const problems = problemsOf('country_iso3,metal,stage,year,month_from,month_to,is_estimate,source\nKAZ,SILVER,REFINED,2024,1,99,false,EnergyProm\n', 'production');
    expect(problems).toEqual([expect.stringMatching(/^f\.csv:1: tonnes: missing column; a production header needs: country_iso3,metal,stage,year,month_from,month_to,tonnes,is_estimate,source$/)]);
  });

  test('unknown and duplicate columns', () => {
    const problems = problemsOf(`${PRODUCTION_HEADER},tonnes,colour\n${GOOD_PRODUCTION},1,red\n`, 'production');
    expect(problems).toEqual([
      'f.csv:1: tonnes: column appears more than once in the header',
      expect.stringMatching(/^f\.csv:1: colour: unknown column for production; accepted columns: country_iso3, /),
    ]);
  });

  test('header names are case-insensitive and columns may come in any order', () => {
    const r = validateFile('SOURCE,Tonnes,is_estimate,month_to,month_from,year,stage,metal,country_iso3\nUSGS,1000,false,12,1,2024,MINE,SILVER,KAZ\n', 'x.csv', known());
    expect(r.problems).toEqual([]);
    expect(r.file?.rows[0]).toMatchObject({ countryIso3: 'KAZ', tonnes: '1000', stage: 'MINE' });
  });

  test('a byte-order mark and CRLF line ends are fine; lines still count physical lines', () => {
    const text = `\uFEFF${PRODUCTION_HEADER}\r\n${GOOD_PRODUCTION}\r\n\r\nKAZ,SILVER,MINE,2023,1,12,x,false,USGS\r\n`;
    expect(problemsOf(text)).toEqual([expect.stringMatching(/^f\.csv:4: tonnes: 'x' is not a number/)]);
  });

  test('an empty file', () => {
    expect(problemsOf('')).toEqual([expect.stringMatching(/^f\.csv:1: \(header\): the file is empty/)]);
  });

  test('broken CSV quoting is a problem on its line', () => {
    expect(problemsOf(`${PRODUCTION_HEADER}\n${GOOD_PRODUCTION}\nKAZ,"SILVER,REFINED\n`)).toEqual([
      expect.stringMatching(/^f\.csv:\d+: \(file\): not valid CSV: /),
    ]);
  });

  test('the kind is inferred from the header, the file name breaking ties', () => {
    for (const kind of IMPORT_KINDS) {
      expect(inferKind(KIND_SPECS[kind].columns.map((c) => c.name), 'whatever.csv')).toBe(kind);
    }
    expect(inferKind(['metal', 'kind', 'date', 'price_usd_per_oz'])).toBe('prices');
    expect(inferKind(['iso3', 'name'])).toBe('countries');
    expect(inferKind(['foo', 'bar'])).toBeUndefined();
    expect(problemsOf('foo,bar\n1,2\n')).toEqual([expect.stringMatching(/^f\.csv:1: \(header\): cannot tell which kind of file .* or pass --kind$/)]);
  });
});

describe('exports rows', () => {
  const cases: [string, string, RegExp | null][] = [
    ['tonnes only', 'KAZ,GBR,SILVER,2025,1,10,242.4,,false,EnergyProm', null],
    ['value only', 'KAZ,GBR,SILVER,2025,1,10,,1000000,false,EnergyProm', null],
    ['neither tonnes nor value', 'KAZ,GBR,SILVER,2025,1,10,,,false,EnergyProm', /tonnes: tonnes and value_usd are both empty; accepted: at least one of them/],
    ['negative value', 'KAZ,WLD,SILVER,2025,1,10,1,-3,false,EnergyProm', /value_usd: -3 is negative/],
    ['value with 3 decimals', 'KAZ,WLD,SILVER,2025,1,10,1,3.001,false,EnergyProm', /value_usd: 3\.001 has more than 2 decimals/],
    ['reporter is partner', 'KAZ,KAZ,SILVER,2025,1,10,1,,false,EnergyProm', /partner_iso3: 'KAZ' is the reporter itself/],
    ['unknown partner', 'KAZ,CHE,SILVER,2025,1,10,1,,false,EnergyProm', /partner_iso3: unknown country 'CHE'/],
  ];
  test.each(cases)('%s', (_name, row, expected) => {
    const problems = problemsOf(`${EXPORTS_HEADER}\n${row}\n`);
    if (expected === null) expect(problems).toEqual([]);
    else {
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(expected);
    }
  });
});

describe('prices rows', () => {
  const cases: [string, string, RegExp | null][] = [
    ['spot', 'SILVER,SPOT,2026-01-12,85.7,false,EnergyProm', null],
    ['monthly average on the 1st', 'SILVER,MONTHLY_AVERAGE,2025-10-01,44.7,false,EnergyProm', null],
    ['monthly average not on the 1st', 'SILVER,MONTHLY_AVERAGE,2025-10-15,44.7,false,EnergyProm', /date: 2025-10-15 is not the first of a month/],
    ['annual average not on January 1', 'SILVER,ANNUAL_AVERAGE,2025-02-01,30,false,EnergyProm', /date: 2025-02-01 is not January 1/],
    ['date that does not exist', 'SILVER,SPOT,2025-02-30,30,false,EnergyProm', /date: 2025-02-30 is not a real calendar date; accepted: a date YYYY-MM-DD/],
    ['leap day', 'SILVER,SPOT,2024-02-29,30,false,EnergyProm', null],
    ['not ISO', 'SILVER,SPOT,12/01/2026,30,false,EnergyProm', /date: '12\/01\/2026' is not a date; accepted: a date YYYY-MM-DD/],
    ['zero price', 'SILVER,SPOT,2026-01-12,0,false,EnergyProm', /price_usd_per_oz: 0 is zero; accepted: a positive decimal/],
    ['unknown kind', 'SILVER,CLOSE,2026-01-12,85.7,false,EnergyProm', /kind: unknown price kind 'CLOSE'; accepted: SPOT, MONTHLY_AVERAGE, ANNUAL_AVERAGE/],
  ];
  test.each(cases)('%s', (_name, row, expected) => {
    const problems = problemsOf(`${PRICES_HEADER}\n${row}\n`);
    if (expected === null) expect(problems).toEqual([]);
    else {
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(expected);
    }
  });
});

describe('reference files', () => {
  test('countries: codes, iso2 clashes, booleans', () => {
    const text = [
      'iso3,iso2,name,is_aggregate',
      'MEX,MX,Mexico,false', // 2 ok
      'CHN,MX,China,false', // 3 iso2 used on line 2
      'PER,KZ,Peru,false', // 4 iso2 of KAZ in the database
      'PE,PE,Peru,false', // 5 bad iso3
      'EUU,,European Union,yes', // 6 bad boolean
      'WLD,,World,true', // 7 ok (update of a known row)
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      "f.csv:3: iso2: 'MX' is also on line 2; accepted: a different alpha-2 code per country",
      "f.csv:4: iso2: 'KZ' already belongs to KAZ; accepted: an alpha-2 code no other country has",
      expect.stringMatching(/^f\.csv:5: iso3: 'PE' is not an ISO 3166-1 alpha-3 code/),
      "f.csv:6: is_aggregate: 'yes' is not a boolean; accepted: true or false",
    ]);
  });

  test('is_aggregate may be left out of a countries header', () => {
    const r = validateFile('iso3,iso2,name\nMEX,MX,Mexico\n', 'c.csv', known());
    expect(r.problems).toEqual([]);
    expect(r.file?.rows).toEqual([{ line: 2, iso3: 'MEX', iso2: 'MX', name: 'Mexico', isAggregate: false }]);
  });

  test('sources: urls and dates; later files may refer to earlier ones', () => {
    const k = known();
    const bad = validateFile('name,publisher,url,published_on,note\nA,,ftp://x,2025-13-01,\n,,,,\n', 's.csv', k);
    expect(bad.problems.map(formatProblem)).toEqual([
      "s.csv:2: url: 'ftp://x' is not a URL; accepted: an http:// or https:// address, or empty",
      expect.stringMatching(/^s\.csv:2: published_on: 2025-13-01 is not a real calendar date/),
    ]);
    const good = validateFile('name,publisher,url,published_on,note\nNew source,Me,https://example.org/x,2025-01-31,"a, b"\n', 's.csv', k);
    expect(good.problems).toEqual([]);
    expect(k.sources.has('New source')).toBe(true);
    expect(validateFile(`${PRODUCTION_HEADER}\nKAZ,SILVER,MINE,2024,1,12,1,false,New source\n`, 'p.csv', k).problems).toEqual([]);
    // Without a licence column (older files) the licence is empty.
    expect(good.file?.rows).toEqual([{ line: 2, name: 'New source', publisher: 'Me', url: 'https://example.org/x', publishedOn: '2025-01-31', note: 'a, b', licence: null }]);
  });

  test('sources: an optional licence column', () => {
    const r = validateFile('name,publisher,url,published_on,note,licence\nWorld Bank Pink Sheet,World Bank,,2026-03-03,,CC BY 4.0\n', 's.csv', known());
    expect(r.problems).toEqual([]);
    expect(r.kind).toBe('sources');
    expect(r.file?.rows).toEqual([{ line: 2, name: 'World Bank Pink Sheet', publisher: 'World Bank', url: null, publishedOn: '2026-03-03', note: null, licence: 'CC BY 4.0' }]);
  });
});

test('--help text describes every column of every kind', () => {
  const help = describeFormats();
  for (const kind of IMPORT_KINDS) {
    for (const col of KIND_SPECS[kind].columns) expect(help).toMatch(new RegExp(`^  ${col.name} +\\S`, 'm'));
  }
});
