// The price feature's write: upsertPricePoint (editor or admin).
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { AppContext } from '../../context';
import { RequiresRole } from '../../auth/authorize';
import { cell, WRITE_INPUT_DESCRIPTION, writeFigure } from '../common/figure-write';
import { PricePointInput } from './price-point.input';
import { PricePoint } from './price-point.type';

const FIELDS = {
  metal: 'metal',
  kind: 'kind',
  date: 'date',
  price_usd_per_oz: 'priceUsdPerOz',
  is_estimate: 'isEstimate',
  is_derived: 'isDerived',
  source: 'sourceName',
};

@Resolver(() => PricePoint)
export class PricePointMutationResolver {
  @RequiresRole('editor', 'admin')
  @Mutation(() => PricePoint, {
    description:
      'Adds or corrects one revision of a price (API key with the role editor or admin). Returns the revision written; `isCurrent` says whether it is now the current value.',
  })
  async upsertPricePoint(@Arg('input', () => PricePointInput, { description: WRITE_INPUT_DESCRIPTION }) input: PricePointInput, @Ctx() ctx: AppContext): Promise<PricePoint> {
    const cells = {
      metal: cell(input.metal),
      kind: cell(input.kind),
      date: cell(input.date),
      price_usd_per_oz: cell(input.priceUsdPerOz),
      is_estimate: cell(input.isEstimate ?? false),
      is_derived: cell(input.isDerived ?? false),
      source: cell(input.sourceName),
    };
    const { id } = await writeFigure(ctx, 'prices', cells, FIELDS);
    return (await ctx.loaders.pricePointById.load(id))!;
  }
}
