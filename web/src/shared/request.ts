// Sends a typed document (client/generated) to the service's /graphql with plain fetch.
import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

const printed = new WeakMap<object, string>();
const endpoint = '/graphql';

export class RequestError extends Error {}

/** A document's text, printed once. */
function queryText(document: object): string {
  let query = printed.get(document);
  if (!query) {
    query = print(document as Parameters<typeof print>[0]);
    printed.set(document, query);
  }
  return query;
}

export async function request<TResult, TVariables>(
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
): Promise<TResult> {
  const query = queryText(document);
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
  } catch (err) {
    throw new RequestError(`Cannot reach ${endpoint}: ${(err as Error).message}`);
  }
  const body = (await response.json().catch(() => null)) as { data?: TResult; errors?: Array<{ message: string }> } | null;
  if (!body) throw new RequestError(`${endpoint} answered HTTP ${response.status} without a GraphQL response`);
  if (body.errors?.length) throw new RequestError(body.errors.map((e) => e.message).join('; '));
  if (!body.data) throw new RequestError(`${endpoint} answered HTTP ${response.status} with no data`);
  return body.data;
}

/**
 * One list of the operation's answer as CSV (the service answers `Accept: text/csv` so): the only
 * one, or the one `csvPath` names (its response path, e.g. `priceTable.rows`). An answer with
 * errors, or whose list cannot be chosen, comes back as JSON and is thrown.
 */
export async function requestCsv<TResult, TVariables>(document: TypedDocumentNode<TResult, TVariables>, variables: TVariables, csvPath?: string): Promise<Blob> {
  const query = queryText(document);
  // The csvPath parameter rather than the X-CSV-Path header: in the URL, so a cache keys on it.
  const url = csvPath ? `${endpoint}?${new URLSearchParams({ csvPath })}` : endpoint;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/csv' },
    body: JSON.stringify({ query, variables }),
  });
  if ((response.headers.get('content-type') ?? '').startsWith('text/csv')) return response.blob();
  const body = (await response.json().catch(() => null)) as { errors?: Array<{ message: string }> } | null;
  throw new RequestError(body?.errors?.map((e) => e.message).join('; ') ?? `${endpoint} answered HTTP ${response.status} without CSV`);
}
