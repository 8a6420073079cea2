import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { execute, getVariableValues, printSchema, type DocumentNode, type ExecutionResult, type GraphQLError, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

/**
 * Runs Apollo Server's operations with graphql-jit instead of graphql-js's
 * interpreter, through the one hook Apollo Server offers for that: a gateway
 * that serves a fixed schema and executes. Apollo still parses, validates
 * (with our limits), formats errors and runs every plugin; only execution
 * changes. graphql-jit compiles each operation once into a function that
 * calls the same resolvers, without graphql-js's per-field work (argument
 * maps, resolve-info objects, path bookkeeping).
 *
 * Compiled operations are kept with the parsed document, which Apollo's
 * document cache hands out again for the same query text, so the cache is
 * as bounded as that one.
 */
export function compiledExecution(schema: GraphQLSchema): GatewayInterface {
  const compiled = new WeakMap<DocumentNode, Map<string | undefined, CompiledQuery | ExecutionResult>>();
  const executor: GatewayExecutor = async ({ document, operation, operationName, request, context }) => {
    // No operation to run (several and none named, or an unknown name): graphql-js says which, as it would.
    // The name is the request's own: Apollo's `operationName` is that of the operation it found, so null here.
    if (!operation) return execute({ schema, document, operationName: request.operationName, variableValues: request.variables, contextValue: context });
    // Variables are checked by graphql-js, so a bad one gets its very error (and Apollo's BAD_USER_INPUT and 400).
    const variables = request.variables ?? {};
    const checked = getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 50 });
    if (checked.errors) return { errors: checked.errors };
    let byOperation = compiled.get(document);
    if (byOperation === undefined) compiled.set(document, (byOperation = new Map()));
    const name = operationName ?? undefined;
    let query = byOperation.get(name);
    if (query === undefined) {
      query = compileQuery(schema, document, name, { useExperimentalPathBasedSkipInclude: true });
      byOperation.set(name, query);
    }
    // An operation the compiler refuses (a mutation on a schema without one, which the server's validation refuses first): its message, with no data, as graphql-js answers.
    if (!isCompiledQuery(query)) return { errors: (query.errors ?? []).map(withExtensions), data: null };
    const { data, errors, extensions } = await query.query(undefined, context, variables);
    // As graphql-js answers: errors first, then data.
    return { ...(errors?.length && { errors: errors.map(withExtensions) }), data, ...(extensions && { extensions }) };
  };
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => {};
    },
    load: async () => ({ executor }),
    stop: async () => {},
  };
}

/**
 * The error with `extensions` always set, as graphql-js sets them (to the
 * original error's, or none): graphql-jit leaves them undefined when the
 * resolver's error has none, and Apollo Server reads `extensions.code`.
 */
function withExtensions(error: GraphQLError): GraphQLError {
  if (error.extensions !== undefined) return error;
  return Object.create(Object.getPrototypeOf(error) as object, {
    ...Object.getOwnPropertyDescriptors(error),
    extensions: { value: {}, enumerable: false },
  }) as GraphQLError;
}
