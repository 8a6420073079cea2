import { createHash } from 'node:crypto';
import express from 'express';
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SparqlWorkerPool } from '../../src/http/sparql/SparqlWorkerPool.js';
import { serveWhenLoaded, startServer, type RunningServer, type ServerOptions, type ServedData } from '../../src/http/startServer.js';
import type { AnticipateChange, DatasetState, Publisher, ServeChange } from '../../src/publish/Publisher.js';
import type { Graph } from '../../src/rdf/Graph.js';
import { UnionGraph } from '../../src/rdf/UnionGraph.js';
import { graphOfTriG } from '../support/graphOfTriG.js';
import { recordingLogger } from '../support/recordingLogger.js';

/**
 * startServer and serveWhenLoaded on a graph of a few triples, one server per case, so that each
 * case sees the server start (the specs over the shipped data start theirs once, in beforeAll)
 * and a case costs about a second.
 */

const DATA = `<dataset/kommuner> {
  <kommun/1883> a ks:Municipality ; skos:prefLabel "Karlskoga"@sv ; ks:kommunkod "1883" .
  <kommun/1880> a ks:Municipality ; skos:prefLabel "Örebro"@sv ; ks:kommunkod "1880" .
}`;
const KARLSKOGA = '{ municipality(code: "1883") { name } }';
const VERSION = { digest: 'a'.repeat(32), lastModified: new Date('2026-11-30T12:00:00Z') };

let running: RunningServer | undefined;

afterEach(async () => {
  vi.restoreAllMocks();
  await running?.stop();
  running = undefined;
});

async function start(options: Partial<ServerOptions> = {}): Promise<RunningServer> {
  running = await startServer({ logger: pino({ level: 'silent' }), host: '127.0.0.1', port: 0, graph: graphOfTriG(DATA), sparql: { workers: 1 }, ...options });
  return running;
}

function graphql(server: RunningServer, query: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
}

