// chart.js configurations for the dashboard (tree-shaken registration: only what is used).
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  Tooltip,
  type ChartConfiguration,
  type Plugin,
  type TooltipItem,
} from 'chart.js';
import {
  formatPercent,
  formatRatio,
  formatShare,
  formatTonnes,
  formatUsdPerOz,
  isFullYear,
  monthLabel,
  monthsLabel,
  periodLabel,
  stageLabel,
} from '../../../client/format';
import type {
  CountryOverviewQuery,
  Frequency,
  MineProductionByCountryQuery,
  PricePointInfoFragment,
  SeriesInfoFragment,
} from '../../../client/generated/graphql';
import type { LineSeries } from './price-table';

Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  LogarithmicScale,
  Tooltip,
  Legend,
  Filler,
);
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
Chart.defaults.color = '#333';

type CountryData = NonNullable<CountryOverviewQuery['country']>;
export type ProductionRow = CountryData['production'][number];
export type ExportRow = CountryData['exports'][number];
export type PriceRow = PricePointInfoFragment;
export type SeriesData = SeriesInfoFragment;
export type Observation = SeriesInfoFragment['observations'][number];
export type MineRow = MineProductionByCountryQuery['productionYears']['edges'][number]['node'];

/** What every plotted point carries, for tooltips (source, estimate) and the overlay plugins. */
interface Meta {
  source?: string | null;
  isEstimate?: boolean;
  note?: string;
  /** The tooltip's line for this point. */
  text?: string;
}
type Point = { x: number | string; y: number | null; meta?: Meta };

export const COLORS = {
  refined: '#1f5f99',
  mine: '#7b3f8c',
  silver: '#6b7785',
  gold: '#b8860b',
  platinum: '#3b7d8c',
  ratio: '#c0392b',
  export: '#1e7d4f',
  other: '#b0b7bf',
};

const STAGE_COLOR: Record<string, string> = { REFINED: COLORS.refined, MINE: COLORS.mine };

