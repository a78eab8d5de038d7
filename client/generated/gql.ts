/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query Countries($first: Int = 100, $after: String) {\n  countries(first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      node {\n        id\n        iso3\n        iso2\n        name\n        isAggregate\n      }\n    }\n  }\n}": typeof types.CountriesDocument,
    "query CountryOverview($iso3: String!, $metal: Metal = SILVER) {\n  country(iso3: $iso3) {\n    id\n    iso3\n    name\n    isAggregate\n    production(metal: $metal) {\n      id\n      metal\n      stage\n      year\n      monthFrom\n      monthTo\n      isFullYear\n      tonnes\n      isEstimate\n      lowestSince\n      yoyChange {\n        previous\n        absolute\n        percent\n      }\n      source {\n        ...SourceInfo\n      }\n    }\n    exports(metal: $metal) {\n      id\n      metal\n      year\n      monthFrom\n      monthTo\n      partner {\n        iso3\n        name\n        isAggregate\n      }\n      tonnes\n      valueUsd\n      share\n      unitPriceUsdPerOz\n      isEstimate\n      tonnesYoyChange {\n        previous\n        percent\n      }\n      valueYoyChange {\n        previous\n        percent\n      }\n      source {\n        ...SourceInfo\n      }\n    }\n  }\n}": typeof types.CountryOverviewDocument,
    "query PriceSeries($kind: PriceKind, $first: Int = 100, $order: PricePointOrder = DATE_DESC) {\n  silver: pricePoints(\n    filter: {metal: SILVER, kind: $kind}\n    order: $order\n    first: $first\n  ) {\n    totalCount\n    edges {\n      node {\n        ...PricePointInfo\n      }\n    }\n  }\n  gold: pricePoints(\n    filter: {metal: GOLD, kind: $kind}\n    order: $order\n    first: $first\n  ) {\n    totalCount\n    edges {\n      node {\n        ...PricePointInfo\n      }\n    }\n  }\n}\n\nfragment PricePointInfo on PricePoint {\n  id\n  metal\n  kind\n  date\n  priceUsdPerOz\n  goldSilverRatio\n  isEstimate\n  source {\n    ...SourceInfo\n  }\n}": typeof types.PriceSeriesDocument,
    "fragment SourceInfo on Source {\n  id\n  name\n  publisher\n  url\n  publishedOn\n  note\n}": typeof types.SourceInfoFragmentDoc,
    "query Sources {\n  sources {\n    ...SourceInfo\n  }\n}": typeof types.SourcesDocument,
};
const documents: Documents = {
    "query Countries($first: Int = 100, $after: String) {\n  countries(first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      node {\n        id\n        iso3\n        iso2\n        name\n        isAggregate\n      }\n    }\n  }\n}": types.CountriesDocument,
    "query CountryOverview($iso3: String!, $metal: Metal = SILVER) {\n  country(iso3: $iso3) {\n    id\n    iso3\n    name\n    isAggregate\n    production(metal: $metal) {\n      id\n      metal\n      stage\n      year\n      monthFrom\n      monthTo\n      isFullYear\n      tonnes\n      isEstimate\n      lowestSince\n      yoyChange {\n        previous\n        absolute\n        percent\n      }\n      source {\n        ...SourceInfo\n      }\n    }\n    exports(metal: $metal) {\n      id\n      metal\n      year\n      monthFrom\n      monthTo\n      partner {\n        iso3\n        name\n        isAggregate\n      }\n      tonnes\n      valueUsd\n      share\n      unitPriceUsdPerOz\n      isEstimate\n      tonnesYoyChange {\n        previous\n        percent\n      }\n      valueYoyChange {\n        previous\n        percent\n      }\n      source {\n        ...SourceInfo\n      }\n    }\n  }\n}": types.CountryOverviewDocument,
    "query PriceSeries($kind: PriceKind, $first: Int = 100, $order: PricePointOrder = DATE_DESC) {\n  silver: pricePoints(\n    filter: {metal: SILVER, kind: $kind}\n    order: $order\n    first: $first\n  ) {\n    totalCount\n    edges {\n      node {\n        ...PricePointInfo\n      }\n    }\n  }\n  gold: pricePoints(\n    filter: {metal: GOLD, kind: $kind}\n    order: $order\n    first: $first\n  ) {\n    totalCount\n    edges {\n      node {\n        ...PricePointInfo\n      }\n    }\n  }\n}\n\nfragment PricePointInfo on PricePoint {\n  id\n  metal\n  kind\n  date\n  priceUsdPerOz\n  goldSilverRatio\n  isEstimate\n  source {\n    ...SourceInfo\n  }\n}": types.PriceSeriesDocument,
    "fragment SourceInfo on Source {\n  id\n  name\n  publisher\n  url\n  publishedOn\n  note\n}": types.SourceInfoFragmentDoc,
    "query Sources {\n  sources {\n    ...SourceInfo\n  }\n}": types.SourcesDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Countries($first: Int = 100, $after: String) {\n  countries(first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      node {\n        id\n        iso3\n        iso2\n        name\n        isAggregate\n      }\n    }\n  }\n}"): (typeof documents)["query Countries($first: Int = 100, $after: String) {\n  countries(first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      node {\n        id\n        iso3\n        iso2\n        name\n        isAggregate\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CountryOverview($iso3: String!, $metal: Metal = SILVER) {\n  country(iso3: $iso3) {\n    id\n    iso3\n    name\n    isAggregate\n    production(metal: $metal) {\n      id\n      metal\n      stage\n      year\n      monthFrom\n      monthTo\n      isFullYear\n      tonnes\n      isEstimate\n      lowestSince\n      yoyChange {\n        previous\n        absolute\n        percent\n      }\n      source {\n        ...SourceInfo\n      }\n    }\n    exports(metal: $metal) {\n      id\n      metal\n      year\n      monthFrom\n      monthTo\n      partner {\n        iso3\n        name\n        isAggregate\n      }\n      tonnes\n      valueUsd\n      share\n      unitPriceUsdPerOz\n      isEstimate\n      tonnesYoyChange {\n        previous\n        percent\n      }\n      valueYoyChange {\n        previous\n        percent\n      }\n      source {\n        ...SourceInfo\n      }\n    }\n  }\n}"): (typeof documents)["query CountryOverview($iso3: String!, $metal: Metal = SILVER) {\n  country(iso3: $iso3) {\n    id\n    iso3\n    name\n    isAggregate\n    production(metal: $metal) {\n      id\n      metal\n      stage\n      year\n      monthFrom\n      monthTo\n      isFullYear\n      tonnes\n      isEstimate\n      lowestSince\n      yoyChange {\n        previous\n        absolute\n        percent\n      }\n      source {\n        ...SourceInfo\n      }\n    }\n    exports(metal: $metal) {\n      id\n      metal\n      year\n      monthFrom\n      monthTo\n      partner {\n        iso3\n        name\n        isAggregate\n      }\n      tonnes\n      valueUsd\n      share\n      unitPriceUsdPerOz\n      isEstimate\n      tonnesYoyChange {\n        previous\n        percent\n      }\n      valueYoyChange {\n        previous\n        percent\n      }\n      source {\n        ...SourceInfo\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PriceSeries($kind: PriceKind, $first: Int = 100, $order: PricePointOrder = DATE_DESC) {\n  silver: pricePoints(\n    filter: {metal: SILVER, kind: $kind}\n    order: $order\n    first: $first\n  ) {\n    totalCount\n    edges {\n      node {\n        ...PricePointInfo\n      }\n    }\n  }\n  gold: pricePoints(\n    filter: {metal: GOLD, kind: $kind}\n    order: $order\n    first: $first\n  ) {\n    totalCount\n    edges {\n      node {\n        ...PricePointInfo\n      }\n    }\n  }\n}\n\nfragment PricePointInfo on PricePoint {\n  id\n  metal\n  kind\n  date\n  priceUsdPerOz\n  goldSilverRatio\n  isEstimate\n  source {\n    ...SourceInfo\n  }\n}"): (typeof documents)["query PriceSeries($kind: PriceKind, $first: Int = 100, $order: PricePointOrder = DATE_DESC) {\n  silver: pricePoints(\n    filter: {metal: SILVER, kind: $kind}\n    order: $order\n    first: $first\n  ) {\n    totalCount\n    edges {\n      node {\n        ...PricePointInfo\n      }\n    }\n  }\n  gold: pricePoints(\n    filter: {metal: GOLD, kind: $kind}\n    order: $order\n    first: $first\n  ) {\n    totalCount\n    edges {\n      node {\n        ...PricePointInfo\n      }\n    }\n  }\n}\n\nfragment PricePointInfo on PricePoint {\n  id\n  metal\n  kind\n  date\n  priceUsdPerOz\n  goldSilverRatio\n  isEstimate\n  source {\n    ...SourceInfo\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment SourceInfo on Source {\n  id\n  name\n  publisher\n  url\n  publishedOn\n  note\n}"): (typeof documents)["fragment SourceInfo on Source {\n  id\n  name\n  publisher\n  url\n  publishedOn\n  note\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Sources {\n  sources {\n    ...SourceInfo\n  }\n}"): (typeof documents)["query Sources {\n  sources {\n    ...SourceInfo\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;