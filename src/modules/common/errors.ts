import { GraphQLError, Kind, parse, visit, type ASTNode, type GraphQLFormattedError } from 'graphql';
import { ErrorCodes } from '../../errors.js';

/** Error code of a bad argument or input value (Apollo's convention). */
export const BAD_USER_INPUT = ErrorCodes.BAD_USER_INPUT;

/**
 * A bad argument or input value. The message names the argument, the value and what is accepted,
 * e.g. `Argument "first" must be between 1 and 100, got 500.`; `extensions.code` is BAD_USER_INPUT
 * and `extensions.argument` names the argument when known (e.g. "filter.yearFrom").
 */
export class BadUserInputError extends GraphQLError {
  constructor(message: string, argument?: string, nodes?: ASTNode) {
    super(message, { nodes, extensions: argument ? { code: BAD_USER_INPUT, argument } : { code: BAD_USER_INPUT } });
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
 * For Apollo Server's `formatError`: Apollo labels every validation-phase error
 * GRAPHQL_VALIDATION_FAILED, including a malformed `Date`, an unknown enum literal or a value of the
 * wrong type written in the query. Those are bad arguments: they get BAD_USER_INPUT and a message
 * that names the argument (`Argument "year": Int cannot represent ...`). Everything else is
 * returned unchanged.
 */
export function keepBadUserInputCode(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  if (!isBadUserInputError(error) && !isBadArgumentValue(formatted)) return formatted;
  // A scalar or enum cannot know which argument its literal stands in; the query text can.
  const argument = /^(Argument|Variable) /.test(formatted.message) ? undefined : argumentOfLiteral(error);
  if (formatted.extensions?.code === BAD_USER_INPUT && !argument) return formatted;
  return {
    ...formatted,
    ...(argument ? { message: `Argument "${argument}": ${formatted.message}` } : {}),
    extensions: { ...formatted.extensions, code: BAD_USER_INPUT, ...(argument ? { argument } : {}) },
  };
}

/**
 * graphql-js's messages for a literal of the wrong type (ValuesOfCorrectTypeRule), e.g.
 * `Int cannot represent non-integer value: "2024"`: a bad argument value as much as an unknown enum.
 */
const WRONG_VALUE_MESSAGES =
  /^(Expected value of type |Field "[^"]+" of required type "[^"]+" was not provided|Field "[^"]+" is not defined by type |(Int|Float|String|Boolean|ID) cannot represent )/;

function isBadArgumentValue(formatted: GraphQLFormattedError): boolean {
  return formatted.extensions?.code === ErrorCodes.GRAPHQL_VALIDATION_FAILED && WRONG_VALUE_MESSAGES.test(formatted.message);
}

/**
 * The argument (dotted through input object fields, e.g. "filter.dateFrom") in which the literal
 * that `error` points at was written, found by locating the error's node in the query text.
 */
export function argumentOfLiteral(error: unknown): string | undefined {
  if (!(error instanceof GraphQLError)) return undefined;
  const at = error.nodes?.[0]?.loc;
  const body = error.source?.body;
  if (!at || !body) return undefined;
  let found: string | undefined;
  const path: string[] = [];
  const named = (n: ASTNode) => n.kind === Kind.ARGUMENT || n.kind === Kind.OBJECT_FIELD;
  try {
    visit(parse(body), {
      enter(n) {
        if (found) return false;
        if (path.length && n.loc?.start === at.start && n.loc.end === at.end) found = path.join('.');
        if (named(n)) path.push((n as { name: { value: string } }).name.value);
        return undefined;
      },
      leave(n) {
        if (named(n)) path.pop();
      },
    });
  } catch {
    return undefined;
  }
  return found;
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
