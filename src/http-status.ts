// HTTP status codes of GraphQL request errors, following the GraphQL-over-HTTP spec
// (https://graphql.github.io/graphql-over-http/draft/), which distinguishes two response media types:
//
// - `application/graphql-response+json` (a client that names it): a request error (the query does
//   not parse, does not validate, its variables cannot be coerced) gets a 4xx status. Apollo's 400
//   stays.
// - `application/json` (a client that accepts only that, or sends no Accept): the server SHOULD
//   answer 200 to every well-formed request, request errors included, because such a client may be
//   a legacy one that treats any 4xx as a transport failure and never reads the errors. Apollo
//   answers 400; this plugin makes it 200 for those errors.
//
// Refusals by the query limits (QUERY_LIMIT_EXCEEDED: depth, aliases, tokens, cost, ...) stay 400
// with either media type. The query is valid GraphQL; the service declines to run it, as it declines
// a body over BODY_LIMIT with 413. A 4xx lets proxies, monitoring and retry logic see that the same
// request will be refused again, and a client still reads the usual GraphQL error body. This is a
// deliberate departure from the spec's SHOULD for `application/json`, limited to these refusals.
// Malformed HTTP requests (not JSON, no query, CSRF) are 4xx under both types, as the spec says.
import Negotiator from 'negotiator';
import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCodes, type ErrorCode } from './errors.js';

/** Apollo's media types, in the order Apollo prefers them (chooseContentTypeForSingleResultResponse). */
const APPLICATION_JSON = 'application/json; charset=utf-8';
const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json; charset=utf-8';
const JSON_GRAPHQL_CALLBACK = 'application/json; callbackSpec=1.0; charset=utf-8';

/** Errors of the GraphQL request itself, which the spec answers with 200 under `application/json`. */
const REQUEST_ERROR_CODES = new Set<string>([
  ErrorCodes.GRAPHQL_PARSE_FAILED,
  ErrorCodes.GRAPHQL_VALIDATION_FAILED,
  ErrorCodes.BAD_USER_INPUT,
  ErrorCodes.OPERATION_RESOLUTION_FAILURE,
] satisfies ErrorCode[]);

/** The media type Apollo will answer a single result with, from the Accept header; undefined: none acceptable (406). */
export function responseMediaType(accept: string | undefined): string | undefined {
  if (!accept) return APPLICATION_JSON;
  return new Negotiator({ headers: { accept } }).mediaType([APPLICATION_JSON, GRAPHQL_RESPONSE_JSON, JSON_GRAPHQL_CALLBACK]);
}

export function graphqlHttpStatusPlugin(): ApolloServerPlugin<any> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response }) {
          if (response.body.kind !== 'single' || response.http.status !== 400) return;
          const result = response.body.singleResult;
          // A request error has no `data` at all (execution never started).
          if (result.data !== undefined || !result.errors?.length) return;
          if (!result.errors.every((e) => REQUEST_ERROR_CODES.has(e.extensions?.code as string))) return;
          const type = responseMediaType(request.http?.headers.get('accept'));
          if (type === undefined || type === GRAPHQL_RESPONSE_JSON) return;
          // Set the type we decided on, so that Apollo's own choice cannot differ from it.
          response.http.headers.set('content-type', type);
          response.http.status = 200;
        },
      };
    },
  };
}
