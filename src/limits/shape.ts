// Limits on a query's shape, checked before anything runs: depth, introspection depth, aliases and
// directives by GraphQL Armor's validation rules, tokens by graphql-js's own parser. Each refusal
// is a QUERY_LIMIT_EXCEEDED error (HTTP 400, see src/http-status.ts) naming the limit, the
// maximum and, when known, what the query has. The cost limit is in cost.ts.
//
// Depth counts nested fields as GraphQL Armor does: `{ sources { name } }` has depth 2,
// `{ country(iso3: "KAZ") { exports { partner { name } } } }` depth 4; fragments and inline
// fragments add no level of their own. Selections under `__schema` are measured separately
// against the introspection maximum (the standard introspection query has depth 15); everything
// else, `__type` included, against the query maximum.
//
// Every rule counts with memoised fragments and stops at cycles, so a document whose fragments
// spread each other is refused by graphql-js's NoFragmentCyclesRule instead of overflowing the
// stack. The rules recurse once per nesting level; the token limit bounds the nesting, so they
// cannot overflow either.
//
// Tokens are counted by graphql-js's parser (`maxTokens`, passed through Apollo's `parseOptions`)
// rather than by @escape.tech/graphql-armor-max-tokens: Armor's Apollo integration parses every
// document a second time and throws from a plugin hook, which Apollo answers with HTTP 500.
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type GraphQLFormattedError,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { ErrorCodes } from '../errors.js';

export interface ShapeLimits {
  maxDepth: number;
  maxIntrospectionDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
}

export type LimitName = 'depth' | 'introspectionDepth' | 'aliases' | 'directives' | 'tokens' | 'cost';

/** A refusal by one of the limits: QUERY_LIMIT_EXCEEDED with the limit's name and numbers. */
export function limitError(message: string, limit: LimitName, maximum: number, actual?: number): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      code: ErrorCodes.QUERY_LIMIT_EXCEEDED,
      limit,
      maximum,
      ...(actual !== undefined ? { actual } : {}),
      // Apollo answers errors thrown by plugins with 500 unless they carry a status.
      http: { status: 400 },
    },
  });
}

const MESSAGES: Record<Exclude<LimitName, 'cost' | 'tokens'>, (actual: number | undefined, max: number) => string> = {
  depth: (a, max) => `Query depth ${a ?? 'over the limit'} exceeds the maximum of ${max} nested fields`,
  introspectionDepth: (a, max) =>
    `Introspection depth ${a ?? 'over the limit'} exceeds the maximum of ${max} nested fields for operations that select __schema`,
  aliases: (a, max) => `Query has ${a ?? 'too many'} aliases; at most ${max} are accepted`,
  directives: (a, max) => `Query has ${a ?? 'too many'} directives; at most ${max} are accepted`,
};

export function tokensLimitMessage(max: number): string {
  return `Query has more than ${max} tokens (names, values and punctuation); at most ${max} are accepted`;
}

/**
 * Armor's options for one limit: it reports through onReject instead of throwing (a throw inside
 * graphql-js's validate() escapes Apollo's validation handling and becomes HTTP 500), and we word
 * the error ourselves from the count Armor found (`..., found N.`).
 */
function reportAs(limit: keyof typeof MESSAGES, n: number) {
  return {
    n,
    exposeLimits: true,
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, err: GraphQLError) => {
        const found = /found (\d+)\.?$/.exec(err.message);
        const actual = found ? Number(found[1]) : undefined;
        context?.reportError(limitError(MESSAGES[limit](actual, n), limit, n, actual));
      },
    ],
  };
}

/** True when the operation selects `__schema` anywhere, following fragment spreads once each. */
function selectsSchema(operation: OperationDefinitionNode, context: ValidationContext): boolean {
  const seen = new Set<string>();
  const stack: SelectionSetNode[] = [operation.selectionSet];
  while (stack.length) {
    for (const sel of stack.pop()!.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value === '__schema') return true;
        if (sel.selectionSet) stack.push(sel.selectionSet);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        stack.push(sel.selectionSet);
      } else if (!seen.has(sel.name.value)) {
        seen.add(sel.name.value);
        const fragment = context.getFragment(sel.name.value);
        if (fragment) stack.push(fragment.selectionSet);
      }
    }
  }
  return false;
}

/** Armor's depth rule with introspection counted, applied only to operations that select __schema. */
function introspectionDepthRule(n: number): ValidationRule {
  const rule = maxDepthRule({ ...reportAs('introspectionDepth', n), ignoreIntrospection: false, flattenFragments: true });
  return (context) => {
    const inner = rule(context);
    const enter = inner.OperationDefinition.enter as (op: OperationDefinitionNode) => void;
    return {
      OperationDefinition(op) {
        if (selectsSchema(op, context)) enter.call(inner, op);
      },
    } satisfies ASTVisitor;
  };
}

/** The validation rules of the shape limits (tokens excepted: see parseOptions). */
export function shapeLimitRules(limits: ShapeLimits): ValidationRule[] {
  return [
    // `__schema` is measured by the introspection rule; fragments add no level (flattenFragments).
    maxDepthRule({ ...reportAs('depth', limits.maxDepth), ignoreIntrospection: true, flattenFragments: true }) as ValidationRule,
    introspectionDepthRule(limits.maxIntrospectionDepth),
    // `__typename` aliases are counted too: they cost nothing to compute but still fill the response.
    maxAliasesRule({ ...reportAs('aliases', limits.maxAliases), allowList: [] }) as ValidationRule,
    maxDirectivesRule(reportAs('directives', limits.maxDirectives)) as ValidationRule,
  ];
}

/** graphql-js's parser options for Apollo's `parseOptions`: the token limit. */
export function parseOptions(limits: Pick<ShapeLimits, 'maxTokens'>) {
  return { maxTokens: limits.maxTokens };
}

/** graphql-js's message when the parser stops at `maxTokens` ("Document contains more that N tokens"). */
const TOKENS_MESSAGE = /^Syntax Error: Document contains more th(?:an|at) (\d+) tokens/;

/**
 * For Apollo's formatError: a refusal by a limit keeps QUERY_LIMIT_EXCEEDED (Apollo relabels
 * validation errors GRAPHQL_VALIDATION_FAILED), and the parser's token-limit error (reported as
 * GRAPHQL_PARSE_FAILED) becomes one. Anything else is returned unchanged.
 */
export function keepLimitCode(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  for (let e: any = error, depth = 0; e && depth < 10; e = e.originalError, depth++) {
    if (e instanceof GraphQLError && e.extensions?.code === ErrorCodes.QUERY_LIMIT_EXCEEDED) {
      const { http: _http, ...extensions } = e.extensions as Record<string, unknown>;
      return { ...formatted, extensions: { ...formatted.extensions, ...extensions } };
    }
  }
  const m = TOKENS_MESSAGE.exec(formatted.message);
  if (!m) return formatted;
  const max = Number(m[1]);
  const { locations: _locations, ...rest } = formatted;
  return {
    ...rest,
    message: tokensLimitMessage(max),
    extensions: { ...formatted.extensions, code: ErrorCodes.QUERY_LIMIT_EXCEEDED, limit: 'tokens', maximum: max },
  };
}
