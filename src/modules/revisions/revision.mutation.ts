// The revisions feature's write: deleteRevision (admin only).
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { AppContext } from '../../context';
import { RequiresRole } from '../../auth/authorize';
import { removeRevision, type RevisionTableName } from '../../import';
import { BadUserInputError, showValue } from '../common/errors';
import { writerOf } from '../common/figure-write';
import { fromGlobalId } from '../common/global-id';

const TABLES: Partial<Record<string, RevisionTableName>> = {
  ProductionYear: 'production_years',
  ExportFlow: 'export_flows',
  PricePoint: 'price_points',
};

@Resolver()
export class RevisionMutationResolver {
  @RequiresRole('admin')
  @Mutation(() => Boolean, {
    description:
      "Deletes one revision of a figure, by the `id` of a ProductionYear, ExportFlow or PricePoint (API key with the role admin). The observation's current value is chosen again among its other revisions. False when no revision has that id (already deleted).",
  })
  async deleteRevision(@Arg('id', () => ID, { description: 'The `id` of the revision (a ProductionYear, ExportFlow or PricePoint).' }) id: string, @Ctx() ctx: AppContext): Promise<boolean> {
    writerOf(ctx);
    const decoded = fromGlobalId(id);
    const table = decoded ? TABLES[decoded.type] : undefined;
    if (!decoded || !table) {
      throw new BadUserInputError(
        `Argument "id" must be the id of a ProductionYear, ExportFlow or PricePoint (a revision's \`id\`), got ${showValue(id)}.`,
        'id',
      );
    }
    return removeRevision(ctx.prisma, table, decoded.dbId);
  }
}
