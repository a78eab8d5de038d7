// Executes operations with graphql-jit instead of graphql-js: each distinct document is compiled
// once into JavaScript specialised for its selection set, which cut graphql-js's per-field work
// (the largest CPU cost left on long nested lists after the loaders' own) by about half in
// profiles. Apollo Server still parses, validates and runs every plugin; its documented
// gateway interface is the one place to swap the executor.
import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import { GraphQLError, getOperationAST, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

type GatewayInterface = ApolloServerOptionsWithGateway<object>['gateway'];
type GatewayExecutor = NonNullable<Awaited<ReturnType<GatewayInterface['load']>>['executor']>;

/** Compiled documents kept per process (by operation name and text); the oldest go first. */
const MAX_COMPILED = 500;

/** What an executor needs of a request: a validated document, its text's hash, variables, context. */
export interface ExecutionRequest {
  document: DocumentNode;
  /** Identifies the document (e.g. a hash of its text). */
  documentKey: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
  context: unknown;
}

/** Executes validated documents with graphql-jit, compiling each distinct document once. */
export function createJitExecution(schema: GraphQLSchema): (request: ExecutionRequest) => Promise<ExecutionResult> {
  const compiled = new Map<string, CompiledQuery>();
  return async ({ document, documentKey, operationName, variables, context }) => {
    const key = `${operationName ?? ''}\u0000${documentKey}`;
    let query = compiled.get(key);
    if (!query) {
      const result = compileQuery(schema, document, operationName ?? undefined);
      // Not compiled: the document cannot run (graphql-js's execute would answer the same errors).
      if (!isCompiledQuery(result)) return result as ExecutionResult;
      query = result;
      if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value!);
      compiled.set(key, query);
    }
    const result = await query.query(undefined, context, variables ?? {});
    if (!result.errors) return result as ExecutionResult;
    // Variables that do not coerce: graphql-js's messages carry the scalars' and enums' own
    // explanations (what was wrong, what is accepted), graphql-jit's only "Expected type X".
    if (result.data === undefined) {
      const operation = getOperationAST(document, operationName);
      if (operation) {
        const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
        if (coerced.errors) return { errors: coerced.errors };
      }
    }
    return { ...result, errors: result.errors.map(asGraphQLError) } as ExecutionResult;
  };
}

/** The jit execution as Apollo Server's gateway executor. */
export function createJitExecutor(schema: GraphQLSchema): GatewayExecutor {
  const execute = createJitExecution(schema);
  return (rc) =>
    execute({ document: rc.document, documentKey: rc.queryHash, operationName: rc.operationName, variables: rc.request.variables, context: rc.context });
}

/**
 * graphql-jit's errors carry path and locations but not the AST nodes, and no extensions object
 * when the thrown error had none; Apollo's formatting expects graphql-js's GraphQLError shape.
 */
function asGraphQLError(e: GraphQLError): GraphQLError {
  const error = new GraphQLError(e.message, {
    path: e.path,
    originalError: e.originalError ?? undefined,
    extensions: e.extensions ?? (e.originalError as GraphQLError | undefined)?.extensions,
  });
  if (e.locations) (error as { locations: GraphQLError['locations'] }).locations = e.locations;
  return error;
}

/** An Apollo Server gateway that serves one fixed schema with `executor`. */
export function fixedSchemaGateway(schema: GraphQLSchema, executor: GatewayExecutor): GatewayInterface {
  return {
    async load() {
      return { schema, executor };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => {};
    },
    async stop() {},
  };
}
