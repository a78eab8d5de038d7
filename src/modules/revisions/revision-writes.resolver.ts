// The revisions feature's audit fields on the three kinds of figures: when a revision was last
// written and by which API key (null: by an import; and to a caller without a valid key, since key
// names are not public). One resolver per owning type, one loader.
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import type { AppContext } from '../../context';
import { ExportFlow } from '../trade/export-flow.type';
import { PricePoint } from '../price/price-point.type';
import { ProductionYear } from '../production/production-year.type';
import { revisionKey, type RevisionTable } from './revisions.loaders';

const WRITTEN_AT =
  'When this revision was last written (inserted or changed), by an import or through the API: the time its writer held the write lock, so a write committed later has a later time.';
const WRITTEN_BY =
  'The name of the API key that last wrote this revision through the API; null when an import wrote it. Answered only to a request with a valid API key (any role): null without one.';

async function writeOf(ctx: AppContext, table: RevisionTable, dbId: number) {
  return ctx.loaders.revisionWrite.load(revisionKey(table, dbId));
}

/** The writer's name for a caller with a valid API key (ctx.principal, src/auth); null otherwise, without reading anything. */
async function writerNameOf(ctx: AppContext, table: RevisionTable, dbId: number): Promise<string | null> {
  if (!ctx.principal) return null;
  return (await writeOf(ctx, table, dbId))?.writtenBy ?? null;
}

@Resolver(() => ProductionYear)
export class ProductionYearWritesResolver {
  @FieldResolver(() => GraphQLDateTimeISO, { description: WRITTEN_AT })
  async writtenAt(@Root() row: ProductionYear, @Ctx() ctx: AppContext): Promise<Date | null> {
    return (await writeOf(ctx, 'production_years', row.dbId))?.writtenAt ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: WRITTEN_BY })
  async writtenBy(@Root() row: ProductionYear, @Ctx() ctx: AppContext): Promise<string | null> {
    return writerNameOf(ctx, 'production_years', row.dbId);
  }
}

@Resolver(() => ExportFlow)
export class ExportFlowWritesResolver {
  @FieldResolver(() => GraphQLDateTimeISO, { description: WRITTEN_AT })
  async writtenAt(@Root() row: ExportFlow, @Ctx() ctx: AppContext): Promise<Date | null> {
    return (await writeOf(ctx, 'export_flows', row.dbId))?.writtenAt ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: WRITTEN_BY })
  async writtenBy(@Root() row: ExportFlow, @Ctx() ctx: AppContext): Promise<string | null> {
    return writerNameOf(ctx, 'export_flows', row.dbId);
  }
}

@Resolver(() => PricePoint)
export class PricePointWritesResolver {
  @FieldResolver(() => GraphQLDateTimeISO, { description: WRITTEN_AT })
  async writtenAt(@Root() row: PricePoint, @Ctx() ctx: AppContext): Promise<Date | null> {
    return (await writeOf(ctx, 'price_points', row.dbId))?.writtenAt ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: WRITTEN_BY })
  async writtenBy(@Root() row: PricePoint, @Ctx() ctx: AppContext): Promise<string | null> {
    return writerNameOf(ctx, 'price_points', row.dbId);
  }
}
