// Prices since the first month in the data: the monthly averages of silver, gold and platinum, the
// gold/silver ratio month by month, and the article's SPOT prices as markers, over a chosen range.
import { useMemo, useState } from 'react';
import { PriceHistoryDocument, PriceHistorySpanDocument, PricePageDocument, type Metal, type PriceWindowFragment, type SourceInfoFragment } from '../../../client/generated/graphql';
import { formatPercent, formatRatio, formatUsdPerOz, monthLabel } from '../../../client/format';
import { request } from '../shared/request';
import { ChartCanvas } from './ChartCanvas';
import { priceHistoryChart, ratioHistoryChart, type MonthlyRow, type PriceRow, type View } from './charts';
import { Problem, SourceRef, useLoad } from './ui';

const METALS: Metal[] = ['SILVER', 'GOLD', 'PLATINUM'];

// The monthly prices come in windows of 100 months (a page each): first the span of dates there is
// (PriceHistorySpan), then up to four windows per request (PriceHistory; each window costs 201 of
// the 1,000 the server allows), all requests at once. 794 months x 3 metals = 6 requests. The
// oldest window is open towards the past and the newest towards the future, so nothing is missed;
// a window holding more than a page (several prices in a month) goes on with PricePage.
const KIND = 'MONTHLY_AVERAGE' as const;
const WINDOW_MONTHS = 100;
const WINDOWS_PER_REQUEST = 4;

type Window = { from?: string; to?: string };

const monthIndex = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
const monthStart = (index: number) => new Date(Date.UTC(Math.floor(index / 12), index % 12, 1)).toISOString().slice(0, 10);
const monthEnd = (index: number) => new Date(Date.UTC(Math.floor((index + 1) / 12), (index + 1) % 12, 1) - 86_400_000).toISOString().slice(0, 10);

/** Consecutive windows of WINDOW_MONTHS months from the month of `earliest` to that of `latest`, oldest first. */
export function monthWindows(earliest: string, latest: string): Window[] {
  const first = monthIndex(earliest);
  const count = Math.max(1, Math.ceil((monthIndex(latest) - first + 1) / WINDOW_MONTHS));
  return Array.from({ length: count }, (_, k) => ({
    from: k === 0 ? undefined : monthStart(first + k * WINDOW_MONTHS),
    to: k === count - 1 ? undefined : monthEnd(first + (k + 1) * WINDOW_MONTHS - 1),
  }));
}

async function fetchWindows(metal: Metal, windows: Window[]): Promise<MonthlyRow[]> {
  const [w0, w1, w2, w3] = windows;
  const data = await request(PriceHistoryDocument, {
    metal,
    kind: KIND,
    from0: w0?.from,
    to0: w0?.to,
    from1: w1?.from,
    to1: w1?.to,
    from2: w2?.from,
    to2: w2?.to,
    from3: w3?.from,
    to3: w3?.to,
    with1: Boolean(w1),
    with2: Boolean(w2),
    with3: Boolean(w3),
  });
  const rows: MonthlyRow[] = [];
  const pages = [data.w0, data.w1, data.w2, data.w3];
  for (const [i, window] of windows.entries()) {
    let page: PriceWindowFragment | null | undefined = pages[i];
    rows.push(...(page?.edges.map((e) => e.node) ?? []));
    while (page?.pageInfo.hasNextPage && page.pageInfo.endCursor) {
      page = (await request(PricePageDocument, { metal, kind: KIND, dateFrom: window.from, dateTo: window.to, after: page.pageInfo.endCursor })).pricePoints;
      rows.push(...page.edges.map((e) => e.node));
    }
  }
  return rows;
}

type History = { metal: Metal; rows: MonthlyRow[] }[];

