// Validation without a database: every rule, table-driven.
import { describeFormats, KIND_SPECS, IMPORT_KINDS } from '../../src/import';
import { ImportValidationError, emptyKnownRefs, formatProblem, inferKind, parseCsv, parseIsoDate, validateFile, validateRecord, type KnownRefs } from '../../src/import/validate';

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

describe('ImportValidationError', () => {
  const problem = (line: number) => ({ file: 'a.csv', line, column: 'year', message: 'bad' });
  test('one problem: singular, then the problem', () => {
    const e = new ImportValidationError([problem(2)]);
    expect(e.message).toBe('1 problem found, nothing was imported:\na.csv:2: year: bad');
    expect(e.name).toBe('ImportValidationError');
    expect(e.problems).toEqual([problem(2)]);
  });
  test('50 problems are all shown; of 52 the first 50 and how many more', () => {
    const fifty = new ImportValidationError(Array.from({ length: 50 }, (_, i) => problem(i + 2)));
    expect(fifty.message.split('\n')).toHaveLength(51);
    expect(fifty.message.split('\n').at(-1)).toBe('a.csv:51: year: bad');
    const lines = new ImportValidationError(Array.from({ length: 52 }, (_, i) => problem(i + 2))).message.split('\n');
    expect(lines[0]).toBe('52 problems found, nothing was imported:');
    expect(lines).toHaveLength(52);
    expect(lines.slice(-2)).toEqual(['a.csv:51: year: bad', '... and 2 more']);
  });
});

describe('country aliases', () => {
  const HEADER = 'iso3,alias';
  test('a good file, rows as written; an alias may be its own country\'s code', () => {
    const r = validateFile(`${HEADER}\ngbr,UK\nGBR,gb\nUSA,America\n`, 'aliases.csv', known());
    expect(r.problems).toEqual([]);
    expect(r.kind).toBe('country-aliases');
    expect(r.file?.rows).toEqual([
      { line: 2, iso3: 'GBR', alias: 'UK' },
      { line: 3, iso3: 'GBR', alias: 'gb' },
      { line: 4, iso3: 'USA', alias: 'America' },
    ]);
  });
  test("another country's alpha-3 or alpha-2 code, in any case, is refused; so is an unknown country or an empty alias", () => {
    expect(problemsOf(`${HEADER}\nGBR,usa\nGBR,kz\nXYZ,Foo\nGBR,\n`, 'country-aliases')).toEqual([
      "f.csv:2: alias: 'usa' is the ISO code of USA; accepted: a name that is no other country's alpha-2 or alpha-3 code",
      "f.csv:3: alias: 'kz' is the ISO code of KAZ; accepted: a name that is no other country's alpha-2 or alpha-3 code",
      expect.stringMatching(/^f\.csv:4: iso3: unknown country 'XYZ': not in the database nor earlier in this import/),
      'f.csv:5: alias: empty; expected a name the country is known by, e.g. UK',
    ]);
  });
  test('an alias names one country whatever its case: a second spelling is a duplicate', () => {
    expect(problemsOf(`${HEADER}\nGBR,UK\nUSA,uk\n`, 'country-aliases')).toEqual(['f.csv:3: alias: duplicate of line 2 (same alias); accepted: one row per alias']);
  });
  test('an alias of 100 characters is accepted, of 101 refused', () => {
    expect(problemsOf(`${HEADER}\nGBR,${'a'.repeat(100)}\n`, 'country-aliases')).toEqual([]);
    expect(problemsOf(`${HEADER}\nGBR,${'a'.repeat(101)}\n`, 'country-aliases')).toEqual(['f.csv:2: alias: too long (101 characters); accepted: at most 100']);
  });
});