function rgba(hex: string, alpha: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** Diagonal hatching: partial-year periods (e.g. Jan–Nov) are drawn hatched. */
function hatch(color: string, background: string): CanvasPattern | string {
  const c = document.createElement('canvas');
  c.width = c.height = 8;
  const g = c.getContext('2d');
  if (!g) return color;
  g.fillStyle = background;
  g.fillRect(0, 0, 8, 8);
  g.strokeStyle = color;
  g.lineWidth = 2;
  g.beginPath();
  g.moveTo(0, 8);
  g.lineTo(8, 0);
  g.moveTo(-2, 2);
  g.lineTo(2, -2);
  g.moveTo(6, 10);
  g.lineTo(10, 6);
  g.stroke();
  return g.createPattern(c, 'repeat') ?? color;
}

const meta = (item: TooltipItem<any>): Meta | undefined => (item.raw as Point | undefined)?.meta;

/** Tooltip footer: the source of every figure under the pointer, and "estimate" where it is one. */
function sourceFooter(items: TooltipItem<any>[]): string[] {
  const lines = new Set<string>();
  for (const item of items) {
    const m = meta(item);
    if (!m) continue;
    lines.add(`Source: ${m.source ?? 'not recorded'}`);
    if (m.isEstimate) lines.add('Estimate (marked so by its publisher, or derived by argentum): not a reported figure');
  }
  return [...lines];
}

/** Dashed outline around estimated bars (chart.js bars have no dashed borders of their own). */
const estimateOutline: Plugin<any> = {
  id: 'estimateOutline',
  afterDatasetsDraw(chart) {
    const { ctx } = chart;
    chart.data.datasets.forEach((ds, i) => {
      if (ds.type === 'line' || !chart.isDatasetVisible(i)) return;
      chart.getDatasetMeta(i).data.forEach((el, j) => {
        const raw = ds.data[j] as Point | undefined;
        if (!raw?.meta?.isEstimate) return;
        const { x, y, base, width, height, horizontal } = el.getProps(['x', 'y', 'base', 'width', 'height', 'horizontal'], true) as any;
        ctx.save();
        ctx.setLineDash([5, 3]);
        ctx.lineWidth = 2;
        ctx.strokeStyle = (ds.borderColor as string) ?? '#333';
        if (horizontal) ctx.strokeRect(Math.min(base, x), y - height / 2, Math.abs(x - base), height);
        else ctx.strokeRect(x - width / 2, Math.min(y, base), width, Math.abs(base - y));
        ctx.restore();
      });
    });
  },
};

/** Value labels above vertical bars: "697.5 t" and the year-over-year change. */
const barLabels: Plugin<any> = {
  id: 'barLabels',
  afterDatasetsDraw(chart) {
    const { ctx } = chart;
    chart.data.datasets.forEach((ds, i) => {
      if (ds.type === 'line' || !chart.isDatasetVisible(i)) return;
      chart.getDatasetMeta(i).data.forEach((el, j) => {
        const raw = ds.data[j] as Point | undefined;
        if (raw?.y == null) return;
        const { x, y } = el.getProps(['x', 'y'], true) as any;
        ctx.save();
        ctx.textAlign = 'center';
        ctx.fillStyle = '#222';
        ctx.font = '600 11px system-ui, sans-serif';
        ctx.fillText(`${formatTonnes(raw.y)} t`, x, raw.meta?.note ? y - 20 : y - 7);
        if (raw.meta?.note) {
          ctx.font = '11px system-ui, sans-serif';
          ctx.fillText(raw.meta.note, x, y - 7);
        }
        ctx.restore();
      });
    });
  },
};

/** Production by year: one bar series per stage and period shape (full year, Jan–Nov, ...). */
export function productionChart(rows: ProductionRow[]): ChartConfiguration<'bar', Point[]> {
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
  const groups = new Map<string, ProductionRow[]>();
  for (const r of [...rows].sort((a, b) => (a.stage < b.stage ? 1 : -1) || Number(isFullYear(b)) - Number(isFullYear(a)))) {
    const key = `${r.stage}|${r.monthFrom}|${r.monthTo}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const datasets = [...groups.values()].map((series) => {
    const first = series[0];
    const color = STAGE_COLOR[first.stage] ?? '#555';
    const partial = monthsLabel(first);
    const label = `${stageLabel(first.stage)}, ${partial ? `${partial} only (partial year)` : 'full year'}`;
    const data: Point[] = years.map((year) => {
      const r = series.find((s) => s.year === year);
      if (!r) return { x: String(year), y: null };
      const change = r.yoyChange?.percent != null ? `${formatPercent(r.yoyChange.percent)} y/y` : '';
      const vs = r.yoyChange
        ? `, ${formatPercent(r.yoyChange.percent)} vs ${formatTonnes(r.yoyChange.previous)} t in ${periodLabel({ ...r, year: r.year - 1 })}`
        : ', no figure a year earlier';
      const text = `${periodLabel(r)}: ${formatTonnes(r.tonnes)} t${vs}${r.isEstimate ? ' (estimate)' : ''}`;
      return { x: String(year), y: r.tonnes, meta: { source: r.source?.name, isEstimate: r.isEstimate, note: change, text } };
    });
    const solid = partial ? hatch(color, rgba(color, 0.18)) : rgba(color, 0.85);
    const hollow = partial ? hatch(rgba(color, 0.45), '#fff') : rgba(color, 0.12);
    return {
      type: 'bar' as const,
      label,
      data,
      backgroundColor: data.map((p) => (p.meta?.isEstimate ? hollow : solid)),
      borderColor: color,
      borderWidth: data.map((p) => (p.meta?.isEstimate ? 0 : 1)),
      legendFill: solid,
      categoryPercentage: 0.8,
      barPercentage: 0.9,
      maxBarThickness: 90,
    };
  });
  return {
    type: 'bar',
    data: { labels: years.map(String), datasets },
    plugins: [estimateOutline, barLabels],
    options: {
      animation: false,
      maintainAspectRatio: false,
      layout: { padding: { top: 8 } },
      scales: {
        x: { title: { display: true, text: 'Year' } },
        y: { beginAtZero: true, grace: '18%', title: { display: true, text: 'Tonnes' } },
      },
      plugins: {
        legend: {
          position: 'bottom',
          labels: {
            // The legend shows each series' reported style (its first bar may be a pale estimate).
            generateLabels: (chart) =>
              Chart.defaults.plugins.legend.labels.generateLabels(chart).map((item) => {
                const ds = chart.data.datasets[item.datasetIndex ?? 0] as { legendFill?: CanvasPattern | string };
                return { ...item, fillStyle: ds.legendFill ?? item.fillStyle, lineWidth: 1 };
              }),
          },
        },
        tooltip: {
          callbacks: {
            title: (items) => items.map((i) => `${i.dataset.label}: ${i.label}`).join(', '),
            label: (item) => meta(item)?.text ?? `${formatTonnes(item.parsed.y)} t`,
            footer: sourceFooter,
          },
        },
      },
    },
  };
}

/** The partners' shares of one period's exports (tonnes), with what the source leaves unitemised. */
export function exportShareChart(partners: ExportRow[], periodText: string): ChartConfiguration<'bar', Point[]> {
  const rows = partners.filter((p) => p.share != null).sort((a, b) => (b.share ?? 0) - (a.share ?? 0));
  const itemised = rows.reduce((sum, r) => sum + (r.share ?? 0), 0);
  const labels = rows.map((r) => `${r.partner.name} (${r.partner.iso3})`);
  const data: Point[] = rows.map((r, i) => ({
    x: (r.share ?? 0) * 100,
    y: i,
    meta: { source: r.source?.name, isEstimate: r.isEstimate },
  }));
  const colors = rows.map((r) => (r.isEstimate ? rgba(COLORS.export, 0.15) : rgba(COLORS.export, 0.85)));
  if (itemised < 0.999 && rows.length) {
    labels.push('Other destinations (not itemised)');
    data.push({ x: (1 - itemised) * 100, y: rows.length, meta: { source: 'remainder of the total, computed here' } });
    colors.push(COLORS.other);
  }
  return {
    type: 'bar',
    data: {
      labels,
      datasets: [
        {
          label: `Share of export tonnes, ${periodText}`,
          data: data.map((d, i) => ({ ...d, y: i, x: d.x })),
          backgroundColor: colors,
          borderColor: COLORS.export,
          borderWidth: 1,
          parsing: { xAxisKey: 'x', yAxisKey: 'y' },
        },
      ],
    },
    plugins: [estimateOutline],
    options: {
      indexAxis: 'y',
      animation: false,
      maintainAspectRatio: false,
      scales: {
        x: { min: 0, max: 100, title: { display: true, text: '% of export tonnes' }, ticks: { callback: (v) => `${v}%` } },
        y: { type: 'category', labels },
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            label: (item) => {
              const row = rows[item.dataIndex];
              const pct = formatShare((item.parsed.x ?? 0) / 100);
              return row
                ? `${pct} of export tonnes (${formatTonnes(row.tonnes)} t)${row.isEstimate ? ' (estimate)' : ''}`
                : `${pct} of export tonnes`;
            },
            footer: sourceFooter,
          },
        },
      },
    },
  };
}

const DAY = 86_400_000;
const dateMs = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const monthStartMs = (year: number, month: number) => Date.UTC(year, month - 1, 1);
const fmtDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const fmtMonth = (ms: number) => `${MONTH_NAMES[new Date(ms).getUTCMonth()]} ${new Date(ms).getUTCFullYear()}`;

/** Month ticks every `step` months between two instants. */
function monthTicks(min: number, max: number, step: number): { value: number }[] {
  const ticks: { value: number }[] = [];
  const d = new Date(min);
  // Aligned to the calendar: quarters start in Jan, Apr, Jul, Oct; half years in Jan and Jul.
  let t = Date.UTC(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / step) * step, 1);
  while (t <= max) {
    if (t >= min) ticks.push({ value: t });
    const n = new Date(t);
    t = Date.UTC(n.getUTCFullYear(), n.getUTCMonth() + step, 1);
  }
  return ticks;
}

/** Implied export unit price (value / tonnes) per period, drawn across its months, against the market price. */
export function unitPriceChart(totals: ExportRow[], silver: PriceRow[]): ChartConfiguration<'line', Point[]> {
  const flows = totals.filter((f) => f.unitPriceUsdPerOz != null).sort((a, b) => a.year - b.year || a.monthFrom - b.monthFrom);
  const segments: Point[] = [];
  for (const f of flows) {
    const m: Meta = { source: f.source?.name, isEstimate: f.isEstimate, note: periodLabel(f) };
    segments.push({ x: monthStartMs(f.year, f.monthFrom), y: f.unitPriceUsdPerOz, meta: m });
    segments.push({ x: monthStartMs(f.year, f.monthTo + 1) - DAY, y: f.unitPriceUsdPerOz, meta: m });
    segments.push({ x: monthStartMs(f.year, f.monthTo + 1), y: null });
  }
  const market: Point[] = silver
    .map((p) => ({ x: dateMs(p.date), y: p.priceUsdPerOz, meta: { source: p.source?.name, isEstimate: p.isEstimate, note: p.kind } }))
    .sort((a, b) => a.x - b.x);
  const xs = [...segments, ...market].map((p) => p.x as number).filter((x) => Number.isFinite(x));
  const min = Math.min(...xs);
  const max = Math.max(...xs);
  const isEst = (p: unknown) => Boolean((p as { raw?: Point })?.raw?.meta?.isEstimate);
  return {
    type: 'line',
    data: {
      datasets: [
        {
          label: 'Implied export unit price (value ÷ tonnes), per period',
          data: segments,
          borderColor: COLORS.export,
          backgroundColor: COLORS.export,
          borderWidth: 3,
          pointRadius: 3,
          pointBackgroundColor: segments.map((p) => (p.meta?.isEstimate ? '#fff' : COLORS.export)),
          spanGaps: false,
          segment: { borderDash: (ctx) => (isEst(ctx.p0) || isEst(ctx.p1) ? [6, 4] : undefined) },
        },
        {
          label: 'Silver market price (SPOT)',
          data: market,
          borderColor: COLORS.silver,
          backgroundColor: COLORS.silver,
          borderWidth: 2,
          pointRadius: 4,
          pointBackgroundColor: market.map((p) => (p.meta?.isEstimate ? '#fff' : COLORS.silver)),
          segment: { borderDash: (ctx) => (isEst(ctx.p0) || isEst(ctx.p1) ? [6, 4] : undefined) },
        },
      ],
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      parsing: false,
      scales: {
        x: {
          type: 'linear',
          min: monthStartMs(new Date(min).getUTCFullYear(), new Date(min).getUTCMonth() + 1),
          max: max + 15 * DAY,
          afterBuildTicks: (axis) => {
            axis.ticks = monthTicks(axis.min, axis.max, 3);
          },
          ticks: { callback: (v) => fmtMonth(Number(v)) },
          title: { display: true, text: 'Date' },
        },
        y: { beginAtZero: true, grace: '10%', title: { display: true, text: 'USD per troy ounce' } },
      },
      plugins: {
        legend: { position: 'bottom' },
        tooltip: {
          callbacks: {
            title: (items) => items.map((i) => meta(i)?.note && i.datasetIndex === 0 ? String(meta(i)?.note) : fmtDate(i.parsed.x ?? 0)).join(', '),
            label: (item) =>
              `${item.dataset.label}: ${formatUsdPerOz(item.parsed.y)} USD/oz${meta(item)?.isEstimate ? ' (estimate)' : ''}`,
            footer: sourceFooter,
          },
        },
      },
    },
  };
}

/** The span a history chart shows: epoch ms, both ends included. */
export interface View {
  from: number;
  to: number;
}

/** Ticks on January 1 every 1, 2, 5 or 10 years, whichever keeps about a dozen labels. */
function yearTicks(min: number, max: number): { value: number }[] {
  const years = (max - min) / (365.25 * DAY);
  const step = years <= 8 ? 1 : years <= 16 ? 2 : years <= 40 ? 5 : 10;
  const ticks: { value: number }[] = [];
  for (let y = Math.ceil(new Date(min).getUTCFullYear() / step) * step; Date.UTC(y, 0, 1) <= max; y += step) {
    if (Date.UTC(y, 0, 1) >= min) ticks.push({ value: Date.UTC(y, 0, 1) });
  }
  return ticks;
}

/** Log-scale ticks at 1, 2 and 5 times the powers of ten within the axis. */
function logTicks(min: number, max: number): { value: number }[] {
  const ticks: { value: number }[] = [];
  for (let p = Math.floor(Math.log10(min)); 10 ** p <= max; p++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** p;
      if (v >= min && v <= max) ticks.push({ value: v });
    }
  }
  return ticks;
}

const inView = (view: View) => (p: Point) => (p.x as number) >= view.from && (p.x as number) <= view.to;

const timeAxis = (view: View) => ({
  type: 'linear' as const,
  min: view.from,
  max: view.to,
  afterBuildTicks: (axis: { min: number; max: number; ticks: { value: number }[] }) => {
    axis.ticks = yearTicks(axis.min, axis.max);
  },
  ticks: { callback: (v: number | string) => String(new Date(Number(v)).getUTCFullYear()), maxRotation: 0 },
  title: { display: true, text: 'Date' },
});

const QUARTER = ['Q1', 'Q2', 'Q3', 'Q4'];

/** A period's name from its first day: "Jan 2021", "Q1 2021" or "2021". */
export function periodName(date: string, frequency: Frequency): string {
  if (frequency === 'ANNUAL') return date.slice(0, 4);
  if (frequency === 'QUARTERLY') return `${QUARTER[Math.floor((Number(date.slice(5, 7)) - 1) / 3)]} ${date.slice(0, 4)}`;
  if (frequency === 'MONTHLY') return monthLabel(date);
  return date;
}

/** Where an observation is drawn: months at their first day (as before); quarters and years at their middle, since their value is an average over the whole period. */
function periodX(date: string, frequency: Frequency): number {
  const start = dateMs(date);
  const d = new Date(start);
  if (frequency === 'ANNUAL') return (start + Date.UTC(d.getUTCFullYear() + 1, 0, 1)) / 2;
  if (frequency === 'QUARTERLY') return (start + Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 3, 1)) / 2;
  return start;
}

const PER: Record<string, string> = { ANNUAL: 'annual', QUARTERLY: 'quarterly', MONTHLY: 'monthly', DAILY: 'daily' };
const PERIOD: Record<string, string> = { ANNUAL: 'year', QUARTERLY: 'quarter', MONTHLY: 'month', DAILY: 'day' };

/** A series as a thin line (no markers: hundreds of points); the tooltip names the period, the months it averages and the source. */
function seriesLine(label: string, series: LineSeries, color: string, view: View, yAxisID = 'y') {
  const source = series.sources.map((s) => s.name).join(', ') || null;
  const data: Point[] = series.observations
    .map((o) => ({
      x: periodX(o.date, series.frequency),
      y: o.value,
      meta: {
        source,
        isEstimate: o.isEstimate,
        text: `${periodName(o.date, series.frequency)} (${PER[series.frequency] ?? ''} average${series.frequency === 'MONTHLY' ? '' : ` of ${o.count} month${o.count === 1 ? '' : 's'}`})`,
      },
    }))
    .filter(inView(view));
  return { type: 'line' as const, label, data, yAxisID, borderColor: color, backgroundColor: color, borderWidth: 1.5, pointRadius: series.observations.length > 120 ? 0 : 2, pointHoverRadius: 4, pointStyle: 'line' as const, spanGaps: false };
}

/** The article's SPOT prices as markers over the series lines (hollow when an estimate). */
function spotMarkers(label: string, rows: PriceRow[], value: (r: PriceRow) => number | null | undefined, color: string, view: View, yAxisID = 'y') {
  const data: Point[] = rows
    .filter((r) => value(r) != null)
    .map((r) => ({ x: dateMs(r.date), y: value(r) ?? null, meta: { source: r.source?.name, isEstimate: r.isEstimate, text: `${r.date} (SPOT)` } }))
    .filter(inView(view))
    .sort((a, b) => (a.x as number) - (b.x as number));
  return {
    type: 'line' as const,
    label,
    data,
    yAxisID,
    showLine: false,
    // A SPOT price on the axis' last day is drawn whole, not cut at the plot's edge.
    clip: 10,
    pointStyle: 'rectRot' as const,
    pointRadius: 6,
    pointHoverRadius: 8,
    borderWidth: 2,
    borderColor: '#111',
    backgroundColor: data.map((p) => (p.meta?.isEstimate ? '#fff' : color)),
  };
}

const pointTitle = (items: TooltipItem<any>[]) => [...new Set(items.map((i) => meta(i)?.text ?? fmtDate(i.parsed.x ?? 0)))].join(', ');

/**
 * Each metal's price series (a price table's columns, columnsOf) within `view`: levels on a log
 * scale with the SPOT prices as markers, or (units PERCENT_CHANGE_FROM_YEAR_AGO) the change on a
 * year earlier on a linear % axis, without the SPOT markers (they are levels, not changes).
 */
export function priceHistoryChart(series: { metal: string; series: LineSeries }[], spot: PriceRow[], view: View): ChartConfiguration<'line', Point[]> {
  const color: Record<string, string> = { SILVER: COLORS.silver, GOLD: COLORS.gold, PLATINUM: COLORS.platinum };
  const name = (metal: string) => metal.charAt(0) + metal.slice(1).toLowerCase();
  const percent = series[0]?.series.units === 'PERCENT_CHANGE_FROM_YEAR_AGO';
  const per = PER[series[0]?.series.frequency ?? 'MONTHLY'];
  const datasets = [
    ...series.map(({ metal, series: s }) =>
      seriesLine(`${name(metal)}, ${per} average${percent ? ', % change from a year ago' : ''}`, s, color[metal] ?? '#555', view),
    ),
    ...(percent
      ? []
      : ['SILVER', 'GOLD'].map((metal) => spotMarkers(`${name(metal)} SPOT (article)`, spot.filter((p) => p.metal === metal), (r) => r.priceUsdPerOz, color[metal], view))),
  ];
  const y = percent
    ? {
        type: 'linear' as const,
        title: { display: true, text: '% change from a year ago' },
        ticks: { callback: (v: number | string) => `${Number(v) > 0 ? '+' : ''}${Number(v).toLocaleString('en-US')}%` },
        // The zero line stands out: above it prices rose on a year earlier, below it they fell.
        grid: { color: (ctx: { tick?: { value: number } }) => (ctx.tick?.value === 0 ? '#555' : 'rgba(0, 0, 0, 0.1)') },
      }
    : {
        type: 'logarithmic' as const,
        title: { display: true, text: 'USD per troy ounce (log scale)' },
        afterBuildTicks: (axis: { min: number; max: number; ticks: { value: number }[] }) => {
          axis.ticks = logTicks(axis.min, axis.max);
        },
        ticks: { callback: (v: number | string) => Number(v).toLocaleString('en-US') },
      };
  return {
    type: 'line',
    data: { datasets },
    options: {
      animation: false,
      maintainAspectRatio: false,
      parsing: false,
      layout: { padding: { right: 8 } },
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      scales: { x: timeAxis(view), y },
      plugins: {
        legend: { position: 'bottom', labels: { usePointStyle: true, pointStyleWidth: 28 } },
        tooltip: {
          callbacks: {
            title: pointTitle,
            label: (item) =>
              `${item.dataset.label}: ${percent ? formatPercent(item.parsed.y) : `${formatUsdPerOz(item.parsed.y)} USD/oz`}${meta(item)?.isEstimate ? ' (estimate)' : ''}; source: ${meta(item)?.source ?? 'not recorded'}`,
          },
        },
      },
    },
  };
}

/**
 * The gold/silver ratio series with its reference band: the 10th to 90th percentile of the
 * observations shown (shaded between two flat lines), the median (dashed), and the SPOT ratios as markers.
 */
export function ratioHistoryChart(ratio: SeriesData, spotSilver: PriceRow[], spotGold: PriceRow[], view: View): ChartConfiguration<'line', Point[]> {
  // A SPOT ratio is an estimate when either price behind it is one.
  const spot = spotSilver.map((s) => ({ ...s, isEstimate: s.isEstimate || Boolean(spotGold.find((g) => g.date === s.date)?.isEstimate) }));
  const { p10, p90, median } = ratio.stats;
  const periods = `${PERIOD[ratio.frequency] ?? 'period'}s`;
  const flat = (label: string, value: number | null | undefined, extra: object) => ({
    type: 'line' as const,
    label,
    data: value == null ? [] : [{ x: view.from, y: value }, { x: view.to, y: value }],
    pointRadius: 0,
    pointHoverRadius: 0,
    borderWidth: 1,
    ...extra,
  });
  const band = rgba(COLORS.ratio, 0.12);
  return {
    type: 'line',
    data: {
      datasets: [
        flat('10th percentile', p10, { borderColor: rgba(COLORS.ratio, 0.35), backgroundColor: band, inBand: true }),
        flat(`Middle 80% of the ${periods} shown (10th–90th percentile)`, p90, { borderColor: rgba(COLORS.ratio, 0.35), backgroundColor: band, fill: '-1', pointStyle: 'rect' }),
        flat('Median', median, { borderColor: '#555', backgroundColor: '#555', borderDash: [6, 4], borderWidth: 1.5, pointStyle: 'line' }),
        seriesLine(`Gold/silver ratio of the ${PER[ratio.frequency] ?? ''} averages`, ratio, COLORS.ratio, view),
        spotMarkers('Gold/silver ratio, SPOT (article)', spot, (r) => r.goldSilverRatio, COLORS.ratio, view),
      ],
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      parsing: false,
      layout: { padding: { right: 8 } },
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      scales: {
        x: timeAxis(view),
        y: { beginAtZero: true, grace: '5%', title: { display: true, text: 'Ounces of silver per ounce of gold' } },
      },
      plugins: {
        legend: {
          position: 'bottom',
          labels: {
            usePointStyle: true,
            pointStyleWidth: 28,
            // The band's lower edge is half of one legend entry: the shaded area is named once.
            filter: (item, data) => !(data.datasets[item.datasetIndex ?? 0] as { inBand?: boolean }).inBand,
          },
        },
        tooltip: {
          // The flat band and median lines have no points to point at; their values are in the text below the chart.
          filter: (item) => item.datasetIndex > 2,
          callbacks: {
            title: pointTitle,
            label: (item) => `${item.dataset.label}: ${formatRatio(item.parsed.y)}${meta(item)?.isEstimate ? ' (estimate)' : ''}`,
            footer: (items) => items.map((i) => `Prices from: ${meta(i)?.source ?? 'not recorded'}`).filter((v, k, a) => a.indexOf(v) === k),
          },
        },
      },
    },
  };
}

/** Ranked countries' mine production of one year as horizontal bars (aggregates left out). */
export function mineProductionChart(rows: MineRow[], caption: string): ChartConfiguration<'bar', Point[]> {
  const labels = rows.map((r) => `${r.country.productionRank ?? '–'}. ${r.country.name}`);
  const data: Point[] = rows.map((r, i) => ({
    x: r.tonnes,
    y: i,
    meta: { source: r.source?.name, isEstimate: r.isEstimate, text: `${formatTonnes(r.tonnes)} t (${formatShare(r.country.worldShare)} of the world)${r.isEstimate ? ', estimate' : ''}` },
  }));
  return {
    type: 'bar',
    data: {
      labels,
      datasets: [
        {
          label: caption,
          data,
          backgroundColor: rows.map((r) => rgba(COLORS.mine, r.isEstimate ? 0.15 : 0.85)),
          borderColor: COLORS.mine,
          borderWidth: rows.map((r) => (r.isEstimate ? 0 : 1)),
        },
      ],
    },
    plugins: [estimateOutline],
    options: {
      indexAxis: 'y',
      animation: false,
      maintainAspectRatio: false,
      scales: {
        x: { beginAtZero: true, title: { display: true, text: 'Tonnes' } },
        y: { type: 'category', labels, ticks: { autoSkip: false } },
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            label: (item) => meta(item)?.text ?? `${formatTonnes(item.parsed.x)} t`,
            footer: sourceFooter,
          },
        },
      },
    },
  };
}
