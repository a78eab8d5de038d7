// Driver adapter factories for the schema engine (migrations, diffs), with two driver-adapter bugs
// worked around. Prisma's query runtime keeps the stock adapters: neither bug affects it.
import type { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { ColumnTypeEnum, type SqlDriverAdapter, type SqlMigrationAwareDriverAdapterFactory, type SqlQuery } from '@prisma/driver-adapter-utils';
import type { Pool } from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';

type Patchable = SqlDriverAdapter & Record<string, unknown>;

/**
 * pglite-prisma-adapter 0.7.2's executeScript() does not await PGlite's exec(): a failing migration
 * script becomes an unhandled rejection (crashing the process) instead of a migration error, and the
 * engine may go on before the script has run. Replace it with an awaited one.
 */
export class MigrationPGlite extends PrismaPGlite {
  constructor(private readonly pglite: PGlite) {
    super(pglite);
  }
  override async connect(): Promise<SqlDriverAdapter> {
    return this.fixExecuteScript(await super.connect(), this.pglite);
  }
  override async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const adapter = await super.connectToShadowDb();
    return this.fixExecuteScript(adapter, (adapter as Patchable).client as PGlite);
  }
  private fixExecuteScript(adapter: SqlDriverAdapter, pglite: PGlite): SqlDriverAdapter {
    const a = adapter as Patchable;
    a.executeScript = async (script: string) => {
      try {
        await pglite.exec(script);
      } catch (err) {
        (a.onError as (e: unknown) => never).call(a, err); // the adapter's own error mapping
      }
    };
    return adapter;
  }
}

const PG_CHAR_OID = 18; // PostgreSQL's internal one-byte "char" type (pg_constraint.contype, ...)
const PG_TEXT_OID = 25;
const charColumns = Symbol('charColumns');

/**
 * @prisma/adapter-pg 7.10 cannot type "char" result columns ("Column type 'char' could not be
 * deserialized"), and the schema engine's introspection (diff) reads such columns from pg_catalog.
 * pg hands their values over as strings: let the adapter read them as text, then report them with
 * the Character column type the engine expects (as pglite-prisma-adapter does).
 */
export class MigrationPg extends PrismaPg {
  constructor(pool: Pool) {
    super(pool);
  }
  override async connect() {
    return patchCharColumns(await super.connect());
  }
  override async connectToShadowDb() {
    return patchCharColumns(await super.connectToShadowDb());
  }
}

type PgResult = { fields?: { dataTypeID: number }[]; rows?: unknown[] & { [charColumns]?: number[] } };

function patchCharColumns<T extends object>(queryable: T): T {
  const q = queryable as unknown as Patchable;
  const performIO = (q.performIO as (query: unknown) => Promise<PgResult>).bind(q);
  q.performIO = async (query: unknown) => {
    const result = await performIO(query);
    const indexes: number[] = [];
    result?.fields?.forEach((field, i) => {
      if (field.dataTypeID === PG_CHAR_OID) {
        field.dataTypeID = PG_TEXT_OID;
        indexes.push(i);
      }
    });
    // queryRaw returns this same rows array: the mark travels with the result, so concurrent queries cannot mix up.
    if (indexes.length && result.rows) Object.defineProperty(result.rows, charColumns, { value: indexes });
    return result;
  };
  const queryRaw = q.queryRaw.bind(q);
  q.queryRaw = async (query: SqlQuery) => {
    const out = await queryRaw(query);
    for (const i of (out.rows as PgResult['rows'])?.[charColumns] ?? []) out.columnTypes[i] = ColumnTypeEnum.Character;
    return out;
  };
  const startTransaction = q.startTransaction.bind(q);
  q.startTransaction = async (...args: Parameters<SqlDriverAdapter['startTransaction']>) => patchCharColumns(await startTransaction(...args));
  return queryable;
}
