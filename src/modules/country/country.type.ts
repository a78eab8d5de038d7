import { Field, ID, ObjectType } from 'type-graphql';
import type { Country as CountryRow } from '../../generated/prisma/client';
import { toGlobalId } from '../common/global-id';
import { Node } from '../node/node.interface';

@ObjectType('Country', {
  simpleResolvers: true,
  implements: Node,
  description: 'A country (ISO 3166-1), or an aggregate such as the world total `WLD` (isAggregate = true).',
})
export class Country {
  /** Database id (not exposed). */
  dbId: number;
  /** The as-of date (YYYY-MM-DD) everything nested under this country answers for; null: current values. */
  asOf: string | null = null;

  @Field(() => ID, { description: 'Opaque global id (see `node`).' })
  get id(): string {
    return toGlobalId('Country', this.dbId);
  }

  @Field(() => String, { description: 'ISO 3166-1 alpha-3 code, e.g. "KAZ"; "WLD" for the world total.' })
  iso3: string;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 code, e.g. "KZ"; null for aggregates.' })
  iso2: string | null;

  @Field(() => String, { description: 'English short name, e.g. "Kazakhstan".' })
  name: string;

  @Field(() => Boolean, { description: 'True for aggregates of several countries (the world total WLD), false for countries.' })
  isAggregate: boolean;

  /** This country as seen on an as-of date (the loaders' objects are shared, so a copy). */
  withAsOf(asOf: string | null): Country {
    if (asOf === this.asOf) return this;
    return Object.assign(new Country(), this, { asOf });
  }

  static fromRow(row: CountryRow): Country {
    return Object.assign(new Country(), {
      dbId: row.id,
      iso3: row.iso3.trim(),
      iso2: row.iso2?.trim() ?? null,
      name: row.name,
      isAggregate: row.isAggregate,
    });
  }
}
