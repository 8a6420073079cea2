import { GraphQLError } from 'graphql';

/** The `extensions.code` values this API sets itself. */
export enum ErrorCode {
  BadUserInput = 'BAD_USER_INPUT',
}

/**
 * A client error: the argument `argument` has a bad value. The message names
 * the argument, what was expected and what came, in graphql-js's style.
 * It is a field error (execution ran), so over HTTP the answer is 200 with
 * `data`, as the GraphQL-over-HTTP spec has it (see graphqlOverHttpStatusPlugin).
 */
export function badUserInput(argument: string, expected: string, got: unknown): GraphQLError {
  return new GraphQLError(`Argument "${argument}": expected ${expected} but got: ${echo(got)}.`, {
    extensions: { code: ErrorCode.BadUserInput, argumentName: argument },
  });
}

/** How much of a bad value a message repeats. */
const MAX_ECHO = 200;

/** The value as JSON (control characters escaped), cut to MAX_ECHO characters. */
function echo(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length <= MAX_ECHO ? json : `${json.slice(0, MAX_ECHO - 1)}…`;
}
