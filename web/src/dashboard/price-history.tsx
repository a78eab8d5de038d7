// Prices since the first month in the data: silver, gold and platinum side by side (one price
// table) and the gold/silver ratio as a series (monthly averages, or their annual averages), levels
// or the percent change from a year ago, over a chosen range, with the ratio's p10-p90 band and the
// article's SPOT prices as markers.
import { useMemo, useRef, useState } from 'react';
import { PriceHistoryCsvDocument, PriceHistoryDocument, type Frequency, type PriceHistoryQuery, type SourceInfoFragment, type Units } from '../../../client/generated/graphql';
import { formatPercent, formatUsdPerOz } from '../../../client/format';
import { request } from '../shared/request';
import { ChartCanvas } from './ChartCanvas';
import { periodName, priceHistoryChart, ratioHistoryChart, type Observation, type PriceRow, type View } from './charts';
import { columnsOf, columnStats } from './price-table';
import { CsvLink, Problem, SourceRef, useLoad } from './ui';

const RANGES = [
  { id: '5y', years: 5, label: '5 years' },
  { id: '10y', years: 10, label: '10 years' },
  { id: '25y', years: 25, label: '25 years' },
  { id: 'all', years: null, label: 'All' },
] as const;
type RangeId = (typeof RANGES)[number]['id'];

const FREQUENCIES: { id: Frequency; label: string; periods: string }[] = [
  { id: 'MONTHLY', label: 'Monthly', periods: 'months' },
  { id: 'ANNUAL', label: 'Annual', periods: 'years' },
];
const PCT: Units = 'PERCENT_CHANGE_FROM_YEAR_AGO';

const DAY = 86_400_000;
const dateMs = (d: string) => Date.parse(`${d}T00:00:00Z`);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const name = (metal: string) => metal.charAt(0) + metal.slice(1).toLowerCase();
const ratio2 = (v: number | null | undefined) => (v == null ? '–' : v.toFixed(2));

/**
 * Where a range starts. Monthly: the last `years` x 12 months up to the latest month. Annual: the
 * last `years` complete calendar years. The server leaves out incomplete periods (includeIncomplete
 * defaults to false), so no range needs an end; the start counts back from the last complete year,
 * or a range would hold one year fewer while the current one is partial.
 */
function rangeDates(latest: string | undefined, frequency: Frequency, years: number | null): { dateFrom?: string } {
  if (!latest || years == null) return {};
  const y = Number(latest.slice(0, 4));
  const m = Number(latest.slice(5, 7));
  if (frequency === 'ANNUAL') return { dateFrom: `${(m === 12 ? y : y - 1) - years + 1}-01-01` };
  return { dateFrom: iso(Date.UTC(y - years, m, 1)) };
}

/** The end (last day) of the period starting on `date`. */
function periodEnd(date: string, frequency: Frequency): number {
  const d = new Date(dateMs(date));
  const months = frequency === 'ANNUAL' ? 12 : frequency === 'QUARTERLY' ? 3 : frequency === 'MONTHLY' ? 1 : 0;
  return months ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1) - DAY : dateMs(date);
}

const withValue = (s: { observations: Observation[] }) => s.observations.filter((o): o is Observation & { value: number } => o.value != null);

