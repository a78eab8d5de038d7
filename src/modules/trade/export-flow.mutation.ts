// The trade feature's write: upsertExportFlow (editor or admin).
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { AppContext } from '../../context';
import { RequiresRole } from '../../auth/authorize';
import { cell, WRITE_INPUT_DESCRIPTION, writeFigure } from '../common/figure-write';
import { ExportFlowInput } from './export-flow.input';
import { ExportFlow } from './export-flow.type';

const FIELDS = {
  reporter_iso3: 'reporterIso3',
  partner_iso3: 'partnerIso3',
  metal: 'metal',
  year: 'year',
  month_from: 'monthFrom',
  month_to: 'monthTo',
  tonnes: 'tonnes',
  value_usd: 'valueUsd',
  is_estimate: 'isEstimate',
  is_derived: 'isDerived',
  source: 'sourceName',
};

@Resolver(() => ExportFlow)
export class ExportFlowMutationResolver {
  @RequiresRole('editor', 'admin')
  @Mutation(() => ExportFlow, {
    description:
      'Adds or corrects one revision of an export flow (API key with the role editor or admin). Returns the revision written; `isCurrent` says whether it is now the current value.',
  })
  async upsertExportFlow(@Arg('input', () => ExportFlowInput, { description: WRITE_INPUT_DESCRIPTION }) input: ExportFlowInput, @Ctx() ctx: AppContext): Promise<ExportFlow> {
    const cells = {
      reporter_iso3: cell(input.reporterIso3),
      partner_iso3: cell(input.partnerIso3),
      metal: cell(input.metal),
      year: cell(input.year),
      month_from: cell(input.monthFrom ?? 1),
      month_to: cell(input.monthTo ?? 12),
      tonnes: cell(input.tonnes),
      value_usd: cell(input.valueUsd),
      is_estimate: cell(input.isEstimate ?? false),
      is_derived: cell(input.isDerived ?? false),
      source: cell(input.sourceName),
    };
    const { id } = await writeFigure(ctx, 'exports', cells, FIELDS);
    return (await ctx.loaders.exportFlowById.load(id))!;
  }
}
