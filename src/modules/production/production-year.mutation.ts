// The production feature's write: upsertProductionYear (editor or admin).
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { AppContext } from '../../context';
import { RequiresRole } from '../../auth/authorize';
import { cell, WRITE_INPUT_DESCRIPTION, writeFigure } from '../common/figure-write';
import { ProductionYearInput } from './production-year.input';
import { ProductionYear } from './production-year.type';

const FIELDS = {
  country_iso3: 'countryIso3',
  metal: 'metal',
  stage: 'stage',
  year: 'year',
  month_from: 'monthFrom',
  month_to: 'monthTo',
  tonnes: 'tonnes',
  is_estimate: 'isEstimate',
  is_derived: 'isDerived',
  source: 'sourceName',
};

@Resolver(() => ProductionYear)
export class ProductionYearMutationResolver {
  @RequiresRole('editor', 'admin')
  @Mutation(() => ProductionYear, {
    description:
      'Adds or corrects one revision of a production figure (API key with the role editor or admin). Returns the revision written; `isCurrent` says whether it is now the current value.',
  })
  async upsertProductionYear(@Arg('input', () => ProductionYearInput, { description: WRITE_INPUT_DESCRIPTION }) input: ProductionYearInput, @Ctx() ctx: AppContext): Promise<ProductionYear> {
    const cells = {
      country_iso3: cell(input.countryIso3),
      metal: cell(input.metal),
      stage: cell(input.stage),
      year: cell(input.year),
      month_from: cell(input.monthFrom ?? 1),
      month_to: cell(input.monthTo ?? 12),
      tonnes: cell(input.tonnes),
      is_estimate: cell(input.isEstimate ?? false),
      is_derived: cell(input.isDerived ?? false),
      source: cell(input.sourceName),
    };
    const { id } = await writeFigure(ctx, 'production', cells, FIELDS);
    return (await ctx.loaders.productionById.load(id))!;
  }
}