describe('cells', () => {
  const production = (tonnes: string) => validateFile(`${PRODUCTION_HEADER}\nKAZ,SILVER,MINE,2024,1,12,${tonnes},false,USGS\n`, 'f.csv', known());
  test.each([
    ['0', '0'],
    ['-0', '0'],
    ['+5', '5'],
    ['.5', '0.5'],
    ['5.', '5'],
    ['007.100', '7.1'],
    ['1.2300', '1.23'],
    ['00.000', '0'],
    ['12345678901', '12345678901'],
  ])('tonnes %s are stored as %s', (raw, canonical) => {
    const r = production(raw);
    expect(r.problems).toEqual([]);
    expect((r.file?.rows[0] as { tonnes: string }).tonnes).toBe(canonical);
  });
  test.each([
    ['.', "tonnes: '.' is not a number; accepted: a non-negative decimal number with a dot and at most 3 decimals, no thousands separators, e.g. 697.5"],
    ['-0.5', 'tonnes: -0.5 is negative; accepted: a non-negative decimal number with a dot and at most 3 decimals, no thousands separators, e.g. 697.5'],
    ['123456789012', 'tonnes: 123456789012 is too large; accepted: at most 11 digits before the decimal point'],
    ['1.0001', 'tonnes: 1.0001 has more than 3 decimals; accepted: a non-negative decimal number with a dot and at most 3 decimals, no thousands separators, e.g. 697.5'],
    ['1e3', "tonnes: '1e3' is not a number; accepted: a non-negative decimal number with a dot and at most 3 decimals, no thousands separators, e.g. 697.5"],
  ])('tonnes %s are refused', (raw, message) => {
    expect(production(raw).problems.map((p) => `${p.column}: ${p.message}`)).toEqual([message]);
  });

  test('prices: positive, at most 4 decimals, 8 digits', () => {
    const price = (raw: string) => problemsOf(`${PRICES_HEADER}\nGOLD,SPOT,2026-01-12,${raw},false,USGS\n`);
    expect(price('0.0001')).toEqual([]);
    expect(price('99999999.9999')).toEqual([]);
    expect(price('-0.0')).toEqual(['f.csv:2: price_usd_per_oz: -0.0 is zero; accepted: a positive decimal number with a dot and at most 4 decimals, no thousands separators, e.g. 697.5']);
    expect(price('1.00001')).toEqual([expect.stringMatching(/^f\.csv:2: price_usd_per_oz: 1\.00001 has more than 4 decimals; accepted: a positive decimal/)]);
    expect(price('123456789')).toEqual(['f.csv:2: price_usd_per_oz: 123456789 is too large; accepted: at most 8 digits before the decimal point']);
  });

  test('value_usd: 16 digits, 2 decimals', () => {
    const value = (raw: string) => problemsOf(`${EXPORTS_HEADER}\nKAZ,GBR,SILVER,2025,1,10,,${raw},false,USGS\n`);
    expect(value('1234567890123456.25')).toEqual([]);
    expect(value('12345678901234567')).toEqual(['f.csv:2: value_usd: 12345678901234567 is too large; accepted: at most 16 digits before the decimal point']);
  });

  test('whole numbers: a sign is allowed, the bounds are inclusive', () => {
    const year = (raw: string) => problemsOf(`${PRODUCTION_HEADER}\nKAZ,SILVER,MINE,${raw},1,12,1,false,USGS\n`);
    expect(year('1800')).toEqual([]);
    expect(year('2100')).toEqual([]);
    expect(year('+2024')).toEqual([]);
    expect(year('1799')).toEqual(['f.csv:2: year: 1799 is out of range; accepted: a year 1800..2100']);
    expect(year('2101')).toEqual(['f.csv:2: year: 2101 is out of range; accepted: a year 1800..2100']);
    expect(year('-2024')).toEqual(['f.csv:2: year: -2024 is out of range; accepted: a year 1800..2100']);
    expect(year('')).toEqual(['f.csv:2: year: empty; expected a year 1800..2100']);
    expect(problemsOf(`${PRODUCTION_HEADER}\nKAZ,SILVER,MINE,2024,12,12,1,false,USGS\n`)).toEqual([]);
    expect(problemsOf(`${PRODUCTION_HEADER}\nKAZ,SILVER,MINE,2024,,12,1,false,USGS\n`)).toEqual(['f.csv:2: month_from: empty; expected a month 1..12']);
  });

  test('booleans and enums in any case; long cells are cut to 40 characters in messages, line breaks escaped', () => {
    const r = validateFile(`${PRODUCTION_HEADER}\nKAZ,Silver,mine,2024,1,12,1,TRUE,USGS\n`, 'f.csv', known());
    expect(r.file?.rows[0]).toMatchObject({ metal: 'SILVER', stage: 'MINE', isEstimate: true });
    const long = 'X'.repeat(45);
    expect(problemsOf(`${PRODUCTION_HEADER}\nKAZ,${long},MINE,2024,1,12,1,false,USGS\n`)).toEqual([`f.csv:2: metal: unknown metal '${'X'.repeat(40)}...'; accepted: SILVER, GOLD, PLATINUM, PALLADIUM`]);
    expect(problemsOf(`${PRODUCTION_HEADER}\nKAZ,${'X'.repeat(40)},MINE,2024,1,12,1,false,USGS\n`)).toEqual([`f.csv:2: metal: unknown metal '${'X'.repeat(40)}'; accepted: SILVER, GOLD, PLATINUM, PALLADIUM`]);
    expect(problemsOf(`${PRODUCTION_HEADER}\nKAZ,"a\nb",MINE,2024,1,12,1,false,USGS\n`)).toEqual(["f.csv:2: metal: unknown metal 'a\\nb'; accepted: SILVER, GOLD, PLATINUM, PALLADIUM"]);
    expect(validateRecord('prices', { metal: 'a\rb' }, known(), 'input').problems[0].message).toBe("unknown metal 'a\\rb'; accepted: SILVER, GOLD, PLATINUM, PALLADIUM");
  });

  test('dates: format, range, calendar', () => {
    expect(parseIsoDate('2024-02-29')).toBe('2024-02-29');
    expect(() => parseIsoDate('1799-12-31')).toThrow('1799-12-31 is out of range; accepted: a date YYYY-MM-DD in 1800..2100, e.g. 2026-01-12');
    expect(() => parseIsoDate('2023-02-29')).toThrow('2023-02-29 is not a real calendar date; accepted: a date YYYY-MM-DD in 1800..2100, e.g. 2026-01-12');
    expect(() => parseIsoDate('2023-2-28')).toThrow("'2023-2-28' is not a date; accepted: a date YYYY-MM-DD in 1800..2100, e.g. 2026-01-12");
  });

  test('urls: http and https only', () => {
    const url = (raw: string) => problemsOf(`name,publisher,url,published_on,note\nS,,${raw},,\n`, 'sources');
    expect(url('http://example.org')).toEqual([]);
    expect(url('https://example.org/a?b=c')).toEqual([]);
    expect(url('example.org')).toEqual(["f.csv:2: url: 'example.org' is not a URL; accepted: an http:// or https:// address, or empty"]);
    expect(url('mailto:a@b.c')).toEqual(["f.csv:2: url: 'mailto:a@b.c' is not a URL; accepted: an http:// or https:// address, or empty"]);
  });

  test('a source name of 200 characters is accepted, of 201 refused', () => {
    expect(problemsOf(`name\n${'n'.repeat(200)}\n`, 'sources')).toEqual([expect.stringMatching(/^f\.csv:1: publisher: missing column/), expect.anything(), expect.anything(), expect.anything()]);
    const sources = (name: string) => problemsOf(`name,publisher,url,published_on,note\n${name},,,,\n`, 'sources');
    expect(sources('n'.repeat(200))).toEqual([]);
    expect(sources('n'.repeat(201))).toEqual(['f.csv:2: name: too long (201 characters); accepted: at most 200']);
  });
});

