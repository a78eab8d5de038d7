// Query depth limit, checked during validation (so a refused query gets HTTP 400 and never executes).
//
// Depth is counted as graphql-depth-limit counts it: the number of nested selection sets below the
// top-level fields. `{ sources { name } }` has depth 1, `{ country(iso3: "KAZ") { exports { partner { name } } } }`
// depth 3. Introspection fields (`__schema`, `__type`, `__typename`) are not counted.
import depthLimit from 'graphql-depth-limit';
import { GraphQLError, type ValidationContext, type ASTVisitor } from 'graphql';

/** Beyond this the depth is not measured exactly (it bounds the recursion, e.g. for fragment cycles). */
export const DEPTH_MEASURE_CAP = 200;

export function depthLimitMessage(depth: number | undefined, maxDepth: number): string {
  return depth === undefined
    ? `Query depth exceeds ${DEPTH_MEASURE_CAP}, the maximum is ${maxDepth}`
    : `Query depth ${depth} exceeds the maximum of ${maxDepth}`;
}

/** A graphql-js validation rule refusing operations deeper than `maxDepth`. */
export function createDepthLimitRule(maxDepth: number) {
  return function DepthLimit(context: ValidationContext): ASTVisitor {
    let overCap = false;
    let depths: Record<string, number> = {};
    // The library reports its own message when it passes its limit; we let it measure up to the cap
    // and word the error ourselves, naming the query's depth.
    const measuring = Object.create(context, {
      reportError: {
        value: () => {
          overCap = true;
        },
      },
    }) as ValidationContext;
    depthLimit(DEPTH_MEASURE_CAP, {}, (d) => {
      depths = d;
    })(measuring);
    const measured = Object.values(depths).filter((d) => Number.isFinite(d));
    const deepest = measured.length ? Math.max(...measured) : 0;
    if (overCap || deepest > maxDepth) {
      const depth = overCap ? undefined : deepest;
      context.reportError(
        new GraphQLError(depthLimitMessage(depth, maxDepth), {
          extensions: { limit: 'depth', maximum: maxDepth, ...(depth !== undefined ? { actual: depth } : {}) },
        }),
      );
    }
    return {};
  };
}
