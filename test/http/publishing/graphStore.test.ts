import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Parser } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collaboration, startPublishingServer, type PublishingServer } from './publishingServer.js';

const run = promisify(execFile);
const GRAPH = 'https://w3id.org/kulturskola/dataset/test-gsp';

/** curl is the client here, as tools that publish to Fuseki or Oxigraph use it; without it this specification cannot run at all. */
const curlPath = (() => {
  try {
    return execFileSync('which', ['curl'], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
})();
if (curlPath === '') throw new Error('The Graph Store Protocol specification drives the server with curl, which is not installed: apt-get install curl');

let server: PublishingServer;
let folder: string;

beforeAll(async () => {
  server = await startPublishingServer();
  folder = mkdtempSync(join(tmpdir(), 'graph-store-'));
});

afterAll(async () => {
  await server?.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('the SPARQL 1.1 Graph Store HTTP Protocol at /graph-store, with curl as the client', () => {
  it('PUT creates the graph: 201', async () => {
    const answer = await curl(['-X', 'PUT', '-H', 'Content-Type: text/turtle', ...bearer(), '--data-binary', `@${file('v1.ttl', collaboration('test-gsp', ['1880']))}`, graphUrl()]);
    expect(answer.status).toBe(201);
    expect(JSON.parse(answer.body)).toMatchObject({ dataset: GRAPH, version: 1, triples: 9, unchanged: false });
  });

  it('PUT replaces it: 200, a new version', async () => {
    const answer = await curl(['-X', 'PUT', '-H', 'Content-Type: text/turtle', ...bearer(), '--data-binary', `@${file('v2.ttl', collaboration('test-gsp', ['1880', '1883']))}`, graphUrl()]);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ version: 2, triples: 13, added: 4, removed: 0 });
  });

  it('GET sends the current content, Turtle by default, with the dataset\'s ETag', async () => {
    const answer = await curl([graphUrl()]);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/turtle; charset=utf-8');
    expect(answer.headers.etag).toBe(server.publisher.state('test-gsp')!.etag);
    const triples = new Parser({ format: 'Turtle' }).parse(answer.body);
    expect(triples).toHaveLength(13);
    expect(triples.some((quad) => quad.object.value === 'https://w3id.org/kulturskola/kommun/1883')).toBe(true);
  });

  it('GET sends N-Triples when Accept asks for it', async () => {
    const answer = await curl(['-H', 'Accept: application/n-triples', graphUrl()]);
    expect(answer.headers['content-type']).toBe('application/n-triples; charset=utf-8');
    expect(answer.body.trim().split('\n')).toHaveLength(13);
  });

  it('HEAD sends the same headers as GET and no body', async () => {
    const get = await curl([graphUrl()]);
    const head = await curl(['-I', graphUrl()]);
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    for (const name of ['content-type', 'content-length', 'etag', 'last-modified']) expect(head.headers[name]).toBe(get.headers[name]);
  });

  it('PUT with the ETag from GET in If-Match succeeds; with a stale one it is 412 and nothing changes', async () => {
    const { etag } = (await curl(['-I', graphUrl()])).headers;
    const stale = await curl(['-X', 'PUT', '-H', 'Content-Type: text/turtle', '-H', 'If-Match: "1-stale"', ...bearer(), '--data-binary', `@${join(folder, 'v1.ttl')}`, graphUrl()]);
    expect(stale.status).toBe(412);
    expect(server.publisher.state('test-gsp')!.version).toBe(2);
    const fresh = await curl(['-X', 'PUT', '-H', 'Content-Type: text/turtle', '-H', `If-Match: ${etag}`, ...bearer(), '--data-binary', `@${join(folder, 'v1.ttl')}`, graphUrl()]);
    expect(fresh.status).toBe(200);
    expect(JSON.parse(fresh.body)).toMatchObject({ version: 3 });
  });

  it('DELETE withdraws the graph: 204; GET and DELETE then answer 404', async () => {
    const deleted = await curl(['-X', 'DELETE', ...bearer(), graphUrl()]);
    expect(deleted.status).toBe(204);
    expect((await curl([graphUrl()])).status).toBe(404);
    expect((await curl(['-X', 'DELETE', ...bearer(), graphUrl()])).status).toBe(404);
  });

  it('answers GET and DELETE of a graph never published with 404', async () => {
    expect((await curl([graphUrl('https://w3id.org/kulturskola/dataset/test-never')])).status).toBe(404);
    expect((await curl(['-X', 'DELETE', ...bearer(), graphUrl('https://w3id.org/kulturskola/dataset/test-never')])).status).toBe(404);
  });

  it('answers PUT without a token with 401 and a bearer challenge', async () => {
    const answer = await curl(['-X', 'PUT', '-H', 'Content-Type: text/turtle', '--data-binary', `@${join(folder, 'v1.ttl')}`, graphUrl()]);
    expect(answer.status).toBe(401);
    expect(answer.headers['www-authenticate']).toBe('Bearer realm="kulturskolegrafen"');
  });

  it('answers POST (merge) with 405, Allow and a message that datasets are replaced with PUT', async () => {
    const answer = await curl(['-X', 'POST', '-H', 'Content-Type: text/turtle', ...bearer(), '--data-binary', `@${join(folder, 'v1.ttl')}`, graphUrl()]);
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('GET, HEAD, PUT, DELETE');
    expect(JSON.parse(answer.body).error).toContain('send all of it with PUT');
  });

  it('answers ?default with 400: the default graph is the union, read-only', async () => {
    const answer = await curl([`${server.url}/graph-store?default`]);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).error).toContain('The default graph is the union of every dataset');
  });

  it('answers a graph IRI that names no dataset with 400, naming the expected form', async () => {
    const answer = await curl(['-X', 'PUT', '-H', 'Content-Type: text/turtle', ...bearer(), '--data-binary', `@${join(folder, 'v1.ttl')}`, graphUrl('http://example.org/my-graph')]);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).error).toBe(
      'The graph <http://example.org/my-graph> is not a dataset of https://w3id.org/kulturskola/; expected ?graph=https://w3id.org/kulturskola/dataset/{slug}, where {slug} is 2–64 lowercase letters, digits and hyphens, starting and ending with a letter or digit.',
    );
  });
});

function graphUrl(graph = GRAPH): string {
  return `${server.url}/graph-store?graph=${encodeURIComponent(graph)}`;
}

function bearer(): string[] {
  return ['-H', `Authorization: Bearer ${server.token.orebro}`];
}

function file(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

/** Runs curl and reads its answer: status, headers (lowercase names) and body. */
async function curl(args: string[]): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const { stdout } = await run(curlPath, ['-sS', '-i', ...args], { encoding: 'utf8' });
  const end = stdout.indexOf('\r\n\r\n');
  const [statusLine, ...lines] = stdout.slice(0, end).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(statusLine!.split(' ')[1]), headers, body: stdout.slice(end + 4) };
}
