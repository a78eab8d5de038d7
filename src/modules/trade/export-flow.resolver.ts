import { Args, Ctx, FieldResolver, Float, Query, Resolver, Root } from 'type-graphql';
import type { AppContext } from '../../context';
import type { Prisma } from '../../generated/prisma/client';
import { share, unitPriceUsdPerOz, yoyChange } from '../../metrics';
import { ChangeType } from '../common/change.type';
import { pageWindow, toConnection } from '../common/connection';
import { normaliseIso3 } from '../common/validation';
import { Country } from '../country/country.type';
import { Source } from '../source/source.type';
import { ExportFlowConnection } from './export-flow.connection';
import { ExportFlow } from './export-flow.type';
import { ExportFlowsArgs, type ExportFlowFilter } from './export-flows.args';

function exportFlowWhere(f: ExportFlowFilter | null | undefined): Prisma.ExportFlowWhereInput {
  if (!f) return {};
  return {
    ...(f.reporterIso3 ? { reporter: { iso3: { in: f.reporterIso3.map(normaliseIso3) } } } : {}),
    ...(f.partnerIso3 ? { partner: { iso3: { in: f.partnerIso3.map(normaliseIso3) } } } : {}),
    ...(f.metal ? { metal: f.metal } : {}),
    ...(f.yearFrom != null || f.yearTo != null
      ? { year: { ...(f.yearFrom != null ? { gte: f.yearFrom } : {}), ...(f.yearTo != null ? { lte: f.yearTo } : {}) } }
      : {}),
    ...(f.monthFrom != null ? { monthFrom: f.monthFrom } : {}),
    ...(f.monthTo != null ? { monthTo: f.monthTo } : {}),
    ...(f.isEstimate != null ? { isEstimate: f.isEstimate } : {}),
  };
}

const previousOf = (f: ExportFlow) => ({
  reporterId: f.reporterId,
  partnerId: f.partnerId,
  metal: f.metal,
  year: f.year - 1,
  monthFrom: f.monthFrom,
  monthTo: f.monthTo,
});

@Resolver(() => ExportFlow)
export class ExportFlowResolver {
  @Query(() => ExportFlowConnection, {
    description: 'Export flows (tonnes and USD value by reporter, partner and period), ordered by reporter code, metal, year, months, then tonnes (largest first).',
  })
  async exportFlows(@Args(() => ExportFlowsArgs) args: ExportFlowsArgs, @Ctx() { prisma, loaders }: AppContext) {
    const where = { ...exportFlowWhere(args.filter), isCurrent: true };
    const window = pageWindow('ExportFlow', args);
    const rows = await prisma.exportFlow.findMany({
      where,
      orderBy: [
        { reporter: { iso3: 'asc' } },
        { metal: 'asc' },
        { year: 'asc' },
        { monthFrom: 'asc' },
        { monthTo: 'asc' },
        { tonnes: { sort: 'desc', nulls: 'last' } },
        { id: 'asc' },
      ],
      skip: window.skip,
      take: window.take,
    });
    const items = rows.map(ExportFlow.fromRow);
    for (const f of items) loaders.exportFlowById.prime(f.dbId, f);
    return toConnection(items, window, () => prisma.exportFlow.count({ where }));
  }

  @FieldResolver(() => Country, { description: 'The exporting country that reports the flow.' })
  async reporter(@Root() f: ExportFlow, @Ctx() { loaders }: AppContext): Promise<Country> {
    return (await loaders.countryById.load(f.reporterId))!;
  }

  @FieldResolver(() => Country, { description: 'The destination; WLD = all destinations together (the reporter\'s total).' })
  async partner(@Root() f: ExportFlow, @Ctx() { loaders }: AppContext): Promise<Country> {
    return (await loaders.countryById.load(f.partnerId))!;
  }

  @FieldResolver(() => Source, { nullable: true, description: 'Where the figures come from.' })
  source(@Root() f: ExportFlow, @Ctx() { loaders }: AppContext) {
    return f.sourceId == null ? null : loaders.sourceById.load(f.sourceId);
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description:
      "Share of the reporter's exports of the metal in the same period, 0..1: tonnes / the reporter's WLD-partner tonnes (else the sum of its partner rows). Null when tonnes are missing.",
  })
  async share(@Root() f: ExportFlow, @Ctx() { loaders }: AppContext) {
    if (f.tonnes == null) return null;
    const total = await loaders.reporterTotalByPeriod.load({
      reporterId: f.reporterId,
      metal: f.metal,
      year: f.year,
      monthFrom: f.monthFrom,
      monthTo: f.monthTo,
    });
    return share(f.tonnes, total);
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description: 'Average price in US dollars per troy ounce: valueUsd / (tonnes x 32,150.7466). Null when either is missing or tonnes are 0.',
  })
  unitPriceUsdPerOz(@Root() f: ExportFlow): number | null {
    return unitPriceUsdPerOz(f.valueUsd, f.tonnes);
  }

  @FieldResolver(() => ChangeType, {
    nullable: true,
    description: 'Change in tonnes against the same reporter, partner, metal and months a year earlier. Null when either figure is missing.',
  })
  async tonnesYoyChange(@Root() f: ExportFlow, @Ctx() { loaders }: AppContext) {
    const prev = await loaders.exportFlowByPeriod.load(previousOf(f));
    return yoyChange(f.tonnes, prev?.tonnes);
  }

  @FieldResolver(() => ChangeType, {
    nullable: true,
    description: 'Change in US dollar value against the same reporter, partner, metal and months a year earlier. Null when either figure is missing.',
  })
  async valueYoyChange(@Root() f: ExportFlow, @Ctx() { loaders }: AppContext) {
    const prev = await loaders.exportFlowByPeriod.load(previousOf(f));
    return yoyChange(f.valueUsd, prev?.valueUsd);
  }

  @FieldResolver(() => ExportFlow, {
    nullable: true,
    description: 'The like-for-like flow a year earlier (same reporter, partner, metal and months); null when there is none.',
  })
  previous(@Root() f: ExportFlow, @Ctx() { loaders }: AppContext) {
    return loaders.exportFlowByPeriod.load(previousOf(f));
  }
}
