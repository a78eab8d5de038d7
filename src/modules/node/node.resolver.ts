import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type { AppContext } from '../../context';
import { BadUserInputError, showValue } from '../common/errors';
import { fromGlobalId } from '../common/global-id';
import { NodeArgs } from './node.args';
import { Node } from './node.interface';

@Resolver(() => Node)
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Any object by its global id; null when it no longer exists.' })
  async node(@Args(() => NodeArgs) { id }: NodeArgs, @Ctx() { loaders }: AppContext): Promise<Node | null> {
    const decoded = fromGlobalId(id);
    if (!decoded) {
      throw new BadUserInputError(`Argument "id" must be a global id returned by this API (an object's \`id\`), got ${showValue(id)}.`, 'id');
    }
    const { type, dbId } = decoded;
    switch (type) {
      case 'Country':
        return loaders.countryById.load(dbId);
      case 'ProductionYear':
        return loaders.productionById.load(dbId);
      case 'ExportFlow':
        return loaders.exportFlowById.load(dbId);
      case 'PricePoint':
        return loaders.pricePointById.load(dbId);
      case 'Source':
        return loaders.sourceById.load(dbId);
    }
  }
}
