// The trade feature's fields on Country (type-graphql lets several resolvers extend one type).
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { AppContext } from '../../context';
import { normaliseIso3 } from '../common/validation';
import { Country } from '../country/country.type';
import { CountryExportSummaryArgs, CountryExportsArgs, CountryImportsArgs } from '../country/country-fields.args';
import { exportSummary } from '../../metrics';
import { ExportSummary } from './export-summary.type';
import { ExportFlow } from './export-flow.type';

@Resolver(() => Country)
export class CountryTradeResolver {
  @FieldResolver(() => [ExportFlow], {
    description: "This country's exports of one metal (silver by default), by period; within a period the largest first (the WLD total leads).",
  })
  exports(@Root() country: Country, @Args(() => CountryExportsArgs) args: CountryExportsArgs, @Ctx() { loaders }: AppContext) {
    return loaders.exportFlowsByReporter.load({
      asOf: country.asOf,
      countryId: country.dbId,
      metal: args.metal,
      year: args.year ?? null,
      otherIso3: args.partnerIso3 ? normaliseIso3(args.partnerIso3) : null,
    });
  }

  @FieldResolver(() => [ExportFlow], {
    description: 'Exports to this country reported by other countries, of one metal (silver by default), by period; within a period the largest first.',
  })
  imports(@Root() country: Country, @Args(() => CountryImportsArgs) args: CountryImportsArgs, @Ctx() { loaders }: AppContext) {
    return loaders.exportFlowsByPartner.load({
      asOf: country.asOf,
      countryId: country.dbId,
      metal: args.metal,
      year: args.year ?? null,
      otherIso3: args.reporterIso3 ? normaliseIso3(args.reporterIso3) : null,
    });
  }

  @FieldResolver(() => ExportSummary, {
    nullable: true,
    description:
      "This country's exports of one metal over one stored period (months monthFrom..monthTo of year; January-October is monthTo: 10), summed up: total tonnes and value (its WLD row, else the sum of its single-country flows), implied price, partners and the share they cover. Null when the country reports no flows for that period.",
  })
  async exportSummary(@Root() country: Country, @Args(() => CountryExportSummaryArgs) args: CountryExportSummaryArgs, @Ctx() { loaders }: AppContext) {
    const period = { metal: args.metal, year: args.year, monthFrom: args.monthFrom, monthTo: args.monthTo };
    const figures = exportSummary(await loaders.partnerFlowsByPeriod.load({ asOf: country.asOf, reporterId: country.dbId, ...period }));
    return figures && ExportSummary.of(period, figures);
  }
}
