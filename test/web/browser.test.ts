// The dashboard (/) and GraphiQL (/graphiql) in a real browser: playwright-core driving the
// system Chromium against a seeded test server. Fails on any console error, page error, failed
// request or HTTP error response. Screenshots go to test/artifacts/.
// WEB_TEST_URL=http://host:port runs the same checks against a server that is already running.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { bumpDataVersion } from '../../src/db';
import type { TestServer } from '../helpers/server';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const root = path.resolve(__dirname, '../..');
const artifacts = path.join(root, 'test', 'artifacts');
const haveChromium = existsSync(CHROMIUM);
const inCi = Boolean(process.env.CI && process.env.CI !== 'false');

if (!haveChromium && !inCi) {
  console.warn(`test/web/browser.test.ts skipped: no Chromium at ${CHROMIUM}. Install it with apt-get install chromium (.ci/run does) or set CHROMIUM_PATH.`);
}
const describeBrowser = haveChromium || inCi ? describe : describe.skip;

describeBrowser('web UI in Chromium', () => {
  let server: TestServer | undefined;
  let baseUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    if (!haveChromium) throw new Error(`Chromium is required in CI but missing at ${CHROMIUM} (.ci/run installs it)`);
    // Always bundle the current sources (about a second), so the test never checks a stale dist/web.
    execFileSync(process.execPath, [path.join(root, 'scripts', 'build-web.mjs')], { cwd: root, stdio: 'pipe' });
    mkdirSync(artifacts, { recursive: true });
    if (process.env.WEB_TEST_URL) {
      baseUrl = process.env.WEB_TEST_URL.replace(/\/$/, '');
    } else {
      // Imported here so that WEB_TEST_URL runs need no database.
      const { startTestServer } = await import('../helpers/server.js');
      const started = await startTestServer('pglite');
      server = started;
      baseUrl = started.url;
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  beforeEach(async () => {
    problems = [];
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('requestfailed', (req) => problems.push(`request failed: ${req.method()} ${req.url()} (${req.failure()?.errorText})`));
    page.on('response', (res) => {
      if (res.status() >= 400) problems.push(`HTTP ${res.status()} for ${res.request().method()} ${res.url()}`);
    });
  });

  afterEach(async () => {
    await context?.close();
    expect(problems).toEqual([]);
  });

  /** How many canvases have drawn pixels, of how many. */
  async function paintedCanvases(): Promise<{ total: number; painted: number }> {
    return page.evaluate(() => {
      const canvases = [...document.querySelectorAll('canvas')];
      const painted = canvases.filter((c) => {
        if (!c.width || !c.height) return false;
        const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let opaque = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i] > 0) opaque++;
        return opaque > 500;
      });
      return { total: canvases.length, painted: painted.length };
    });
  }

  const tableText = (id: string) => page.locator(`#${id} table`).innerText();

  it('shows the dashboard for Kazakhstan with its charts, figures, estimates and sources', async () => {
    // Under its content security policy: a violation would be a console error.
    const response = await page.goto(`${baseUrl}/?country=KAZ`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.locator('#production table').waitFor();
    await page.locator('#prices table').waitFor();
    await page.locator('#exports table').waitFor();
    await page.locator('#sources li').first().waitFor();

    const production = await tableText('production');
    expect(production).toContain('697.5');
    expect(production).toContain('-21.2%');
    expect(production).toContain('Jan–Nov 2025');
    expect(production).toContain('567.5');
    expect(production).toContain('-11.1%');
    expect(production).toMatch(/885\.2[\s\S]*estimate/);
    expect(production).toContain('EnergyProm');

    const exportsText = await tableText('exports');
    expect(exportsText).toMatch(/United Kingdom \(GBR\)[^\n]*46\.9%/);
    expect(exportsText).toContain('34.97');
    expect(exportsText).toContain('26.68');
    expect(exportsText).toContain('+19.3%');

    const prices = await tableText('prices');
    expect(prices).toMatch(/2026-01-12[^\n]*85\.70[^\n]*4,602\.09[^\n]*53\.7/);

    expect(await page.locator('#sources').innerText()).toContain('USGS');
    expect(await page.locator('select[aria-label="Country"] option').count()).toBeGreaterThanOrEqual(7);

    // Kazakhstan's mine silver 2024 was revised: MCS 2025's estimate, then MCS 2026's reported figure
    // (current); the line under the row says so. Figures never revised have no such line.
    expect(production).toMatch(/Mine\t2024\t850\t[^\n]*\n[^\n]*Revisions of 2024: 1,000 t, MCS 2025, estimate → 850 t, MCS 2026/);
    expect(production).not.toMatch(/Revisions of Jan–Nov 2025/);
    await page.locator('#production').screenshot({ path: path.join(artifacts, 'dashboard-KAZ-production.png') });

    await page.locator('#price-history canvas').nth(1).waitFor();
    await page.locator('#mine-production table').waitFor();
    const canvases = await paintedCanvases();
    // production, partner shares, unit price vs market, mine production by country, price history, ratio history
    expect(canvases.total).toBe(6);
    expect(canvases.painted).toBe(6);
    await page.screenshot({ path: path.join(artifacts, 'dashboard-KAZ.png'), fullPage: true });

    // The production chart's tooltip names the source and flags estimates.
    const chart = page.locator('#production canvas');
    await chart.scrollIntoViewIfNeeded();
    const box = (await chart.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.52, box.y + box.height * 0.6);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(artifacts, 'dashboard-KAZ-production-tooltip.png'), clip: box });
  });

  it('switches country with the picker', async () => {
    await page.goto(`${baseUrl}/`);
    await page.locator('#production table').waitFor();
    await page.locator('select[aria-label="Country"]').selectOption('MEX');
    await page.locator('#production-title', { hasText: 'Mexico' }).waitFor();
    const production = await tableText('production');
    expect(production).toContain('6,300');
    expect(production).toContain('USGS');
    expect(production).not.toContain('697.5');
    expect(await page.locator('#exports').innerText()).toContain('No silver export figures for Mexico');
    expect(new URL(page.url()).searchParams.get('country')).toBe('MEX');
    await page.locator('#price-history canvas').nth(1).waitFor();
    await page.locator('#mine-production table').waitFor();
    const canvases = await paintedCanvases();
    expect(canvases.painted).toBe(canvases.total);
    expect(canvases.total).toBe(4); // production, mine production by country, price history, ratio history
    await page.screenshot({ path: path.join(artifacts, 'dashboard-MEX.png'), fullPage: true });

    await page.locator('select[aria-label="Country"]').selectOption('WLD');
    await page.locator('#production-title', { hasText: 'World' }).waitFor();
    // The current world total for 2024 is MCS 2026's revision (the article quoted MCS 2025's 25,000).
    expect(await tableText('production')).toMatch(/2024\t25,300\t/);
  });

  it('draws the price series since 1960 and the gold/silver ratio with its band, by range, frequency and units', async () => {
    // Every /graphql request the page sends, and the answers to the price section's: none may carry
    // errors (a cost refusal included), and the cost each reports stays within its limit.
    const requests: string[] = [];
    type Answer = { errors?: unknown; unreadable?: string; extensions?: { cost?: { requested: number; limit: number } } };
    const answers: Promise<Answer>[] = [];
    page.on('request', (req) => {
      if (req.url().endsWith('/graphql')) requests.push(req.postDataJSON()?.query ?? '');
    });
    page.on('response', (res) => {
      if (res.url().endsWith('/graphql') && /query PriceHistory\b/.test(res.request().postDataJSON()?.query ?? '')) answers.push(res.json().catch((err: Error): Answer => ({ unreadable: err.message })));
    });
    await page.goto(`${baseUrl}/?country=KAZ`);
    const history = page.locator('#price-history');
    const summary = history.locator('table');
    await summary.waitFor();
    const ratio = page.locator('#ratio-summary');
    // A view not seen before is fetched: wait until the label shows it (the last view stays up meanwhile).
    const labelIs = (text: string) => history.locator('.range-label', { hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).waitFor();
    const pressed = (group: string) => history.locator(`[aria-label="${group}"] button[aria-pressed="true"]`).innerText();

    // All, monthly: 794 months of World Bank monthly averages, January 1960 to February 2026.
    await labelIs('Jan 1960 – Feb 2026 (794 months)');
    await expect(pressed('Range')).resolves.toBe('All');
    await expect(pressed('Frequency')).resolves.toBe('Monthly');
    const all = await summary.innerText();
    expect(all).toMatch(/Silver[^\n]*Jan 1960[^\n]*Feb 2026/);
    expect(all).toMatch(/Gold[^\n]*Jan 1960[^\n]*Feb 2026/);
    expect(all).toMatch(/Platinum/);
    expect(await history.innerText()).toContain('World Bank Pink Sheet');
    // The silver monthly average of January 2026 (92.062) is the highest of the whole series.
    expect(all).toMatch(/Silver[^\n]*92\.06 Jan 2026$/m);
    // Each row is a column of the price table, worked by hand from data/prices.csv: first month,
    // latest (February 2026: silver 81.946, gold 5,019.97, platinum 2,137.33), the change between
    // them, the low and the high (the earliest of equal values: silver held 0.9137 for 22 months
    // from January 1960, platinum 78.50 for 4 from April 1963).
    expect(all).toMatch(/^Silver\t0\.91 Jan 1960\t81\.95 Feb 2026\t\+8868\.6%\t0\.91 Jan 1960\t92\.06 Jan 2026$/m);
    expect(all).toMatch(/^Gold\t35\.27 Jan 1960\t5,019\.97 Feb 2026\t\+14133\.0%\t34\.94 Jan 1970\t5,019\.97 Feb 2026$/m);
    expect(all).toMatch(/^Platinum\t83\.50 Jan 1960\t2,137\.33 Feb 2026\t\+2459\.7%\t78\.50 Apr 1963\t2,433\.83 Jan 2026$/m);
    // The ratio's reference statistics (docs/domain.md): peak 111.73 in April 2020, low 16.70 in June 1968.
    const ratioAll = await ratio.innerText();
    expect(ratioAll).toMatch(/Latest 61\.26 \(Feb 2026\)/);
    expect(ratioAll).toContain('Over the 794 months shown: median 56.62');
    expect(ratioAll).toContain('from p10 27.15 to p90 83.52');
    expect(ratioAll).toContain('lowest 16.70 (Jun 1968)');
    expect(ratioAll).toContain('highest 111.73 (Apr 2020)');

    let canvases = await paintedCanvases();
    expect(canvases.painted).toBe(canvases.total);
    await history.screenshot({ path: path.join(artifacts, 'price-history-all.png') });

    // 5 years: March 2021 to February 2026; the table and the ratio's band follow (its statistics
    // are over the months shown).
    await history.getByRole('button', { name: '5 years', exact: true }).click();
    await labelIs('Mar 2021 – Feb 2026 (60 months)');
    const five = await summary.innerText();
    expect(five).toMatch(/Silver[^\n]*Mar 2021[^\n]*Feb 2026/);
    expect(five).toMatch(/^Silver\t25\.65 Mar 2021\t81\.95 Feb 2026\t\+219\.5%\t18\.94 Sep 2022\t92\.06 Jan 2026$/m);
    expect(five).toMatch(/^Gold\t1,718\.23 Mar 2021\t5,019\.97 Feb 2026\t\+192\.2%\t1,664\.45 Oct 2022\t5,019\.97 Feb 2026$/m);
    expect(five).not.toContain('1960');
    const ratioFive = await ratio.innerText();
    expect(ratioFive).toContain('Over the 60 months shown');
    expect(ratioFive).toContain('highest 101.01 (May 2025)');
    await expect(pressed('Range')).resolves.toBe('5 years');
    canvases = await paintedCanvases();
    expect(canvases.painted).toBe(canvases.total);
    await history.screenshot({ path: path.join(artifacts, 'price-history-5y.png') });

    // The tooltip names the month, the prices and their source.
    const chart = history.locator('canvas').first();
    const box = (await chart.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.4);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(artifacts, 'price-history-5y-tooltip.png'), clip: box });

    await history.getByRole('button', { name: '25 years', exact: true }).click();
    await labelIs('Mar 2001 – Feb 2026 (300 months)');

    // Annual: complete calendar years, the averages of their months (2026 has two so far).
    await history.getByRole('button', { name: 'All', exact: true }).click();
    await labelIs('Jan 1960 – Feb 2026 (794 months)');
    await history.getByRole('button', { name: 'Annual', exact: true }).click();
    await labelIs('1960 – 2025 (66 years)');
    await expect(pressed('Frequency')).resolves.toBe('Annual');
    const annual = await summary.innerText();
    expect(annual).toMatch(/Silver\t0\.91 1960\t39\.80 2025\t/);
    expect(annual).not.toContain('2026');
    expect(await ratio.innerText()).toContain('Over the 66 years shown');
    await history.screenshot({ path: path.join(artifacts, 'price-history-annual.png') });

    // Percent change from a year ago: silver's 2025 average (39.80) on 2024's (28.27).
    await history.getByLabel('% change from a year ago').check();
    await history.locator('caption', { hasText: 'Percent change from a year ago' }).waitFor();
    const pct = await summary.innerText();
    expect(pct).toMatch(/Silver[^\n]*\+40\.8% 2025/);
    expect(pct).toMatch(/Gold[^\n]*%/);
    expect(pct).not.toMatch(/USD/);
    expect(await chart.getAttribute('aria-label')).toMatch(/^Percent change from a year ago/);
    await labelIs('1960 – 2025 (66 years)');
    canvases = await paintedCanvases();
    expect(canvases.painted).toBe(canvases.total);
    await history.screenshot({ path: path.join(artifacts, 'price-history-annual-percent.png') });

    // Monthly percent changes: silver in February 2026 was 154.9% above February 2025; the largest
    // rise on a year earlier was January 1980's.
    await history.getByRole('button', { name: 'Monthly', exact: true }).click();
    await labelIs('Jan 1960 – Feb 2026 (794 months)');
    await history.locator('caption', { hasText: 'Percent change from a year ago of the monthly averages' }).waitFor();
    const monthlyPct = await summary.innerText();
    expect(monthlyPct).toMatch(/Silver[^\n]*\+154\.9% Feb 2026[^\n]*\+526\.8% Jan 1980$/m);
    // The median of the 782 months with a year-earlier month: between the 391st and 392nd changes.
    expect(monthlyPct).toMatch(/^Silver\t[^\t]*\t[^\t]*\t\+0\.5%\t/m);
    expect(monthlyPct).toMatch(/^Gold\t[^\t]*\t[^\t]*\t\+2\.9%\t/m);
    expect(monthlyPct).toMatch(/^Platinum\t[^\t]*\t[^\t]*\t\+1\.9%\t/m);
    await history.screenshot({ path: path.join(artifacts, 'price-history-monthly-percent.png') });

    // Back to monthly levels: seen already, nothing is sent.
    await history.getByLabel('% change from a year ago').uncheck();
    await history.locator('caption', { hasText: 'Monthly averages, USD per troy ounce' }).waitFor();
    await expect(ratio.innerText()).resolves.toBe(ratioAll);

    // One request per view not seen before (all, 5y, 25y, annual, annual %, monthly %): each brings
    // the three metals (one price table) and the ratio; going back to a view sends nothing.
    const sent = requests.filter((q) => /query PriceHistory\b/.test(q));
    expect(sent).toHaveLength(6);
    for (const q of sent) {
      expect(q).toMatch(/priceTable\(\s*metals: \[SILVER, GOLD, PLATINUM\]/);
      expect(q).not.toMatch(/priceSeries\(/);
    }
    expect(requests.filter((q) => /pricePoints/.test(q) && !/query PriceSeries\b/.test(q))).toHaveLength(0);
    for (const body of await Promise.all(answers)) {
      expect(body.errors).toBeUndefined();
      expect(body.unreadable).toBeUndefined();
      const cost = body.extensions?.cost;
      if (cost) expect(cost.requested).toBeLessThanOrEqual(cost.limit);
    }
    expect(answers).toHaveLength(6);
  });

  it('downloads the tables as CSV from /graphql (Accept: text/csv)', async () => {
    await page.goto(`${baseUrl}/?country=KAZ`);
    await page.locator('#production table').waitFor();
    await page.locator('#mine-production table').waitFor();
    const download = async (section: string) => {
      const [file] = await Promise.all([page.waitForEvent('download'), page.locator(`#${section} .csv-link a`).first().click()]);
      const { readFile } = await import('node:fs/promises');
      return { name: file.suggestedFilename(), text: await readFile((await file.path())!, 'utf8') };
    };
    const production = await download('production');
    expect(production.name).toBe('silver-production-KAZ.csv');
    const lines = production.text.split('\r\n');
    expect(lines[0]).toBe('stage,year,monthFrom,monthTo,tonnes,isEstimate,isDerived,yoyChange.percent,source.name,source.publishedOn');
    // yoyChange.percent at the 4 decimal places of a percentage: 100 * (697.5 / 885.152 - 1) = -21.199975...
    expect(lines).toContain('REFINED,2024,1,12,697.5,false,false,-21.2,EnergyProm,2026-01-12');
    const exportsCsv = await download('exports');
    expect(exportsCsv.text).toMatch(/\r\n2025,1,10,GBR,United Kingdom,242\.4,/);
    const mine = await download('mine-production');
    expect(mine.name).toBe('silver-mine-production-2024.csv');
    expect(mine.text.split('\r\n')[1]).toMatch(/^WLD,World,true,25300,false,USGS Mineral Commodity Summaries 2026,/); // largest first
    // The price history's table: a column per metal, named by it, every month (data/prices.csv).
    const prices = await download('price-history');
    expect(prices.name).toBe('monthly-averages-silver-gold-platinum.csv');
    const priceLines = prices.text.split('\r\n');
    expect(priceLines[0]).toBe('date,SILVER,GOLD,PLATINUM');
    expect(priceLines[1]).toBe('1960-01-01,0.9137,35.27,83.5');
    expect(priceLines[794]).toBe('2026-02-01,81.946,5019.97,2137.33');
    expect(priceLines[795]).toBe('');
  });

  it('lists mine production by country for a metal and year, with ranks, aggregates apart and revisions', async () => {
    await page.goto(`${baseUrl}/?country=KAZ`);
    const section = page.locator('#mine-production');
    const table = section.locator('table');
    await table.waitFor();
    // The default: the latest year whose world total is reported (2024).
    await expect(section.locator('select[aria-label="Year"]').inputValue()).resolves.toBe('2024');
    await expect(section.locator('select[aria-label="Metal"]').inputValue()).resolves.toBe('SILVER');
    await section.locator('caption', { hasText: 'Silver mine production by country, 2024' }).waitFor();

    const text = await table.innerText();
    expect(text).toMatch(/\n1\tMexico \(MEX\)\t5,780\t[^\n]*6,300 t, MCS 2025, estimate → 5,780 t, MCS 2026/);
    // Kazakhstan: its current 850 t (MCS 2026), 850 / 25,300 of the world, and both revisions.
    expect(text).toMatch(/\n\d+\tKazakhstan \(KAZ\)\t850\t3\.4%\treported\tMCS 2026[^\n]*1,000 t, MCS 2025, estimate → 850 t, MCS 2026/);
    // Aggregates come after the ranked countries, without a rank.
    const aggregates = await section.locator('tbody.aggregates').innerText();
    expect(aggregates).toMatch(/–\tWorld \(WLD\)\t25,300\t100\.0%/);
    expect(aggregates).toMatch(/–\tOther countries \(XOC\)\t2,110\t/);
    expect(await section.locator('tbody').first().innerText()).not.toContain('WLD');

    // The rank of Kazakhstan is the API's productionRank, among countries only.
    const kazRank = Number(/\n(\d+)\tKazakhstan/.exec(text)![1]);
    const ranked = (await section.locator('tbody').first().locator('tr').allInnerTexts()).map((r) => Number(r.split('\t')[0]));
    expect(ranked[0]).toBe(1);
    expect(ranked).toContain(kazRank);
    expect([...ranked].sort((a, b) => a - b)).toEqual(ranked);
    await section.screenshot({ path: path.join(artifacts, 'mine-production-silver-2024.png') });

    // Gold 2024: other countries lead, and Kazakhstan's gold figure (130 t, MCS 2025 estimate) shows.
    await section.locator('select[aria-label="Metal"]').selectOption('GOLD');
    await section.locator('caption', { hasText: 'Gold mine production by country, 2024' }).waitFor();
    const gold = await table.innerText();
    expect(gold).not.toContain('6,300');
    expect(gold).toMatch(/Kazakhstan \(KAZ\)\t130\t/);
    expect(gold).toMatch(/World \(WLD\)\t3,280\t/);

    // Another year: silver 2023.
    await section.locator('select[aria-label="Metal"]').selectOption('SILVER');
    await section.locator('select[aria-label="Year"]').selectOption('2023');
    await section.locator('caption', { hasText: 'Silver mine production by country, 2023' }).waitFor();
    const y2023 = await table.innerText();
    expect(y2023).toMatch(/Kazakhstan \(KAZ\)\t985\t/);
    expect(y2023).toMatch(/World \(WLD\)\t25,500\t/);
    const canvases = await paintedCanvases();
    expect(canvases.painted).toBe(canvases.total);
  });

  // Last: it adds rows to the server's database (the screenshots above show the dataset alone).
  it('with more than a page of countries and prices: the picker lists all, the prices are the latest', async () => {
    if (!server) return; // WEB_TEST_URL: no database to add rows to
    const prisma = server.db.prisma;
    const source = await prisma.source.create({ data: { name: 'Synthetic (browser test)' } });
    const day = (i: number) => new Date(Date.UTC(2019, 0, 1 + i));
    await prisma.pricePoint.createMany({
      data: Array.from({ length: 150 }, (_, i) => [
        { metal: 'SILVER' as const, kind: 'SPOT' as const, date: day(i), priceUsdPerOz: 15 + (i % 7), sourceId: source.id, isCurrent: true },
        { metal: 'GOLD' as const, kind: 'SPOT' as const, date: day(i), priceUsdPerOz: 1300 + i, sourceId: source.id, isCurrent: true },
      ]).flat(),
    });
    const datasetCountries = await prisma.country.count();
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    await prisma.country.createMany({
      data: Array.from({ length: 120 }, (_, i) => ({ iso3: `Q${letters[Math.floor(i / 26)]}${letters[i % 26]}`, name: `Synthetic ${i}` })),
    });
    // Direct writes: bump the data version, as every write must, so that cached answers are dropped.
    const dataChanged = async () => {
      const version = await bumpDataVersion(prisma);
      await server!.server.dataVersion?.waitFor(version, 30_000);
    };
    await dataChanged();
    try {
      await page.goto(`${baseUrl}/?country=KAZ`);
      await page.locator('#prices table').waitFor();
      await page.locator('select[aria-label="Country"]:not([disabled])').waitFor();
      // The dataset's countries and 120 more: more than one page of 100; the last by name (World) is on the second.
      const options = await page.locator('select[aria-label="Country"] option').evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
      expect(datasetCountries + 120).toBeGreaterThan(100);
      expect(options).toHaveLength(datasetCountries + 120);
      expect(options).toEqual(expect.arrayContaining(['KAZ', 'QAA', 'QEP', 'WLD']));
      // The latest 100 prices of each metal: the dataset's dates and the 97 latest synthetic ones.
      const prices = await tableText('prices');
      expect(prices).toMatch(/2026-01-12[^\n]*85\.70[^\n]*4,602\.09[^\n]*53\.7/);
      expect(prices).toContain('2019-05-30'); // day 149, the latest synthetic date
      expect(prices).not.toContain('2019-01-01');
      expect(await page.locator('#prices tbody tr').count()).toBe(100);
      const canvases = await paintedCanvases();
      expect(canvases.painted).toBe(canvases.total);
    } finally {
      await prisma.pricePoint.deleteMany({ where: { sourceId: source.id } });
      await prisma.country.deleteMany({ where: { iso3: { startsWith: 'Q' }, name: { startsWith: 'Synthetic ' } } });
      await prisma.source.delete({ where: { id: source.id } });
      await dataChanged();
    }
  });

  it('serves GraphiQL with the example operations and runs one', async () => {
    const response = await page.goto(`${baseUrl}/graphiql`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.locator('.graphiql-container').waitFor();
    const tabs = page.locator('.graphiql-tab');
    await expect(tabs.count()).resolves.toBe(4);
    await page.locator('.graphiql-query-editor .CodeMirror', { hasText: 'CountryOverview' }).waitFor();
    // Wait for the schema (introspection) so that the docs and validation are live.
    await page.locator('.graphiql-execute-button').waitFor();
    await page.locator('.graphiql-execute-button').click();
    const result = page.locator('.result-window');
    await result.getByText('"Kazakhstan"').waitFor({ timeout: 30_000 });
    const text = await result.innerText();
    // CodeMirror renders the visible lines only: the top of the response.
    expect(text).toContain('"data"');
    expect(text).toContain('"iso3": "KAZ"');
    expect(text).not.toContain('"errors"');
    await page.screenshot({ path: path.join(artifacts, 'graphiql.png') });
  });
});
