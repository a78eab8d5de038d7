// Runs operations against buildAppSchema + createContext with graphql() (no HTTP).
import { graphql, parse, validate, type ExecutionResult, type GraphQLError } from 'graphql';
import { createJitExecution } from '../../src/execution/jit-gateway';
import { createContext } from '../../src/context';
import type { PrismaClient } from '../../src/generated/prisma/client';
import { buildAppSchema } from '../../src/schema';

export type Run = (query: string, variables?: Record<string, unknown>) => Promise<ExecutionResult<any>>;

/**
 * A runner with a fresh context (new loaders) per operation, as the server makes per request, on
 * the server's default executor (graphql-jit); TEST_EXECUTOR=graphql-js runs graphql-js instead.
 */
export function runner(prisma: PrismaClient): Run {
  if (process.env.TEST_EXECUTOR === 'graphql-js') {
    return async (query, variables) =>
      graphql({ schema: await buildAppSchema(), source: query, variableValues: variables, contextValue: createContext(prisma) });
  }
  let execute: ReturnType<typeof createJitExecution> | undefined;
  return async (query, variables) => {
    const schema = await buildAppSchema();
    execute ??= createJitExecution(schema);
    let document;
    try {
      document = parse(query);
    } catch (err) {
      return { errors: [err as GraphQLError] };
    }
    const errors = validate(schema, document);
    if (errors.length) return { errors };
    return execute({ document, documentKey: query, variables, context: createContext(prisma) });
  };
}

/** Runs and fails with the errors when there are any; returns data. */
export async function ok(run: Run, query: string, variables?: Record<string, unknown>): Promise<any> {
  const res = await run(query, variables);
  if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors, null, 2)}`);
  return res.data;
}

export const round = (x: number | null | undefined, d = 1) => (x == null ? x : Number(x.toFixed(d)));