async function fetchHistory(): Promise<History> {
  const span = await request(PriceHistorySpanDocument, { kind: KIND });
  const earliest = span.earliest.edges[0]?.node.date;
  const latest = span.latest.edges[0]?.node.date;
  if (!earliest || !latest) return METALS.map((metal) => ({ metal, rows: [] }));
  const windows = monthWindows(earliest, latest);
  const batches = Array.from({ length: Math.ceil(windows.length / WINDOWS_PER_REQUEST) }, (_, i) =>
    windows.slice(i * WINDOWS_PER_REQUEST, (i + 1) * WINDOWS_PER_REQUEST),
  );
  return Promise.all(
    METALS.map(async (metal) => {
      const parts = await Promise.all(batches.map((b) => fetchWindows(metal, b)));
      return { metal, rows: parts.flat().sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)) };
    }),
  );
}

const RANGES = [
  { id: '5y', years: 5, label: '5 years' },
  { id: '10y', years: 10, label: '10 years' },
  { id: '25y', years: 25, label: '25 years' },
  { id: 'all', years: null, label: 'All' },
] as const;
type RangeId = (typeof RANGES)[number]['id'];

const dateMs = (d: string) => Date.parse(`${d}T00:00:00Z`);
const name = (metal: string) => metal.charAt(0) + metal.slice(1).toLowerCase();

/** The range's first and last month: the last `years` years up to the latest month with a price. */
function viewOf(history: History, spot: PriceRow[], years: number | null): View & { months: number } {
  const all = history.flatMap((h) => h.rows);
  const latest = all.reduce((m, r) => (r.date > m ? r.date : m), '0000-00-00');
  const earliest = all.reduce((m, r) => (r.date < m ? r.date : m), '9999-99-99');
  const end = dateMs(latest);
  const endDate = new Date(end);
  const from = years == null ? dateMs(earliest) : Date.UTC(endDate.getUTCFullYear() - years, endDate.getUTCMonth() + 1, 1);
  const months = (endDate.getUTCFullYear() - new Date(from).getUTCFullYear()) * 12 + endDate.getUTCMonth() - new Date(from).getUTCMonth() + 1;
  // SPOT prices later than the last monthly average still show: the view reaches to the latest of them.
  const lastSpot = spot.reduce((m, p) => Math.max(m, dateMs(p.date)), 0);
  const to = Math.max(Date.UTC(endDate.getUTCFullYear(), endDate.getUTCMonth() + 1, 1) - 86_400_000, lastSpot);
  return { from, to, months };
}

