// The trade feature's SQL: how an export flow is read (numbers, no Decimal objects)
// and which revisions a read sees (the current ones, or those published by an as-of date).
import type { PrismaClient } from '../../generated/prisma/client';
import { allRevisionsFrom, queryRows, revisionsFrom, sql, type Sql } from '../common/sql';
import { Country } from '../country/country.type';
import { ExportFlow, type ExportFlowTuple } from './export-flow.type';
import { keepPageTotal, totalColumn } from '../common/connection';

// A flow comes as one JSON array ([id, reporterId, partnerId, sourceId, metal, year, monthFrom,
// monthTo, tonnes, valueUsd, isEstimate, isDerived, isCurrent]) rather than 13 columns: one
// JSON.parse per row instead of the driver decoding each value (as production rows, see there).
const FLOW_ROW = sql`json_build_array(f.id, f.reporter_id, f.partner_id, f.source_id, f.metal, f.year, f.month_from, f.month_to,
  f.tonnes::float8, f.value_usd::float8, f.is_estimate, f.is_derived, f.is_current) AS "row"`;

/** What every flow read selects: the flow, and what a read adds (joined codes, a total). */
interface FlowRecord {
  row: ExportFlowTuple;
  reporterIso3?: string;
}

const OBSERVATION_KEY = ['reporter_id', 'partner_id', 'metal', 'year', 'month_from', 'month_to'];

export interface FlowRead {
  /** Conditions on the observation key over `f` (reporter, partner, metal, year, months). */
  keyWhere: Sql;
  /** Conditions on the value picked (e.g. is_estimate), and on `r` and `pc` with `withCountries`. */
  where?: Sql;
  orderBy: Sql;
  /** null: current values; a date (YYYY-MM-DD): the values as of that date. */
  asOf: string | null;
  /** Join the reporter as `r` and the partner as `pc` (to filter or order by their codes). */
  withCountries?: boolean;
  page?: { take: number; skip: number };
  /** A count query (countFlowsSql) whose result each row carries as `totalCount` (see keepPageTotal). */
  total?: Sql;
}

const countryJoins = (withCountries?: boolean) =>
  withCountries ? sql` JOIN countries r ON r.id = f.reporter_id JOIN countries pc ON pc.id = f.partner_id` : sql``;

/** The records of a flow read, with `columns` added to the flow and `joins` after the flows. */
function selectFlowRecords<R extends FlowRecord>(prisma: PrismaClient, read: FlowRead, columns: Sql, joins: Sql): Promise<R[]> {
  const revisions = revisionsFrom('export_flows', 'f', OBSERVATION_KEY, read.asOf, read.keyWhere);
  const page = read.page ? sql` LIMIT ${read.page.take} OFFSET ${read.page.skip}` : sql``;
  return queryRows<R>(
    prisma,
    sql`SELECT ${FLOW_ROW}${columns}${totalColumn(read.total)} FROM ${revisions.from}${joins}
      WHERE ${revisions.where} AND ${read.where ?? sql`TRUE`} ORDER BY ${read.orderBy}${page}`,
  );
}

/** One value per observation (current, or as of a date), as ExportFlow rows that remember their as-of date. */
export async function selectFlows(prisma: PrismaClient, read: FlowRead): Promise<ExportFlow[]> {
  const records = await selectFlowRecords<FlowRecord & { totalCount?: number }>(
    prisma,
    read,
    read.withCountries ? sql`, r.iso3 AS "reporterIso3"` : sql``,
    countryJoins(read.withCountries),
  );
  return keepPageTotal(
    records.map((r) => ExportFlow.fromTuple(r.row, read.asOf, r.reporterIso3)),
    records,
  );
}

/** A flow's row with the country on its other side (the partner of an export, the reporter of an import). */
interface FlowWithOtherRecord extends FlowRecord {
  otherIso3: string;
  otherIso2: string | null;
  otherName: string;
  otherIsAggregate: boolean;
}

/**
 * selectFlows, each row joined with the country on `otherSide`: a list of flows comes with the
 * countries its `partner` (or `reporter`) fields resolve to, so that they need no statement.
 */
export async function selectFlowsWithCountries(
  prisma: PrismaClient,
  read: Omit<FlowRead, 'withCountries' | 'where' | 'page'>,
  otherSide: 'partner' | 'reporter',
): Promise<{ flows: ExportFlow[]; countries: Country[] }> {
  const otherId = otherSide === 'partner' ? sql`f.partner_id` : sql`f.reporter_id`;
  const records = await selectFlowRecords<FlowWithOtherRecord>(
    prisma,
    read,
    sql`, oc.iso3 AS "otherIso3", oc.iso2 AS "otherIso2", oc.name AS "otherName", oc.is_aggregate AS "otherIsAggregate"`,
    sql` JOIN countries oc ON oc.id = ${otherId}`,
  );
  const countries = new Map<number, Country>();
  const flows = records.map((r) => {
    const flow = ExportFlow.fromTuple(r.row, read.asOf);
    const id = otherSide === 'partner' ? flow.partnerId : flow.reporterId;
    if (!countries.has(id)) countries.set(id, Country.fromRow({ id, iso3: r.otherIso3, iso2: r.otherIso2, name: r.otherName, isAggregate: r.otherIsAggregate }));
    return flow;
  });
  return { flows, countries: [...countries.values()] };
}

/** The query counting the observations a read would list (a connection's totalCount). */
export function countFlowsSql(read: Omit<FlowRead, 'orderBy' | 'page' | 'total'>): Sql {
  const revisions = revisionsFrom('export_flows', 'f', OBSERVATION_KEY, read.asOf, read.keyWhere);
  return sql`SELECT count(*)::int AS n FROM ${revisions.from}${countryJoins(read.withCountries)} WHERE ${revisions.where} AND ${read.where ?? sql`TRUE`}`;
}

/** Every revision of the observations `keyWhere` selects (published by `asOf` when given), oldest publication first. */
export async function selectFlowRevisions(prisma: PrismaClient, keyWhere: Sql, asOf: string | null): Promise<ExportFlow[]> {
  const all = allRevisionsFrom('export_flows', 'f', asOf, keyWhere);
  const records = await queryRows<FlowRecord>(prisma, sql`SELECT ${FLOW_ROW} FROM ${all.from} WHERE ${all.where} ORDER BY ${all.orderBy}`);
  return records.map((r) => ExportFlow.fromTuple(r.row, asOf));
}
