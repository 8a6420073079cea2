import { describe, expect, it } from 'vitest';
import { executeQuery } from '../support/executeQuery.js';

// A BAD_USER_INPUT message repeats the bad value as JSON, up to 200 characters: a longer one is cut
// to 199 and an ellipsis, so that a message stays short whatever a client sends.

const EXPECTED = 'expected an absolute IRI such as "https://w3id.org/kulturskola/kommun/1883"';

async function messageFor(id: string): Promise<string> {
  const result = await executeQuery('query ($id: ID!) { node(id: $id) { id } }', { variables: { id } });
  expect(result.errors).toHaveLength(1);
  return result.errors![0]!.message;
}

describe('the bad value a BAD_USER_INPUT message repeats', () => {
  it('is repeated whole when it is exactly 200 characters as JSON', async () => {
    const id = 'x'.repeat(198);
    expect(await messageFor(id)).toBe(`Argument "id": ${EXPECTED} but got: "${id}".`);
  });

  it('is cut to 199 characters and an ellipsis when it is 201 characters as JSON', async () => {
    expect(await messageFor('x'.repeat(199))).toBe(`Argument "id": ${EXPECTED} but got: "${'x'.repeat(198)}….`);
  });
});
