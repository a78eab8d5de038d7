import { Field, ID, ObjectType } from 'type-graphql';
import type { Source as SourceRow } from '../../generated/prisma/client';
import { DateScalar } from '../common/date.scalar';
import { toGlobalId } from '../common/global-id';
import { Node } from '../node/node.interface';

@ObjectType('Source', {
  simpleResolvers: true,
  implements: Node,
  description: 'Where figures come from: a publisher and publication, or a derivation argentum made from reported figures.',
})
export class Source {
  /** Database id (not exposed). */
  dbId: number;

  @Field(() => ID, { description: 'Opaque global id (see `node`).' })
  get id(): string {
    return toGlobalId('Source', this.dbId);
  }

  @Field(() => String, { description: 'Short unique name, e.g. "USGS" or "EnergyProm".' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Who published the figures, e.g. "U.S. Geological Survey".' })
  publisher: string | null;

  @Field(() => String, { nullable: true, description: 'Web address of the publication or publisher.' })
  url: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Publication date, when known; a source without one counts as published at the start of time for `asOf`.' })
  publishedOn: Date | null;

  @Field(() => String, { nullable: true, description: 'What the source covers, how figures were taken or derived, caveats.' })
  note: string | null;

  @Field(() => String, { nullable: true, description: 'Terms of reuse, e.g. "CC BY 4.0" or "Public domain".' })
  licence: string | null;

  static fromRow(row: SourceRow): Source {
    return Object.assign(new Source(), {
      dbId: row.id,
      name: row.name,
      publisher: row.publisher,
      url: row.url,
      publishedOn: row.publishedOn,
      note: row.note,
      licence: row.licence,
    });
  }
}
