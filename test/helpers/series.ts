// A refined silver series longer than the article's, for tests of lowestSince, declineStreak and
// like-for-like year-over-year changes: full years 2018..2023 falling from 2020 on, and
// January-November rows in 2020 and 2022..2024.
import type { PrismaClient } from '../../src/generated/prisma/client';

/** [year, monthTo, tonnes] rows, all from January (monthFrom 1). */
export type SeriesRow = readonly [year: number, monthTo: number, tonnes: number];

export const REFINED_SERIES: readonly SeriesRow[] = [
  [2018, 12, 500],
  [2019, 12, 600],
  [2020, 12, 900],
  [2021, 12, 850],
  [2022, 12, 800],
  [2023, 12, 700],
  [2020, 11, 640],
  [2022, 11, 760],
  [2023, 11, 650],
  [2024, 11, 600],
];

/** Creates a country with REFINED_SERIES (plus `extra` rows) of refined silver; returns the country. */
export async function createRefinedSeries(
  prisma: PrismaClient,
  country: { iso3: string; name: string },
  sourceId: number,
  extra: readonly SeriesRow[] = [],
) {
  const created = await prisma.country.create({ data: country });
  await prisma.productionYear.createMany({
    data: [...REFINED_SERIES, ...extra].map(([year, monthTo, tonnes]) => ({
      countryId: created.id,
      metal: 'SILVER' as const,
      stage: 'REFINED' as const,
      year,
      monthFrom: 1,
      monthTo,
      tonnes,
      sourceId,
      isCurrent: true, // the only revision of its observation
    })),
  });
  return created;
}
