// Runs operations against buildAppSchema + createContext with graphql() (no HTTP).
import { graphql, type ExecutionResult } from 'graphql';
import { createContext } from '../../src/context';
import type { PrismaClient } from '../../src/generated/prisma/client';
import { buildAppSchema } from '../../src/schema';

export type Run = (query: string, variables?: Record<string, unknown>) => Promise<ExecutionResult<any>>;

/** A runner with a fresh context (new loaders) per operation, as the server makes per request. */
export function runner(prisma: PrismaClient): Run {
  return async (query, variables) =>
    graphql({ schema: await buildAppSchema(), source: query, variableValues: variables, contextValue: createContext(prisma) });
}

/** Runs and fails with the errors when there are any; returns data. */
export async function ok(run: Run, query: string, variables?: Record<string, unknown>): Promise<any> {
  const res = await run(query, variables);
  if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors, null, 2)}`);
  return res.data;
}

export const round = (x: number | null | undefined, d = 1) => (x == null ? x : Number(x.toFixed(d)));
