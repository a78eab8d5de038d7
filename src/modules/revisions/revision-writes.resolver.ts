// The revisions feature's audit fields on the three kinds of figures: when a revision was last
// written and by which API key (null: by an import). One resolver per owning type, one loader.
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import type { AppContext } from '../../context';
import { ExportFlow } from '../trade/export-flow.type';
import { PricePoint } from '../price/price-point.type';
import { ProductionYear } from '../production/production-year.type';
import { revisionKey, type RevisionTable } from './revisions.loaders';

const WRITTEN_AT = 'When this revision was last written (inserted or changed), by an import or through the API.';
const WRITTEN_BY = 'The name of the API key that last wrote this revision through the API; null when an import wrote it.';

async function writeOf(ctx: AppContext, table: RevisionTable, dbId: number) {
  return ctx.loaders.revisionWrite.load(revisionKey(table, dbId));
}

@Resolver(() => ProductionYear)
export class ProductionYearWritesResolver {
  @FieldResolver(() => GraphQLDateTimeISO, { description: WRITTEN_AT })
  async writtenAt(@Root() row: ProductionYear, @Ctx() ctx: AppContext): Promise<Date | null> {
    return (await writeOf(ctx, 'production_years', row.dbId))?.writtenAt ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: WRITTEN_BY })
  async writtenBy(@Root() row: ProductionYear, @Ctx() ctx: AppContext): Promise<string | null> {
    return (await writeOf(ctx, 'production_years', row.dbId))?.writtenBy ?? null;
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
    return (await writeOf(ctx, 'export_flows', row.dbId))?.writtenBy ?? null;
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
    return (await writeOf(ctx, 'price_points', row.dbId))?.writtenBy ?? null;
  }
}
