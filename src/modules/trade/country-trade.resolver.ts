// The trade feature's fields on Country (type-graphql lets several resolvers extend one type).
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { AppContext } from '../../context';
import { normaliseIso3 } from '../common/validation';
import { Country } from '../country/country.type';
import { CountryExportsArgs, CountryImportsArgs } from '../country/country-fields.args';
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
}
