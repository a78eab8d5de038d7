import { registerEnumType } from 'type-graphql';
import { Metal, PriceKind, ProductionStage } from '../../generated/prisma/enums';

export { Metal, PriceKind, ProductionStage };

registerEnumType(Metal, {
  name: 'Metal',
  description: 'A precious metal.',
  valuesConfig: {
    SILVER: { description: 'Silver (Ag).' },
    GOLD: { description: 'Gold (Au).' },
    PLATINUM: { description: 'Platinum (Pt).' },
    PALLADIUM: { description: 'Palladium (Pd).' },
  },
});

registerEnumType(ProductionStage, {
  name: 'ProductionStage',
  description: 'The stage at which output is measured.',
  valuesConfig: {
    MINE: { description: 'Mine production: metal content of ore mined, as the USGS reports it.' },
    REFINED: { description: 'Refined metal produced, as national statistics report it.' },
    REFINED_PRIMARY: { description: 'Refinery production from primary material (ore and concentrates), as the USGS reports it for the United States.' },
    REFINED_SECONDARY: { description: 'Refinery production from secondary material (scrap), as the USGS reports it for the United States.' },
  },
});

registerEnumType(PriceKind, {
  name: 'PriceKind',
  description: 'What a price point measures.',
  valuesConfig: {
    SPOT: { description: "One day's price (on `date`)." },
    MONTHLY_AVERAGE: { description: 'Average over the calendar month that `date` starts.' },
    ANNUAL_AVERAGE: { description: 'Average over the calendar year that `date` starts.' },
  },
});

// Units of measure (docs/domain.md "Mass and price units"); the conversions are src/metrics/units.ts.
export const MassUnit = {
  TONNES: 'TONNES',
  KILOGRAMS: 'KILOGRAMS',
  TROY_OUNCES: 'TROY_OUNCES',
  MILLION_TROY_OUNCES: 'MILLION_TROY_OUNCES',
} as const;
export type MassUnit = (typeof MassUnit)[keyof typeof MassUnit];

registerEnumType(MassUnit, {
  name: 'MassUnit',
  description: 'A unit of mass.',
  valuesConfig: {
    TONNES: { description: 'Metric tonnes (the unit figures are stored in).' },
    KILOGRAMS: { description: 'Kilograms (tonnes x 1,000).' },
    TROY_OUNCES: { description: 'Troy ounces (tonnes x 32,150.7466).' },
    MILLION_TROY_OUNCES: { description: 'Millions of troy ounces (troy ounces / 1,000,000).' },
  },
});

export const PriceUnit = {
  USD_PER_TROY_OUNCE: 'USD_PER_TROY_OUNCE',
  USD_PER_GRAM: 'USD_PER_GRAM',
  USD_PER_KILOGRAM: 'USD_PER_KILOGRAM',
} as const;
export type PriceUnit = (typeof PriceUnit)[keyof typeof PriceUnit];

registerEnumType(PriceUnit, {
  name: 'PriceUnit',
  description: 'A unit of price.',
  valuesConfig: {
    USD_PER_TROY_OUNCE: { description: 'US dollars per troy ounce (the unit prices are stored in).' },
    USD_PER_GRAM: { description: 'US dollars per gram (per troy ounce / 31.1034768).' },
    USD_PER_KILOGRAM: { description: 'US dollars per kilogram (per troy ounce x 1,000 / 31.1034768).' },
  },
});
