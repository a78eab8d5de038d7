import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** Error code of a bad argument or input value (Apollo's convention). */
export const BAD_USER_INPUT = 'BAD_USER_INPUT';

/**
 * A bad argument or input value. The message names the argument, the value and what is accepted,
 * e.g. `Argument "first" must be between 1 and 100, got 500.`; `extensions.code` is BAD_USER_INPUT
 * and `extensions.argument` names the argument when known (e.g. "filter.yearFrom").
 */
export class BadUserInputError extends GraphQLError {
  constructor(message: string, argument?: string) {
    super(message, { extensions: argument ? { code: BAD_USER_INPUT, argument } : { code: BAD_USER_INPUT } });
    this.name = 'BadUserInputError';
  }
}

/** True when `error` is, wraps or was caused by a BadUserInputError (follows originalError). */
export function isBadUserInputError(error: unknown): boolean {
  for (let e: any = error, depth = 0; e && depth < 10; e = e.originalError, depth++) {
    if (e instanceof BadUserInputError) return true;
  }
  return false;
}

/**
 * For Apollo Server's `formatError`: Apollo re-labels every validation-phase error
 * GRAPHQL_VALIDATION_FAILED, including a malformed `Date` or unknown enum literal that this
 * schema rejects as BAD_USER_INPUT. This keeps BAD_USER_INPUT for those; everything else is
 * returned unchanged.
 */
export function keepBadUserInputCode(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  if (formatted.extensions?.code === BAD_USER_INPUT || !isBadUserInputError(error)) return formatted;
  return { ...formatted, extensions: { ...formatted.extensions, code: BAD_USER_INPUT } };
}

/** A value as it appears in an error message: strings quoted, everything else as JSON. */
export function showValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
