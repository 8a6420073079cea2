import { GraphQLError, type ValidationRule } from 'graphql';

/**
 * Reports an operation whose type (mutation, subscription) the schema does
 * not define. graphql 16 only finds this at execution, as an error without a
 * code; as a validation error it is a plain 400 that names the operation type.
 */
export const knownOperationTypesRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (context.getSchema().getRootType(node.operation) === undefined) {
      context.reportError(new GraphQLError(`This API is read-only: the schema defines no ${node.operation} operations.`, { nodes: node }));
    }
  },
});
