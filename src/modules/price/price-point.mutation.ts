// The price feature's write: upsertPricePoint (editor or admin).
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { AppContext } from '../../context';
import { RequiresRole } from '../../auth/authorize';
import { cell, writeFigure } from '../common/figure-write';
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
  async upsertPricePoint(@Arg('input', () => PricePointInput, { description: 'The figure to write; validated like a row of the matching import file, nothing is written when any field is refused.' }) input: PricePointInput, @Ctx() ctx: AppContext): Promise<PricePoint> {
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
