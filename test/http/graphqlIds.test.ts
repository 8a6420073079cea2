import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/http/startServer.js';
import { startShippedServer } from '../support/startShippedServer.js';
import { BASE_IRI } from '../../src/rdf/vocabulary.js';
import { collectIds } from '../support/collectIds.js';

let server: RunningServer;

beforeAll(async () => {
  ({ server } = await startShippedServer());
});

afterAll(async () => {
  await server.stop();
});

describe('GraphQL ids', () => {
  it('each resolve on this server at the path of the IRI, as Turtle that describes them', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `{ collaboration(id: "${BASE_IRI}samverkan/orebro-lan") {
          id members { id member { id ... on Municipality { county { id } } } role { id } basis { id } }
          purpose { id } goals { id } vision { id } grants { id funders { id } period { id } }
          financing { id model { id } } projects { id themes { id } regions { id } } linkedOrganisations { id } } }`,
      }),
    });
    const ids = [...new Set(collectIds(await response.json()))];
    expect(ids.length).toBeGreaterThan(40);
    for (const id of ids) {
      expect(id.startsWith(BASE_IRI), id).toBe(true);
      const resource = await fetch(`${server.url}/${id.slice(BASE_IRI.length)}`, { headers: { Accept: 'text/turtle' } });
      expect(resource.status, id).toBe(200);
      expect(await resource.text(), id).toContain(id.slice(BASE_IRI.length).split('/').at(-1));
    }
  });
});
