// Domain vocabulary shared by the API, the loaders and the importer.

/** The aggregate country that stands for the world total. */
export const WORLD_ISO3 = 'WLD';
