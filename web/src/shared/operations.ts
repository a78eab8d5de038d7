// The example operations (client/operations/*.graphql) as text, with the fragments each one
// uses appended so that every tab runs on its own in GraphiQL.
import countries from '../../../client/operations/Countries.graphql';
import countryOverview from '../../../client/operations/CountryOverview.graphql';
import priceSeries from '../../../client/operations/PriceSeries.graphql';
import revisionInfo from '../../../client/operations/RevisionInfo.graphql';
import sources from '../../../client/operations/Sources.graphql';
import sourceInfo from '../../../client/operations/SourceInfo.graphql';

export interface ExampleOperation {
  name: string;
  query: string;
  variables?: string;
}

/** The shared fragments, each in a file of its own, by name. */
const fragments: Record<string, string> = { SourceInfo: sourceInfo, RevisionInfo: revisionInfo };

/** The text with every shared fragment it spreads (and those they spread) appended, once each. */
const withFragments = (text: string): string => {
  const parts = [text.trim()];
  for (let i = 0; i < parts.length; i++) {
    for (const [name, fragment] of Object.entries(fragments)) {
      const spread = new RegExp(`\\.\\.\\.${name}\\b`);
      if (spread.test(parts[i]) && !parts.includes(fragment.trim())) parts.push(fragment.trim());
    }
  }
  return `${parts.join('\n\n')}\n`;
};

export const exampleOperations: ExampleOperation[] = [
  { name: 'CountryOverview', query: withFragments(countryOverview), variables: JSON.stringify({ iso3: 'KAZ' }, null, 2) },
  { name: 'PriceSeries', query: withFragments(priceSeries), variables: JSON.stringify({ kind: 'SPOT' }, null, 2) },
  { name: 'Countries', query: withFragments(countries) },
  { name: 'Sources', query: withFragments(sources) },
];
