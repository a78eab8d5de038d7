// Every `extensions.code` the service sends, defined once. Code elsewhere refers to these
// constants, never to string literals, and the README's table of error codes is checked against
// this list by a test (test/server/docs-tables.test.ts), so that clients can rely on it.

export interface ErrorCodeInfo {
  /** HTTP status of a response whose only errors have this code; `200` = reported inside a normal response. */
  status: string;
  /** What it means, for the README (markdown). */
  description: string;
}

export const ERROR_CODES = {
  GRAPHQL_PARSE_FAILED: {
    status: '400 (200 with `Accept: application/json`)',
    description: 'the query is not GraphQL: a syntax error, with its line and column',
  },
  GRAPHQL_VALIDATION_FAILED: {
    status: '400 (200 with `Accept: application/json`)',
    description: 'the query does not fit the schema: an unknown field or type, a missing argument, fragments that spread each other, ...',
  },
  BAD_USER_INPUT: {
    status: '200; for a bad variable or literal 400 (200 with `Accept: application/json`)',
    description: 'an argument or variable value is refused; the message names the argument, the value and what is accepted, `extensions.argument` the argument',
  },
  QUERY_LIMIT_EXCEEDED: {
    status: '400 (with any `Accept`)',
    description: 'the query is over a limit (see [Limits](#limits)); `extensions.limit` says which (`depth`, `introspectionDepth`, `aliases`, `directives`, `tokens`, `cost`), `maximum` and (when known) `actual` the numbers',
  },
  OPERATION_RESOLUTION_FAILURE: {
    status: '400 (200 with `Accept: application/json`)',
    description: '`operationName` names no operation of the document, or the document has several operations and no `operationName`',
  },
  PERSISTED_QUERY_NOT_FOUND: {
    status: '200',
    description: 'an automatic persisted query hash this service does not know (yet): send the query text with the hash',
  },
  BAD_REQUEST: {
    status: '400 (405 for a mutation over GET, 406 for an unsupported `Accept`)',
    description: 'the HTTP request is not a GraphQL request: a body that is not JSON, no `query`, a batch (JSON array), a GET without a CSRF-safe header (`apollo-require-preflight`), a hash that does not match its query',
  },
  UNAUTHENTICATED: {
    status: '401 (with `WWW-Authenticate: Bearer`)',
    description: 'a write without an API key, or any request with a key that is unknown, revoked or mistyped (see [Writes](#writes-api-keys-and-roles)); nothing was read or written',
  },
  FORBIDDEN: {
    status: '403',
    description: "the API key is valid but its role may not do this (e.g. `deleteRevision` with an `editor` key); the message names the key's role and the roles that may; nothing was read or written",
  },
  SERVICE_UNAVAILABLE: {
    status: '503',
    description: 'the API key could not be checked because the database did not answer; try again shortly (reads without a key are served, from the cache if need be)',
  },
  RATE_LIMITED: {
    status: '429',
    description: 'too many requests, or too much query cost, in a minute from one API key or client address (see [Rate limits](#rate-limits)); `Retry-After` says when to try again',
  },
  PAYLOAD_TOO_LARGE: {
    status: '413',
    description: 'the request body is larger than `BODY_LIMIT`',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: '415',
    description: 'the request body has a charset or encoding the server cannot read',
  },
  NOT_FOUND: {
    status: '404',
    description: 'no route for that method and path',
  },
  INTERNAL_SERVER_ERROR: {
    status: '500, or 200 beside partial data',
    description: 'a fault of the service (e.g. the database is unreachable); the message is `Internal server error` unless `NODE_ENV=development`, the details go to the log',
  },
} as const satisfies Record<string, ErrorCodeInfo>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The codes by name, e.g. `ErrorCodes.BAD_USER_INPUT === 'BAD_USER_INPUT'`. */
export const ErrorCodes = Object.fromEntries(Object.keys(ERROR_CODES).map((c) => [c, c])) as { readonly [C in ErrorCode]: C };

/** The README's table of error codes (markdown), one row per code in catalogue order. */
export function errorCodesTable(): string {
  const rows = Object.entries(ERROR_CODES).map(([code, info]) => `| \`${code}\` | ${info.status} | ${info.description} |`);
  return ['| `extensions.code` | HTTP status | meaning |', '|---|---|---|', ...rows].join('\n');
}
