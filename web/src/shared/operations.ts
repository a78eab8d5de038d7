// The example operations (client/operations/*.graphql) as text, with the fragments each one
// uses appended so that every tab runs on its own in GraphiQL.
import countries from '../../../client/operations/Countries.graphql';
import countryOverview from '../../../client/operations/CountryOverview.graphql';
import priceSeries from '../../../client/operations/PriceSeries.graphql';
import sources from '../../../client/operations/Sources.graphql';
import sourceInfo from '../../../client/operations/SourceInfo.graphql';

export interface ExampleOperation {
  name: string;
  query: string;
  variables?: string;
}

const withFragments = (text: string): string =>
  /\.\.\.SourceInfo\b/.test(text) ? `${text.trim()}\n\n${sourceInfo.trim()}\n` : `${text.trim()}\n`;

export const exampleOperations: ExampleOperation[] = [
  { name: 'CountryOverview', query: withFragments(countryOverview), variables: JSON.stringify({ iso3: 'KAZ' }, null, 2) },
  { name: 'PriceSeries', query: withFragments(priceSeries), variables: JSON.stringify({ kind: 'SPOT' }, null, 2) },
  { name: 'Countries', query: withFragments(countries) },
  { name: 'Sources', query: withFragments(sources) },
];