describe('a started server', () => {
  it('answers GraphQL at /graphql over the graph it was given', async () => {
    const server = await start();
    const response = await graphql(server, KARLSKOGA);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { municipality: { name: 'Karlskoga' } } });
  });

  it('answers GraphQL at /graphql/ and with a query string too', async () => {
    const server = await start();
    for (const path of ['/graphql/', '/graphql']) {
      const response = await fetch(`${server.url}${path}?query=${encodeURIComponent(KARLSKOGA)}`, { headers: { 'apollo-require-preflight': 'true' } });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ data: { municipality: { name: 'Karlskoga' } } });
    }
  });

  it('gives a browser opening /graphql the explorer page', async () => {
    const server = await start();
    const response = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain('<html');
  });

  it('answers SPARQL at /sparql over the same graph, with the limits it was given', async () => {
    const server = await start({ sparql: { workers: 1, maxRows: 1 } });
    const query = encodeURIComponent('SELECT ?s WHERE { ?s a <https://w3id.org/kulturskola/def#Municipality> }');
    const response = await fetch(`${server.url}/sparql?query=${query}`, { headers: { accept: 'application/sparql-results+json' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-sparql-truncated')).toBe('true');
    expect(((await response.json()) as { results: { bindings: unknown[] } }).results.bindings).toHaveLength(1);
  });

  it('serves each resource, the dumps and the catalogue', async () => {
    const server = await start();
    const resource = await fetch(`${server.url}/kommun/1883`, { headers: { accept: 'application/n-triples' } });
    expect(resource.status).toBe(200);
    expect(await resource.text()).toContain('"Karlskoga"@sv');
    const dump = await fetch(`${server.url}/dump.nq`);
    expect(dump.status).toBe(200);
    expect(await dump.text()).toContain('<https://w3id.org/kulturskola/kommun/1880> <http://www.w3.org/2004/02/skos/core#prefLabel> "Örebro"@sv <https://w3id.org/kulturskola/dataset/kommuner> .');
    for (const path of ['/catalog', '/.well-known/void', '/']) {
      const catalog = await fetch(`${server.url}${path}`, { headers: { accept: 'application/n-triples' } });
      expect(catalog.status).toBe(200);
      expect(await catalog.text()).toContain(`<${server.url}/sparql>`);
    }
  });

  it('gives people the home page at /', async () => {
    const server = await start();
    const response = await fetch(`${server.url}/`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('names its public URL in the catalogue, without a final slash', async () => {
    const server = await start({ publicUrl: 'https://data.example/kulturskola//' });
    const catalog = await (await fetch(`${server.url}/catalog`, { headers: { accept: 'application/n-triples' } })).text();
    expect(catalog).toContain('<https://data.example/kulturskola/sparql>');
    expect(catalog).not.toContain(server.url);
    expect(catalog).not.toContain('kulturskola//');
  });

  it('answers an unknown route with 404 and a message naming it and the endpoints', async () => {
    const server = await start();
    const response = await fetch(`${server.url}/nowhere`, { method: 'DELETE' });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'No route for DELETE /nowhere; GraphQL is served at /graphql, SPARQL at /sparql' });
  });

  it('tells the version of the data in every answer but the front door\'s own', async () => {
    const server = await start({ version: VERSION });
    for (const path of ['/kommun/1883', '/catalog', '/nowhere', '/graphql']) {
      const response = await fetch(`${server.url}${path}`, { headers: { 'apollo-require-preflight': 'true' } });
      expect(response.headers.get('data-version')).toBe(VERSION.digest);
    }
    expect((await fetch(`${server.url}/health`)).headers.get('data-version')).toBeNull();
  });

  it('reports on /health the quads, the data version and the facts it was given', async () => {
    const server = await start({ version: VERSION, health: { graphs: ['x'] } });
    const health = await (await fetch(`${server.url}/health`)).json();
    expect(health).toEqual({ status: 'ok', graphs: ['x'], quads: 6, dataVersion: VERSION.digest });
  });

  it('without a version, takes its start for one: a digest of 32 hex digits and its Last-Modified', async () => {
    const before = Date.now();
    const server = await start();
    const { dataVersion } = (await (await fetch(`${server.url}/health`)).json()) as { dataVersion: string };
    expect(dataVersion).toMatch(/^0+[0-9a-f]+$/);
    expect(dataVersion).toHaveLength(32);
    const started = parseInt(dataVersion, 16);
    expect(started).toBeGreaterThanOrEqual(before);
    expect(started).toBeLessThanOrEqual(Date.now());
  });

  it('refuses a GraphQL body over its limit with 413', async () => {
    const server = await start({ limits: { maxBodyBytes: 100 } });
    const response = await graphql(server, `{ municipality(code: "${'1'.repeat(200)}") { name } }`);
    expect(response.status).toBe(413);
  });

  it('passes its GraphQL limits to Apollo', async () => {
    const server = await start({ limits: { maxDepth: 1 } });
    const response = await graphql(server, '{ municipality(code: "1883") { county { name } } }', { accept: 'application/graphql-response+json' });
    expect(response.status).toBe(400);
  });

  it('lets pages on the origins it was given publish, and refuses others', async () => {
    const server = await start({ corsWriteOrigins: ['https://publisher.example'] });
    const listed = await fetch(`${server.url}/datasets/test-x`, { method: 'OPTIONS', headers: { origin: 'https://publisher.example', 'access-control-request-method': 'PUT' } });
    expect(listed.headers.get('access-control-allow-origin')).toBe('https://publisher.example');
    const other = await fetch(`${server.url}/datasets/test-x`, { method: 'PUT', headers: { origin: 'https://other.example' }, body: 'x' });
    expect(other.status).toBe(403);
  });

  it('stops: no longer listens, and stopping again is the same stop', async () => {
    const server = await start();
    const first = server.stop();
    expect(server.stop()).toBe(first);
    await first;
    running = undefined;
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
  });
});

describe('a server on an IPv6 address', () => {
  it('gives its URL with the address in brackets', async () => {
    let server: RunningServer;
    try {
      server = await start({ host: '::1' });
    } catch (error) {
      // A machine without IPv6 on loopback cannot listen there; nothing to check then.
      if ((error as NodeJS.ErrnoException).code === 'EADDRNOTAVAIL') return;
      throw error;
    }
    expect(server.url).toMatch(/^http:\/\/\[::1\]:\d+$/);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });
});

describe('a server whose data loads after it listens', () => {
  it('answers 503 while loading, then serves what was loaded', async () => {
    let finish!: (data: ServedData) => void;
    const server = await serveWhenLoaded({ logger: pino({ level: 'silent' }), host: '127.0.0.1', port: 0, sparql: { workers: 1 } }, () => new Promise((resolve) => (finish = resolve)));
    running = server;
    expect((await graphql(server, KARLSKOGA)).status).toBe(503);
    finish({ graph: graphOfTriG(DATA) });
    await server.loaded;
    expect(await (await graphql(server, KARLSKOGA)).json()).toEqual({ data: { municipality: { name: 'Karlskoga' } } });
  });

  it('stops listening and rejects `loaded` with the error when loading fails', async () => {
    const server = await serveWhenLoaded({ logger: pino({ level: 'silent' }), host: '127.0.0.1', port: 0 }, () => Promise.reject(new Error('the data is broken')));
    await expect(server.loaded).rejects.toThrow('the data is broken');
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
    await server.stop();
  });

  it('when stopped while loading, waits for loading to settle, then stops', async () => {
    let finish!: (data: ServedData) => void;
    const server = await serveWhenLoaded({ logger: pino({ level: 'silent' }), host: '127.0.0.1', port: 0, sparql: { workers: 1 } }, () => new Promise((resolve) => (finish = resolve)));
    let stopped = false;
    const stopping = server.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stopped).toBe(false);
    finish({ graph: graphOfTriG(DATA) });
    await stopping;
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
  });

  it('starts the SPARQL workers when loading asks, before the data is whole: SPARQL answers from the stored contents given, as the data version given', async () => {
    let finish!: (data: ServedData) => void;
    const server = await serveWhenLoaded({ logger: pino({ level: 'silent' }), host: '127.0.0.1', port: 0, sparql: { workers: 1 } }, (early) => {
      early.sparql([{ graph: 'https://w3id.org/kulturskola/dataset/kommuner', slug: 'kommuner', ntriples: '<https://w3id.org/kulturskola/kommun/1883> <http://www.w3.org/2004/02/skos/core#prefLabel> "Karlskoga"@sv .\n' }], VERSION.digest);
      expect(() => early.sparql([], VERSION.digest)).toThrow('serveWhenLoaded: the SPARQL workers were started already');
      return new Promise((resolve) => (finish = resolve));
    });
    running = server;
    finish({ graph: graphOfTriG(DATA), version: VERSION });
    await server.loaded;
    const answer = await fetch(`${server.url}/sparql?query=${encodeURIComponent('SELECT ?g ?name WHERE { GRAPH ?g { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?name } }')}`);
    expect(answer.headers.get('data-version')).toBe(VERSION.digest);
    expect(((await answer.json()) as { results: { bindings: unknown[] } }).results.bindings).toEqual([
      { g: { type: 'uri', value: 'https://w3id.org/kulturskola/dataset/kommuner' }, name: { type: 'literal', value: 'Karlskoga', 'xml:lang': 'sv' } },
    ]);
  });

  it('stops the SPARQL workers it started for loading when loading then fails, and rejects `loaded` with the error', async () => {
    const closing = vi.spyOn(SparqlWorkerPool.prototype, 'close');
    const server = await serveWhenLoaded({ logger: pino({ level: 'silent' }), host: '127.0.0.1', port: 0, sparql: { workers: 1 } }, async (early) => {
      early.sparql([], VERSION.digest);
      throw new Error('the data is broken');
    });
    await expect(server.loaded).rejects.toThrow('the data is broken');
    expect(closing).toHaveBeenCalledTimes(1);
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
    await server.stop();
  });

  it('refuses to listen on a port already taken, rejecting with the reason', async () => {
    const server = await start();
    const port = new URL(server.url).port;
    await expect(serveWhenLoaded({ logger: pino({ level: 'silent' }), host: '127.0.0.1', port: Number(port) }, async () => ({ graph: graphOfTriG(DATA) }))).rejects.toThrow(/EADDRINUSE/);
  });
});

/**
 * The publisher startServer follows, as far as startServer uses one: it hands over committed
 * changes (see Publisher.follow) and says what is served. The real write path, checks and store
 * are specified in test/publish and test/http/publishing; here a case commits changes itself.
 */
class ChangesOfTheTest {
  private serve?: ServeChange;
  private anticipate?: AnticipateChange;
  private readonly states = new Map<string, DatasetState>();

  follow(serve: ServeChange, anticipate?: AnticipateChange): void {
    this.serve = serve;
    this.anticipate = anticipate;
  }

  /** Commits `content` (N-Triples) as the dataset's next version, or withdraws it (null), and resolves once it is served. */
  commit(slug: string, content: string | null, { toldEarly = false } = {}): Promise<void> {
    const dataset = `https://w3id.org/kulturskola/dataset/${slug}`;
    const version = (this.states.get(slug)?.version ?? 0) + 1;
    const triples = content === null ? 0 : content.split('\n').filter((line) => line.trim() !== '').length;
    const state: DatasetState = {
      slug,
      dataset,
      version,
      triples,
      sha256: content === null ? null : createHash('sha256').update(content).digest('hex'),
      etag: content === null ? null : `"${slug}-${version}"`,
      withdrawn: content === null,
      modified: new Date(Date.UTC(2026, 10, version)).toISOString(),
      publisher: 'Testutgivaren',
    };
    this.states.set(slug, state);
    if (toldEarly && content !== null) this.anticipate!(slug, content);
    return this.serve!({ slug, dataset, content, state });
  }

  /** Tells the server what a write still being checked may make the dataset's content (see AnticipateChange). */
  tellEarly(slug: string, content: string): void {
    this.anticipate!(slug, content);
  }

  datasets(): DatasetState[] {
    return [...this.states.values()];
  }

  servedGraphs(): Array<{ graph: string; version: number; quads: number }> {
    return this.datasets()
      .filter(({ withdrawn }) => !withdrawn)
      .map(({ dataset, version, triples }) => ({ graph: dataset, version, quads: triples }));
  }

  histories(): [] {
    return [];
  }
}

const NYTT = '<https://w3id.org/kulturskola/projekt/test-nya> <http://www.w3.org/2000/01/rdf-schema#label> "Nytt"@sv .\n';
const ANNAN = '<https://w3id.org/kulturskola/projekt/test-annan> <http://www.w3.org/2000/01/rdf-schema#label> "Annan"@sv .\n';
const NYARE = '<https://w3id.org/kulturskola/projekt/test-nya> <http://www.w3.org/2000/01/rdf-schema#label> "Nyare"@sv .\n_:b <http://www.w3.org/2000/01/rdf-schema#label> "Tom nod"@sv .\n';

async function startPublishing(graph: Graph = new UnionGraph([['https://w3id.org/kulturskola/dataset/kommuner', graphOfTriG(DATA)]])): Promise<{ server: RunningServer; changes: ChangesOfTheTest }> {
  const changes = new ChangesOfTheTest();
  const server = await start({ graph, publishing: { publisher: changes as unknown as Publisher, router: express.Router() } });
  return { server, changes };
}

async function health(server: RunningServer): Promise<{ status: string; quads: number; dataVersion: string; graphs?: Array<{ graph: string; version: number; quads: number }> }> {
  return (await fetch(`${server.url}/health`)).json() as never;
}

async function sparqlLabels(server: RunningServer): Promise<string[]> {
  const query = encodeURIComponent('SELECT ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?label');
  const answer = (await (await fetch(`${server.url}/sparql?query=${query}`, { headers: { accept: 'application/sparql-results+json' } })).json()) as { results: { bindings: Array<{ label: { value: string } }> } };
  return answer.results.bindings.map(({ label }) => label.value);
}

describe('a server that publishes', () => {
  it('warms its write path once it serves, on a copy of the reference list, and serves what it served', async () => {
    const lines: Array<{ msg: string; ms?: number | null }> = [];
    const changes = new ChangesOfTheTest();
    const server = await start({
      logger: recordingLogger(lines),
      graph: new UnionGraph([['https://w3id.org/kulturskola/dataset/kommuner', graphOfTriG(DATA)]]),
      publishing: { publisher: changes as unknown as Publisher, router: express.Router() },
    });
    const before = await health(server);

    await until(() => lines.some(({ msg }) => msg === 'warmed the write path'));

    expect(lines.find(({ msg }) => msg === 'warmed the write path')?.ms).toBeGreaterThanOrEqual(0);
    expect(await health(server)).toEqual(before);
  });

  it('serves a committed change everywhere at once, under the new data version', async () => {
    const { server, changes } = await startPublishing();
    const before = await health(server);
    await changes.commit('test-nya', NYTT);
    const after = await health(server);
    expect(after.quads).toBe(before.quads + 1);
    expect(after.dataVersion).not.toBe(before.dataVersion);
    expect(after.graphs).toEqual([{ graph: 'https://w3id.org/kulturskola/dataset/test-nya', version: 1, quads: 1 }]);
    const resource = await fetch(`${server.url}/projekt/test-nya`, { headers: { accept: 'application/n-triples' } });
    expect(resource.headers.get('data-version')).toBe(after.dataVersion);
    expect(await resource.text()).toContain('"Nytt"@sv');
    expect(await sparqlLabels(server)).toEqual(['Nytt']);
    const dump = await (await fetch(`${server.url}/dump.nq`)).text();
    expect(dump).toContain('"Nytt"@sv <https://w3id.org/kulturskola/dataset/test-nya> .');
  });

  it('serves the next version in place of the one before, blank nodes included, and a withdrawal', async () => {
    const { server, changes } = await startPublishing();
    await changes.commit('test-nya', NYTT);
    await changes.commit('test-nya', NYARE);
    expect(await sparqlLabels(server)).toEqual(['Nyare', 'Tom nod']);
    expect((await health(server)).graphs).toEqual([{ graph: 'https://w3id.org/kulturskola/dataset/test-nya', version: 2, quads: 2 }]);
    await changes.commit('test-nya', null);
    expect(await sparqlLabels(server)).toEqual([]);
    expect((await health(server)).graphs).toEqual([]);
    expect((await fetch(`${server.url}/projekt/test-nya`)).status).toBe(404);
  });

  it('serves a change it was told of early the same as one it was not', async () => {
    const { server, changes } = await startPublishing();
    await changes.commit('test-nya', NYTT, { toldEarly: true });
    expect(await sparqlLabels(server)).toEqual(['Nytt']);
    await changes.commit('test-nya', NYARE, { toldEarly: true });
    expect(await sparqlLabels(server)).toEqual(['Nyare', 'Tom nod']);
    const resource = await (await fetch(`${server.url}/projekt/test-nya`, { headers: { accept: 'application/n-triples' } })).text();
    expect(resource).toContain('"Nyare"@sv');
    expect(resource).not.toContain('"Nytt"@sv');
  });

  it('serves a change told of early on the graph served when it is committed, with what another dataset published meanwhile', async () => {
    const { server, changes } = await startPublishing();
    changes.tellEarly('test-nya', NYTT);
    await changes.commit('test-annan', ANNAN);
    await changes.commit('test-nya', NYTT);
    expect(await sparqlLabels(server)).toEqual(['Annan', 'Nytt']);
    const { data } = (await (await graphql(server, '{ datasets { id } }')).json()) as { data: { datasets: Array<{ id: string }> } };
    expect(data.datasets.map(({ id }) => id)).toEqual(expect.arrayContaining(['https://w3id.org/kulturskola/dataset/test-annan', 'https://w3id.org/kulturskola/dataset/test-nya']));
    expect(await (await fetch(`${server.url}/projekt/test-annan`, { headers: { accept: 'application/n-triples' } })).text()).toContain('"Annan"@sv');
    expect(await (await fetch(`${server.url}/projekt/test-nya`, { headers: { accept: 'application/n-triples' } })).text()).toContain('"Nytt"@sv');
  });

  it('serves what was committed when it differs from what it was told of early', async () => {
    const { server, changes } = await startPublishing();
    changes.tellEarly('test-nya', NYTT);
    await changes.commit('test-nya', NYARE);
    expect(await sparqlLabels(server)).toEqual(['Nyare', 'Tom nod']);
    expect(await (await fetch(`${server.url}/projekt/test-nya`, { headers: { accept: 'application/n-triples' } })).text()).not.toContain('"Nytt"@sv');
  });

  it('serves changes one at a time, in the order they were committed', async () => {
    const { server, changes } = await startPublishing();
    await Promise.all([changes.commit('test-nya', NYTT), changes.commit('test-nya', NYARE), changes.commit('test-annan', ANNAN)]);
    expect(await sparqlLabels(server)).toEqual(['Annan', 'Nyare', 'Tom nod']);
    expect(await (await graphql(server, '{ datasets { id } }')).json()).toMatchObject({ data: { datasets: expect.arrayContaining([{ id: 'https://w3id.org/kulturskola/dataset/test-annan' }]) } });
  });

  it('refuses to follow changes over a graph that is not a union of datasets, and keeps serving', async () => {
    const { server, changes } = await startPublishing(graphOfTriG(DATA));
    await expect(changes.commit('test-nya', NYTT)).rejects.toThrow('startServer: publishing needs the served graph to be a UnionGraph of the datasets');
    expect((await health(server)).status).toBe('ok');
    expect(await (await graphql(server, KARLSKOGA)).json()).toEqual({ data: { municipality: { name: 'Karlskoga' } } });
  });

  it('stops once the change being served is served', async () => {
    const { server, changes } = await startPublishing();
    const served = changes.commit('test-nya', NYTT);
    await server.stop();
    running = undefined;
    await expect(served).resolves.toBeUndefined();
  });
});

/** Resolves once `condition` holds, looking every 10 ms; fails after 10 s. */
async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 10_000) throw new Error('the condition did not hold within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