describe('known references in messages', () => {
  test('none yet; more than 20 listed as the first 20 and how many', () => {
    const empty = emptyKnownRefs();
    expect(validateFile(`${PRODUCTION_HEADER}\nKAZ,SILVER,MINE,2024,1,12,1,false,USGS\n`, 'f.csv', empty).problems.map(formatProblem)).toEqual([
      "f.csv:2: country_iso3: unknown country 'KAZ': not in the database nor earlier in this import (import it with countries.csv first); known: none yet",
      "f.csv:2: source: unknown source 'USGS': not in the database nor earlier in this import (import it with sources.csv first); known: none yet",
    ]);
    const many = emptyKnownRefs();
    // 21 codes AAA..AAU, added out of order: listed sorted.
    const codes = Array.from({ length: 21 }, (_, i) => `AA${String.fromCharCode(65 + i)}`);
    for (const code of [...codes].reverse()) many.countries.set(code, { iso2: null, isAggregate: false });
    many.sources.add('USGS');
    expect(validateFile(`${PRODUCTION_HEADER}\nKAZ,SILVER,MINE,2024,1,12,1,false,USGS\n`, 'f.csv', many).problems.map((p) => p.message)).toEqual([
      `unknown country 'KAZ': not in the database nor earlier in this import (import it with countries.csv first); known: ${codes.slice(0, 20).join(', ')}, ... (21 in all)`,
    ]);
    many.countries.delete('AAU');
    expect(validateFile(`${PRODUCTION_HEADER}\nKAZ,SILVER,MINE,2024,1,12,1,false,USGS\n`, 'f.csv', many).problems[0].message).toMatch(/known: AAA, AAB, .*, AAT$/);
  });

  test('a file with problems adds nothing to the known references; a good one adds its countries and sources', () => {
    const k = known();
    expect(validateFile('iso3,iso2,name,is_aggregate\nMEX,MX,Mexico,false\nBAD,,,false\n', 'c.csv', k).problems).toHaveLength(1);
    expect(k.countries.has('MEX')).toBe(false);
    expect(validateFile('name,publisher,url,published_on,note\nA,,,,\n,,,2024-01-01,\n', 's.csv', k).problems).toHaveLength(1);
    expect(k.sources.has('A')).toBe(false);
    expect(validateFile('iso3,iso2,name,is_aggregate\nmex,mx,Mexico,false\nEUU,,European Union,true\n', 'c.csv', k).problems).toEqual([]);
    expect(k.countries.get('MEX')).toEqual({ iso2: 'MX', isAggregate: false });
    expect(k.countries.get('EUU')).toEqual({ iso2: null, isAggregate: true });
  });
});

