// Mine production by country for a chosen metal and year: each country's rank, tonnes, world share,
// estimate flag, source and revisions; the aggregates (World, Other countries) apart and unranked.
import { useEffect, useMemo, useState } from 'react';
import {
  MineProductionCsvDocument,
  MineProductionByCountryDocument,
  MineProductionYearsDocument,
  type Metal,
  type MineProductionByCountryQuery,
  type SourceInfoFragment,
} from '../../../client/generated/graphql';
import { formatShare, formatTonnes } from '../../../client/format';
import { request } from '../shared/request';
import { ChartCanvas } from './ChartCanvas';
import { mineProductionChart, type MineRow } from './charts';
import { CsvLink, Estimate, Problem, Revisions, SourceRef, useLoad, useQuery } from './ui';

const METALS: Metal[] = ['SILVER', 'GOLD'];
const metalName = (metal: string) => metal.charAt(0) + metal.slice(1).toLowerCase();

/** Every row of one metal and year (40 a page: the most the query cost limit allows with revisions). */
async function fetchRows(metal: Metal, year: number): Promise<MineRow[]> {
  const rows: MineRow[] = [];
  let after: string | null = null;
  for (let page = 0; page < 50; page++) {
    const { productionYears }: MineProductionByCountryQuery = await request(MineProductionByCountryDocument, { metal, year, first: 40, after });
    rows.push(...productionYears.edges.map((e) => e.node));
    if (!productionYears.pageInfo.hasNextPage || !productionYears.pageInfo.endCursor) break;
    after = productionYears.pageInfo.endCursor;
  }
  return rows;
}

/** Ranked first (ties share a rank), then unranked countries, by name. */
const byRank = (a: MineRow, b: MineRow) =>
  (a.country.productionRank ?? Infinity) - (b.country.productionRank ?? Infinity) || b.tonnes - a.tonnes || a.country.name.localeCompare(b.country.name);

function Row({ r, sources }: { r: MineRow; sources: SourceInfoFragment[] }) {
  return (
    <tr className={r.isEstimate ? 'is-estimate' : undefined}>
      <td className="num">{r.country.isAggregate ? <span className="muted">–</span> : (r.country.productionRank ?? '–')}</td>
      <td>
        {r.country.name} ({r.country.iso3})
      </td>
      <td className="num">{formatTonnes(r.tonnes)}</td>
      <td className="num">{formatShare(r.country.worldShare)}</td>
      <td>
        <Estimate isEstimate={r.isEstimate} />
      </td>
      <td>
        <SourceRef source={r.source} sources={sources} short />
      </td>
      <td>
        <Revisions revisions={r.revisions} />
      </td>
    </tr>
  );
}

export function MineProduction({ sources }: { sources: SourceInfoFragment[] }) {
  const years = useQuery(MineProductionYearsDocument, {});
  const [metal, setMetal] = useState<Metal>('SILVER');
  const [year, setYear] = useState<number | null>(null);
  const options = useMemo(() => {
    const list = metal === 'GOLD' ? years.data?.world?.gold : years.data?.world?.silver;
    return [...(list ?? [])].sort((a, b) => b.year - a.year);
  }, [years.data, metal]);
  // Keep the chosen year when the metal changes if it has one; else the latest year whose world total is
  // reported (the latest years are the survey's estimates, often with few countries), else the latest.
  useEffect(() => {
    if (!options.length || (year != null && options.some((o) => o.year === year))) return;
    setYear((options.find((o) => !o.isEstimate) ?? options[0]).year);
  }, [options, year]);

  // The rows carry the metal and year they are for: while the next choice loads, the table and its
  // caption still describe the figures shown.
  const rowsState = useLoad(
    async () => ({ metal, year, rows: year == null ? [] : await fetchRows(metal, year) }),
    `${metal}:${year}`,
  );
  const rows = rowsState.data?.rows ?? [];
  const shownMetal = rowsState.data?.metal ?? metal;
  const shownYear = rowsState.data?.year ?? year;
  const countries = useMemo(() => rows.filter((r) => !r.country.isAggregate).sort(byRank), [rows]);
  const aggregates = useMemo(
    () => rows.filter((r) => r.country.isAggregate).sort((a, b) => Number(a.country.iso3 !== 'WLD') - Number(b.country.iso3 !== 'WLD') || a.country.name.localeCompare(b.country.name)),
    [rows],
  );
  const what = `${metalName(shownMetal).toLowerCase()} mine production, ${shownYear ?? ''}`;
  const config = useMemo(() => mineProductionChart(countries, `Tonnes of ${what}`), [countries, what]);

  if (years.error) return <Problem message={years.error} />;
  return (
    <>
      <div className="controls">
        <label>
          Metal{' '}
          <select value={metal} onChange={(e) => setMetal(e.target.value as Metal)} aria-label="Metal">
            {METALS.map((m) => (
              <option key={m} value={m}>
                {metalName(m)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Year{' '}
          <select value={year ?? ''} onChange={(e) => setYear(Number(e.target.value))} aria-label="Year" disabled={!options.length}>
            {options.map((o) => (
              <option key={o.year} value={o.year}>
                {o.year}
                {o.isEstimate ? ' (estimate)' : ''}
              </option>
            ))}
          </select>
        </label>
      </div>
      {rowsState.error && <Problem message={rowsState.error} />}
      {(year == null || (!rowsState.data && !rowsState.error)) && <p>Loading…</p>}
      {year != null && !rowsState.loading && rowsState.data && rows.length === 0 && <p>No {what} figures.</p>}
      {countries.length > 0 && (
        <ChartCanvas config={config} label={`Countries' ${what}, in tonnes, by rank`} height={50 + 24 * countries.length} />
      )}
      {rows.length > 0 && shownYear != null && (
        <CsvLink operation={MineProductionCsvDocument} variables={{ metal: shownMetal, year: shownYear }} filename={`${shownMetal.toLowerCase()}-mine-production-${shownYear}.csv`} />
      )}
      {rows.length > 0 && (
        <table aria-busy={rowsState.loading}>
          <caption>
            {metalName(shownMetal)} mine production by country, {shownYear}: current values
          </caption>
          <thead>
            <tr>
              <th scope="col" className="num">Rank</th>
              <th scope="col">Country</th>
              <th scope="col" className="num">Tonnes</th>
              <th scope="col" className="num">World share</th>
              <th scope="col">Status</th>
              <th scope="col">Source</th>
              <th scope="col">Revisions (oldest first; bold = current)</th>
            </tr>
          </thead>
          <tbody>
            {countries.map((r) => (
              <Row key={r.id} r={r} sources={sources} />
            ))}
          </tbody>
          {aggregates.length > 0 && (
            <tbody className="aggregates">
              <tr>
                <th colSpan={7} scope="rowgroup">
                  Aggregates (not ranked)
                </th>
              </tr>
              {aggregates.map((r) => (
                <Row key={r.id} r={r} sources={sources} />
              ))}
            </tbody>
          )}
        </table>
      )}
      <p className="legend-note">
        Ranks count countries only, ties sharing a rank; world share = tonnes ÷ the World total of the same year. Pale bars with dashed outlines
        and italic rows are <strong>estimates</strong> (USGS marks its latest year "e"). A figure published again in a later edition has several
        revisions: the current value is the reported one over an estimate, else the latest edition. MCS = USGS Mineral Commodity Summaries.
      </p>
    </>
  );
}