export function PriceHistory({ spot, sources }: { spot: PriceRow[]; sources: SourceInfoFragment[] }) {
  const state = useLoad(fetchHistory, 'history');
  const [range, setRange] = useState<RangeId>('all');
  const years = RANGES.find((r) => r.id === range)?.years ?? null;
  const history = state.data;
  const view = useMemo(() => (history ? viewOf(history, spot, years) : null), [history, spot, years]);
  const priceConfig = useMemo(() => (history && view ? priceHistoryChart(history, spot, view) : null), [history, spot, view]);
  const gold = history?.find((h) => h.metal === 'GOLD')?.rows ?? [];
  const ratioConfig = useMemo(
    () =>
      view
        ? ratioHistoryChart(
            gold,
            spot.filter((p) => p.metal === 'SILVER'),
            spot.filter((p) => p.metal === 'GOLD'),
            view,
          )
        : null,
    [gold, spot, view],
  );
  if (state.error) return <Problem message={state.error} />;
  if (!history || !view || !priceConfig || !ratioConfig) return <p>Loading the price history…</p>;
  if (history.every((h) => h.rows.length === 0)) return <p>No monthly prices.</p>;

  const inView = (r: MonthlyRow) => dateMs(r.date) >= view.from && dateMs(r.date) <= view.to;
  const shown = history.map((h) => ({ ...h, rows: h.rows.filter(inView) })).filter((h) => h.rows.length > 0);
  const first = shown[0]?.rows[0];
  const last = shown[0]?.rows[shown[0].rows.length - 1];
  const rangeText = first && last ? `${monthLabel(first.date)} – ${monthLabel(last.date)}` : '–';
  const ratios = gold.filter(inView).filter((r) => r.goldSilverRatio != null);
  const minRatio = ratios.reduce<MonthlyRow | undefined>((m, r) => (!m || r.goldSilverRatio! < m.goldSilverRatio! ? r : m), undefined);
  const maxRatio = ratios.reduce<MonthlyRow | undefined>((m, r) => (!m || r.goldSilverRatio! > m.goldSilverRatio! ? r : m), undefined);
  const monthlySources = [...new Map(shown.flatMap((h) => h.rows).filter((r) => r.source).map((r) => [r.source!.id, r.source!])).values()];

  return (
    <>
      <div className="range" role="group" aria-label="Range">
        Range:{' '}
        {RANGES.map((r) => (
          <button key={r.id} type="button" aria-pressed={range === r.id} onClick={() => setRange(r.id)}>
            {r.label}
          </button>
        ))}
        <span className="range-label" aria-live="polite">
          {rangeText} ({view.months.toLocaleString('en-US')} months)
        </span>
      </div>
      <ChartCanvas config={priceConfig} label={`Monthly average prices of silver, gold and platinum in USD per troy ounce (log scale), ${rangeText}, with the article's SPOT prices`} height={360} />
      <p className="legend-note">
        Lines: monthly averages (log scale, so equal slopes are equal percentage moves). Diamonds: the SPOT prices the article quotes (hollow:{' '}
        <strong>estimates</strong>, gold derived from the reported ratio). Monthly averages from{' '}
        {monthlySources.map((s, i) => (
          <span key={s.id}>
            {i > 0 && ', '}
            <SourceRef source={s} sources={sources} />
          </span>
        ))}
        .
      </p>
      <table>
        <caption>Monthly averages, {rangeText}: USD per troy ounce</caption>
        <thead>
          <tr>
            <th scope="col">Metal</th>
            <th scope="col" className="num">First month</th>
            <th scope="col" className="num">Latest month</th>
            <th scope="col" className="num">Change</th>
            <th scope="col" className="num">Low</th>
            <th scope="col" className="num">High</th>
          </tr>
        </thead>
        <tbody>
          {shown.map(({ metal, rows }) => {
            const a = rows[0];
            const b = rows[rows.length - 1];
            const low = rows.reduce((m, r) => (r.priceUsdPerOz < m.priceUsdPerOz ? r : m));
            const high = rows.reduce((m, r) => (r.priceUsdPerOz > m.priceUsdPerOz ? r : m));
            return (
              <tr key={metal}>
                <th scope="row">{name(metal)}</th>
                <td className="num">
                  {formatUsdPerOz(a.priceUsdPerOz)} <span className="muted">{monthLabel(a.date)}</span>
                </td>
                <td className="num">
                  {formatUsdPerOz(b.priceUsdPerOz)} <span className="muted">{monthLabel(b.date)}</span>
                </td>
                <td className="num">{formatPercent(100 * (b.priceUsdPerOz / a.priceUsdPerOz - 1))}</td>
                <td className="num">
                  {formatUsdPerOz(low.priceUsdPerOz)} <span className="muted">{monthLabel(low.date)}</span>
                </td>
                <td className="num">
                  {formatUsdPerOz(high.priceUsdPerOz)} <span className="muted">{monthLabel(high.date)}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h3 id="ratio-title">Gold/silver ratio, {rangeText}</h3>
      <ChartCanvas config={ratioConfig} label={`Gold/silver ratio of the monthly averages, ${rangeText}, with the article's SPOT ratios`} height={280} />
      <p className="legend-note" id="ratio-summary">
        Ounces of silver that one ounce of gold buys: each month's gold average ÷ its silver average. Latest{' '}
        {ratios.length ? `${formatRatio(ratios[ratios.length - 1].goldSilverRatio)} (${monthLabel(ratios[ratios.length - 1].date)})` : '–'}; low{' '}
        {minRatio ? `${formatRatio(minRatio.goldSilverRatio)} (${monthLabel(minRatio.date)})` : '–'}; high{' '}
        {maxRatio ? `${formatRatio(maxRatio.goldSilverRatio)} (${monthLabel(maxRatio.date)})` : '–'}. Diamonds: the article's SPOT ratios.
      </p>
    </>
  );
}