export function PriceHistory({ spot, sources }: { spot: PriceRow[]; sources: SourceInfoFragment[] }) {
  const [range, setRange] = useState<RangeId>('all');
  const [frequency, setFrequency] = useState<Frequency>('MONTHLY');
  const [percent, setPercent] = useState(false);
  // The latest month with a price, from the first answer (all months): where the ranges end.
  const [latest, setLatest] = useState<string>();
  // Answers by variables: going back to a view already seen sends nothing.
  const cache = useRef(new Map<string, PriceHistoryQuery>());

  const years = RANGES.find((r) => r.id === range)?.years ?? null;
  const variables = { frequency, units: percent ? PCT : ('LEVEL' as Units), ...rangeDates(latest, frequency, years) };
  const key = JSON.stringify(variables);
  const state = useLoad(async () => {
    const cached = cache.current.get(key);
    if (cached) return cached;
    const data = await request(PriceHistoryDocument, variables);
    cache.current.set(key, data);
    const last = data.prices.rows.at(-1)?.date;
    if (frequency === 'MONTHLY' && last && (!latest || last > latest)) setLatest(last);
    return data;
  }, key);
  const data = state.data;

  // The table's columns as series; a metal without a value in the range is left out.
  const shown = useMemo(() => (data ? columnsOf(data.prices).filter((c) => c.series.observations.some((o) => o.value != null)) : []), [data]);
  const views = useMemo(() => {
    if (!data || shown.length === 0) return null;
    const all = shown.flatMap((s) => s.series.observations);
    const first = all.reduce((m, o) => (o.date < m ? o.date : m), all[0].date);
    const last = all.reduce((m, o) => (o.date > m ? o.date : m), all[0].date);
    const base: View = { from: dateMs(first), to: periodEnd(last, data.prices.frequency) };
    // SPOT prices later than the last period still show on level charts: the view reaches to them.
    const lastSpot = spot.reduce((m, p) => Math.max(m, dateMs(p.date)), 0);
    const level: View = { from: base.from, to: Math.max(base.to, lastSpot) };
    return { base, level, first, last };
  }, [data, shown, spot]);
  const priceConfig = useMemo(() => (views ? priceHistoryChart(shown, spot, percent ? views.base : views.level) : null), [shown, spot, views, percent]);
  const ratioConfig = useMemo(
    () =>
      data && views
        ? ratioHistoryChart(
            data.ratio,
            spot.filter((p) => p.metal === 'SILVER'),
            spot.filter((p) => p.metal === 'GOLD'),
            views.level,
          )
        : null,
    [data, spot, views],
  );

  if (state.error) return <Problem message={state.error} />;
  if (!data) return <p>Loading the price history…</p>;
  if (!views || !priceConfig || !ratioConfig) return <p>No monthly prices.</p>;

  const freq = data.prices.frequency;
  const units = data.prices.units;
  const isPercent = units === PCT;
  const periods = FREQUENCIES.find((f) => f.id === freq)?.periods ?? 'periods';
  const period = periods.replace(/s$/, '');
  const count = Math.max(...shown.map((s) => s.series.observations.length));
  const rangeText = `${periodName(views.first, freq)} – ${periodName(views.last, freq)}`;
  const seriesSources = [...new Map([...data.prices.sources, ...data.ratio.sources].map((s) => [s.id, s])).values()];
  const r = data.ratio;
  const ratioValues = withValue(r);
  const ratioLatest = ratioValues.at(-1);
  const loadingNext = state.loading;
  const averages = freq === 'MONTHLY' ? 'monthly averages' : `${freq === 'ANNUAL' ? 'annual' : 'quarterly'} averages of the monthly averages`;

  return (
    <>
      <div className="range" role="group" aria-label="Range">
        Range:{' '}
        {RANGES.map((x) => (
          <button key={x.id} type="button" aria-pressed={range === x.id} disabled={x.years != null && !latest} onClick={() => setRange(x.id)}>
            {x.label}
          </button>
        ))}
        <span className="range-label" aria-live="polite">
          {rangeText} ({count.toLocaleString('en-US')} {periods})
        </span>
      </div>
      <div className="range" role="group" aria-label="Frequency">
        Frequency:{' '}
        {FREQUENCIES.map((f) => (
          <button key={f.id} type="button" aria-pressed={frequency === f.id} disabled={!latest} onClick={() => setFrequency(f.id)}>
            {f.label}
          </button>
        ))}{' '}
        <label className="toggle">
          <input type="checkbox" checked={percent} onChange={(e) => setPercent(e.target.checked)} /> % change from a year ago
        </label>
        {loadingNext && <span className="muted"> loading…</span>}
      </div>
      <ChartCanvas
        config={priceConfig}
        label={
          isPercent
            ? `Percent change from a year ago of the ${averages} of silver, gold and platinum, ${rangeText}`
            : `${name(freq)} average prices of silver, gold and platinum in USD per troy ounce (log scale), ${rangeText}, with the article's SPOT prices`
        }
        height={360}
      />
      <p className="legend-note">
        {isPercent ? (
          <>
            Lines: the percent change of each {period}'s average on the same {period} a year earlier (linear scale; above 0 the price rose).
            {shown.some((x) => x.series.observations[0]?.value == null) && ` The data's first year has none: there is no price a year before it.`}
          </>
        ) : (
          <>
            Lines: {averages} (log scale, so equal slopes are equal percentage moves). Diamonds: the SPOT prices the article quotes (hollow:{' '}
            <strong>estimates</strong>, gold derived from the reported ratio).
          </>
        )}{' '}
        {freq === 'ANNUAL' && 'Complete calendar years only: the current year shows once its twelve months are in. '}
        Aggregated by the API from the monthly averages of{' '}
        {seriesSources.map((s, i) => (
          <span key={s.id}>
            {i > 0 && ', '}
            <SourceRef source={s} sources={sources} />
          </span>
        ))}
        .
      </p>
      <CsvLink
        operation={PriceHistoryCsvDocument}
        variables={{ metals: data.prices.metals, ...variables }}
        csvPath="priceTable.rows"
        filename={`${variables.frequency === 'ANNUAL' ? 'annual' : 'monthly'}-averages-${data.prices.metals.map((m) => m.toLowerCase()).join('-')}${isPercent ? '-percent-change' : ''}.csv`}
      />
      <table>
        <caption>
          {isPercent ? `Percent change from a year ago of the ${averages}` : `${averages.charAt(0).toUpperCase()}${averages.slice(1)}, USD per troy ounce`}, {rangeText}
        </caption>
        <thead>
          <tr>
            <th scope="col">Metal</th>
            <th scope="col" className="num">First {period}</th>
            <th scope="col" className="num">Latest {period}</th>
            <th scope="col" className="num">{isPercent ? 'Median' : 'Change'}</th>
            <th scope="col" className="num">Low</th>
            <th scope="col" className="num">High</th>
          </tr>
        </thead>
        <tbody>
          {shown.map(({ metal, series }) => {
            const values = withValue(series);
            const a = values[0];
            const b = values.at(-1);
            const { min, max, median } = columnStats(series.observations, units);
            const fmt = isPercent ? (v: number | null | undefined) => formatPercent(v) : formatUsdPerOz;
            const at = (o: { date: string; value: number | null } | null | undefined) =>
              o ? (
                <>
                  {fmt(o.value)} <span className="muted">{periodName(o.date, freq)}</span>
                </>
              ) : (
                '–'
              );
            return (
              <tr key={metal}>
                <th scope="row">{name(metal)}</th>
                <td className="num">{at(a)}</td>
                <td className="num">{at(b)}</td>
                <td className="num">{isPercent ? formatPercent(median) : a && b ? formatPercent(100 * (b.value / a.value - 1)) : '–'}</td>
                <td className="num">{at(min)}</td>
                <td className="num">{at(max)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h3 id="ratio-title">Gold/silver ratio, {rangeText}</h3>
      <ChartCanvas
        config={ratioConfig}
        label={`Gold/silver ratio of the ${averages}, ${rangeText}, with the band from its 10th to its 90th percentile, its median and the article's SPOT ratios`}
        height={280}
      />
      <p className="legend-note" id="ratio-summary">
        Ounces of silver that one ounce of gold buys: each {period}'s gold average ÷ its silver average. Latest{' '}
        {ratioLatest ? `${ratio2(ratioLatest.value)} (${periodName(ratioLatest.date, freq)})` : '–'}. Over the {r.stats.count.toLocaleString('en-US')}{' '}
        {periods} shown: median {ratio2(r.stats.median)}; the shaded band holds the middle 80%, from p10 {ratio2(r.stats.p10)} to p90{' '}
        {ratio2(r.stats.p90)}; lowest {r.stats.min ? `${ratio2(r.stats.min.value)} (${periodName(r.stats.min.date, freq)})` : '–'}; highest{' '}
        {r.stats.max ? `${ratio2(r.stats.max.value)} (${periodName(r.stats.max.date, freq)})` : '–'}. Diamonds: the article's SPOT ratios.
      </p>
    </>
  );
}