describe('rows and headers', () => {
  test('rows in full: exports and prices', () => {
    const exports = validateFile(`${EXPORTS_HEADER}\nkaz,gbr,silver,2025,1,10,242.4,1000000.50,true,USGS\n`, 'f.csv', known());
    expect(exports.problems).toEqual([]);
    expect(exports.file?.rows).toEqual([
      { line: 2, reporterIso3: 'KAZ', partnerIso3: 'GBR', metal: 'SILVER', year: 2025, monthFrom: 1, monthTo: 10, tonnes: '242.4', valueUsd: '1000000.5', isEstimate: true, isDerived: false, source: 'USGS' },
    ]);
    const prices = validateFile(`${PRICES_HEADER}\ngold,annual_average,2025-01-01,3000.25,false,USGS\n`, 'f.csv', known());
    expect(prices.problems).toEqual([]);
    expect(prices.file?.rows).toEqual([{ line: 2, metal: 'GOLD', kind: 'ANNUAL_AVERAGE', date: '2025-01-01', priceUsdPerOz: '3000.25', isEstimate: false, isDerived: false, source: 'USGS' }]);
  });

  test('an annual average is not on the first of a month: one problem, not two; a spot price may be on any day', () => {
    expect(problemsOf(`${PRICES_HEADER}\nGOLD,ANNUAL_AVERAGE,2025-03-15,1,false,USGS\n`)).toEqual([
      'f.csv:2: date: 2025-03-15 is not January 1; accepted for ANNUAL_AVERAGE: YYYY-01-01, the year the average covers',
    ]);
    expect(problemsOf(`${PRICES_HEADER}\nGOLD,MONTHLY_AVERAGE,2025-03-15,1,false,USGS\n`)).toEqual([
      'f.csv:2: date: 2025-03-15 is not the first of a month; accepted for MONTHLY_AVERAGE: YYYY-MM-01, the month the average covers',
    ]);
    expect(problemsOf(`${PRICES_HEADER}\nGOLD,SPOT,2025-03-15,1,false,USGS\nGOLD,MONTHLY_AVERAGE,2025-03-01,1,false,USGS\nGOLD,ANNUAL_AVERAGE,2025-01-01,1,false,USGS\n`)).toEqual([]);
  });

  test('an empty column name, and a row of one field', () => {
    expect(problemsOf(`iso3,,name\nMEX,x,Mexico\n`, 'countries')).toEqual([
      'f.csv:1: (column 2): empty column name; accepted countries columns: iso3, iso2, name, is_aggregate',
      'f.csv:1: iso2: missing column; a countries header needs: iso3,iso2,name',
    ]);
    expect(problemsOf(`${PRODUCTION_HEADER}\nKAZ\n`)).toEqual([
      'f.csv:2: (row): has 1 field, the header has 9; accepted: one field per header column (quote cells that contain commas)',
    ]);
  });

  test('an unknown kind: the message lists every kind with its columns', () => {
    expect(problemsOf('foo\n1\n')[0]).toContain(
      'expected the columns of one of: sources (name,publisher,url,published_on,note,licence); countries (iso3,iso2,name,is_aggregate); ',
    );
  });

  test('the file name breaks a tie between kinds; without one the first kind listed wins', () => {
    // note (sources) and metal (reserves): 1 of 5 required columns each, one foreign column each.
    expect(inferKind(['note', 'metal'], 'data/Reserves.CSV')).toBe('reserves');
    expect(inferKind(['note', 'metal'], 'sources.csv')).toBe('sources');
    expect(inferKind(['note', 'metal'])).toBe('sources');
    // Empty header cells are not foreign columns: iso3 alone is half the aliases' columns, a third of the countries'.
    expect(inferKind(['iso3', '', ''])).toBe('country-aliases');
    expect(inferKind(['iso3', 'name', 'alias', ''])).toBe('country-aliases');
  });

  test('CSV: header cells trimmed and lower-cased, lines of commas skipped, physical lines', () => {
    expect(parseCsv(' Name , URL\n,\n"a\nb",x\nc,d\n', 'f.csv')).toEqual({
      csv: {
        header: ['name', 'url'],
        records: [
          { line: 3, cells: ['a\nb', 'x'] },
          { line: 5, cells: ['c', 'd'] },
        ],
      },
      problems: [],
    });
    expect(parseCsv(',,\n\n', 'f.csv')).toEqual({ problems: [{ file: 'f.csv', line: 1, column: '(header)', message: 'the file is empty: expected a header line of column names' }] });
  });
});

describe('validateRecord (the API writes)', () => {
  test('cells trimmed, line 1, the label as the file', () => {
    const cells = { country_iso3: ' kaz ', metal: 'SILVER', stage: 'MINE', year: '2024', month_from: '1', month_to: '12', tonnes: '5.50', is_estimate: 'false', source: 'USGS' };
    expect(validateRecord('production', cells, known(), 'input')).toEqual({
      row: { line: 1, countryIso3: 'KAZ', metal: 'SILVER', stage: 'MINE', year: 2024, monthFrom: 1, monthTo: 12, tonnes: '5.5', isEstimate: false, isDerived: false, source: 'USGS' },
      problems: [],
    });
    expect(validateRecord('production', { ...cells, tonnes: '-1' }, known(), 'input')).toEqual({
      problems: [{ file: 'input', line: 1, column: 'tonnes', message: '-1 is negative; accepted: a non-negative decimal number with a dot and at most 3 decimals, no thousands separators, e.g. 697.5' }],
    });
  });
});
