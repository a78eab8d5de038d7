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
