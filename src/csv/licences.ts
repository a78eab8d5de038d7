// The licences of a CSV file's sources as `Link: <url>; rel="license"` headers (docs/api.md "CSV").
// Sources give their terms as text (`Source.licence`, data/sources.csv); this table says which page
// each known text stands for. A licence that is already a web address goes as it is; text this table
// does not know, and sources without a licence, give no Link.

/** Licence texts (compared trimmed and case-insensitively) and the page that states them. */
export const LICENCE_URLS: ReadonlyArray<readonly [text: string, url: string]> = [
  ['CC BY 4.0', 'https://creativecommons.org/licenses/by/4.0/'],
  // USGS's own statement of what "public domain" means for its works (and how to credit them).
  ['Public domain (U.S. Government work)', 'https://www.usgs.gov/information-policies-and-instructions/copyrights-and-credits'],
];

const byText = new Map(LICENCE_URLS.map(([text, url]) => [text.toLowerCase(), url]));

/** The page of a licence text; undefined when there is none (unknown text, or no licence). */
export function licenceUrl(licence: string | null | undefined): string | undefined {
  const text = licence?.trim();
  if (!text) return undefined;
  const known = byText.get(text.toLowerCase());
  if (known) return known;
  if (!/^https?:\/\//i.test(text)) return undefined;
  try {
    // Normalised, so that it holds nothing that would end the `<...>` of a Link value.
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** The distinct licence pages of `licences`, in first-seen order. */
export function licenceUrls(licences: Iterable<string | null | undefined>): string[] {
  const urls = new Set<string>();
  for (const l of licences) {
    const url = licenceUrl(l);
    if (url) urls.add(url);
  }
  return [...urls];
}

/** One `Link` header value per licence page. */
export function licenceLinks(urls: readonly string[]): string[] {
  return urls.map((url) => `<${url}>; rel="license"`);
}
