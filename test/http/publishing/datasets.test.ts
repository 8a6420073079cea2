import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import jsonld from 'jsonld';
import { Parser } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addToken } from '../../../src/publish/Tokens.js';
import { collaboration, startPublishingServer, type PublishingServer } from './publishingServer.js';

/** A JSON answer, read as far as a specification needs. */
type Json = Record<string, any>;

const DATASET = 'https://w3id.org/kulturskola/dataset/';
const TURTLE = 'text/turtle';
const MAX_BODY_BYTES = 4096;
const CHALLENGE = 'Bearer realm="kulturskolegrafen"';
const INVALID_TOKEN_CHALLENGE = 'Bearer realm="kulturskolegrafen", error="invalid_token"';
/** The N-Triples line of the membership version 2 of test-one adds. */
const KARLSKOGA_MEMBER =
  '<https://w3id.org/kulturskola/samverkan/test-one/medlemskap/1883> <http://www.w3.org/ns/org#member> <https://w3id.org/kulturskola/kommun/1883> .';

let server: PublishingServer;

beforeAll(async () => {
  server = await startPublishingServer({ maxBodyBytes: MAX_BODY_BYTES });
});

afterAll(async () => {
  await server?.close();
});

describe('PUT /datasets/{slug}', () => {
  it('creates a dataset: 201, its IRI, version 1, the triple count, ETag and the version as Location', async () => {
    const response = await put('test-one', collaboration('test-one', ['1880']));
    expect(response.status).toBe(201);
    const body = (await response.json()) as Json;
    expect(body).toEqual({ dataset: `${DATASET}test-one`, version: 1, triples: 9, etag: expect.stringMatching(/^"[^"]+"$/), unchanged: false, added: 9, removed: 0 });
    expect(response.headers.get('etag')).toBe(body.etag);
    expect(response.headers.get('location')).toBe('/datasets/test-one/versions/1');
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });

  it('answers the same content again with 200 and unchanged, making no version', async () => {
    const before = (await json(`/datasets/test-one`)).etag;
    const response = await put('test-one', collaboration('test-one', ['1880']));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ dataset: `${DATASET}test-one`, version: 1, triples: 9, etag: before, unchanged: true, added: 0, removed: 0 });
    expect((await json('/datasets/test-one/versions')).versions).toHaveLength(1);
  });

  it('makes version 2 from a changed body: 200, what was added and removed', async () => {
    const response = await put('test-one', collaboration('test-one', ['1880', '1883']));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ version: 2, triples: 13, unchanged: false, added: 4, removed: 0 });
    expect(response.headers.get('location')).toBe('/datasets/test-one/versions/2');
  });

  it('answers a stale If-Match with 412 and changes nothing', async () => {
    const before = await json('/datasets/test-one');
    const response = await put('test-one', collaboration('test-one', ['1880']), { headers: { 'If-Match': '"1-stale"' } });
    expect(response.status).toBe(412);
    expect(await response.json()).toMatchObject({ code: 'PRECONDITION_FAILED', error: expect.stringContaining('If-Match') });
    expect(await json('/datasets/test-one')).toEqual(before);
  });

  it('accepts the current ETag in If-Match', async () => {
    const { etag } = await json('/datasets/test-one');
    const response = await put('test-one', collaboration('test-one', ['1880', '1883'], 'Testsamverkan med ny etikett'), { headers: { 'If-Match': etag } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ version: 3, added: 1, removed: 1 });
  });

  it('answers If-None-Match: * with 412 once the dataset exists', async () => {
    const response = await put('test-one', collaboration('test-one', ['1880']), { headers: { 'If-None-Match': '*' } });
    expect(response.status).toBe(412);
    expect((await json('/datasets/test-one')).version).toBe(3);
  });

  it('answers 401 with a bearer challenge without a token, with a malformed header, and (invalid_token) with an unknown token', async () => {
    const cases: [Record<string, string>, string][] = [
      [{}, CHALLENGE],
      [{ Authorization: 'Basic dXNlcjpwYXNz' }, CHALLENGE],
      [{ Authorization: 'Bearer' }, CHALLENGE],
      [{ Authorization: 'Bearer ksg_not-a-token-anyone-has' }, INVALID_TOKEN_CHALLENGE],
    ];
    for (const [headers, challenge] of cases) {
      const response = await fetch(`${server.url}/datasets/test-two`, { method: 'PUT', headers: { 'Content-Type': TURTLE, ...headers }, body: collaboration('test-two', ['1880']) });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe(challenge);
      expect(await response.json()).toMatchObject({ code: 'UNAUTHORIZED', error: expect.any(String) });
    }
    expect((await fetch(`${server.url}/datasets/test-two`)).status).toBe(404);
  });

  it('answers 403 to a token for other datasets', async () => {
    const response = await put('test-two', collaboration('test-two', ['1880']), { token: server.token.vastmanland });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ code: 'FORBIDDEN', error: 'The token of Regional kulturskola Västmanland may write vastmanland-*, not the dataset "test-two".' });
  });

  it('answers 400 to a slug that cannot name a dataset, before looking at the token', async () => {
    const response = await fetch(`${server.url}/datasets/Test_Two`, { method: 'PUT', headers: { 'Content-Type': TURTLE }, body: 'x' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'BAD_REQUEST', error: expect.stringContaining('"Test_Two" is no dataset name') });
  });

  it('answers 415 to a media type it does not read', async () => {
    const response = await put('test-two', 'just text', { contentType: 'text/plain' });
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('answers 415 to a compressed body', async () => {
    const response = await put('test-two', collaboration('test-two', ['1880']), { headers: { 'Content-Encoding': 'gzip' } });
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', error: expect.stringContaining('Content-Encoding "gzip"') });
  });

  it('answers 413 naming the limit when Content-Length announces too long a body, and closes the connection', async () => {
    const response = await put('test-two', `${collaboration('test-two', ['1880'])}${'#'.repeat(MAX_BODY_BYTES)}\n`);
    expect(response.status).toBe(413);
    expect(response.headers.get('connection')).toBe('close');
    expect(await response.json()).toMatchObject({ code: 'TOO_LARGE', error: expect.stringContaining(`limit of ${MAX_BODY_BYTES} bytes`) });
  });

  it('answers 413 when a body of unannounced length runs past the limit', async () => {
    const chunk = new TextEncoder().encode(`# ${'x'.repeat(1000)}\n`);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 10) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await fetch(`${server.url}/datasets/test-two`, {
      method: 'PUT',
      headers: { 'Content-Type': TURTLE, Authorization: `Bearer ${server.token.orebro}` },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: 'TOO_LARGE', error: `The request body is longer than the limit of ${MAX_BODY_BYTES} bytes for writes` });
  });

  it('answers 400 to a syntax error, naming the line', async () => {
    const body = ['@prefix org: <http://www.w3.org/ns/org#> .', '<https://w3id.org/kulturskola/samverkan/x> a org:OrganizationalCollaboration .', '<https://w3id.org/kulturskola/samverkan/x> org:memberOf .', ''].join('\n');
    const response = await put('test-two', body);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'SYNTAX_ERROR', line: 3 });
  });

  it('answers 422 with the SHACL report as JSON when a collaboration has no Swedish name', async () => {
    const response = await put('test-two', collaboration('test-two', ['1880']).replace('"Testsamverkan"@sv , ', ''));
    expect(response.status).toBe(422);
    const body = (await response.json()) as Json;
    expect(body).toMatchObject({ code: 'NOT_CONFORMING', report: { conforms: false, check: 'shacl' } });
    expect(body.report.results).toContainEqual(
      expect.objectContaining({ focusNode: 'https://w3id.org/kulturskola/samverkan/test-two', severity: 'Violation', message: 'Needs a skos:prefLabel in Swedish (sv)' }),
    );
    expect((await fetch(`${server.url}/datasets/test-two`)).status).toBe(404);
  });

  it('answers 422 with a Turtle sh:ValidationReport when Accept prefers text/turtle', async () => {
    const response = await put('test-two', collaboration('test-two', ['1880']).replace('"Testsamverkan"@sv , ', ''), { headers: { Accept: 'text/turtle, application/json;q=0.5' } });
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toBe('text/turtle; charset=utf-8');
    const quads = new Parser().parse(await response.text());
    const SH = 'http://www.w3.org/ns/shacl#';
    const report = quads.find((quad) => quad.predicate.value === 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type' && quad.object.value === `${SH}ValidationReport`);
    expect(report).toBeDefined();
    expect(quads.find((quad) => quad.subject.equals(report!.subject) && quad.predicate.value === `${SH}conforms`)?.object.value).toBe('false');
    expect(quads.some((quad) => quad.predicate.value === `${SH}focusNode` && quad.object.value === 'https://w3id.org/kulturskola/samverkan/test-two')).toBe(true);
  });
});

describe('POST /datasets/{slug}/validate', () => {
  it('answers 200 with conforms and the triple count, and publishes nothing', async () => {
    const response = await post('/datasets/test-three/validate', collaboration('test-three', ['1880', '1883']));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ conforms: true, triples: 13 });
    expect((await fetch(`${server.url}/datasets/test-three`)).status).toBe(404);
  });

  it('answers 422 with the report for a body that does not conform', async () => {
    const response = await post('/datasets/test-three/validate', collaboration('test-three', ['1880']).replace('"Testsamverkan"@sv , ', ''));
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ code: 'NOT_CONFORMING', report: { conforms: false } });
  });

  it('needs a token too', async () => {
    const response = await fetch(`${server.url}/datasets/test-three/validate`, { method: 'POST', headers: { 'Content-Type': TURTLE }, body: collaboration('test-three', ['1880']) });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(CHALLENGE);
  });
});

describe('reading datasets', () => {
  it('lists every dataset with its state and links, the shipped ones first published by seed', async () => {
    const { datasets } = await json('/datasets');
    expect(datasets.map((state: { slug: string }) => state.slug)).toEqual(expect.arrayContaining(['kommuner', 'orebro-lan', 'test-one']));
    expect(datasets.find((state: { slug: string }) => state.slug === 'orebro-lan')).toMatchObject({ dataset: `${DATASET}orebro-lan`, version: 1, publisher: 'seed', withdrawn: false });
  });

  it('describes one dataset with links to its versions, its current version and its graph in the Graph Store', async () => {
    expect(await json('/datasets/test-one')).toMatchObject({
      slug: 'test-one',
      dataset: `${DATASET}test-one`,
      version: 3,
      triples: 13,
      withdrawn: false,
      publisher: 'Region Örebro län',
      links: {
        self: '/datasets/test-one',
        versions: '/datasets/test-one/versions',
        current: '/datasets/test-one/versions/3',
        graphStore: `/graph-store?graph=${encodeURIComponent(`${DATASET}test-one`)}`,
      },
    });
  });

  it('answers 404 for a dataset never published', async () => {
    const response = await fetch(`${server.url}/datasets/never-published`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lists the versions: number, time, publisher, activity, triples, content hash, added and removed', async () => {
    const history = await json('/datasets/test-one/versions');
    expect(history.dataset).toBe(`${DATASET}test-one`);
    expect(history.versions).toEqual([
      { version: 1, created: expect.any(String), publisher: 'Region Örebro län', activity: 'publish', triples: 9, sha256: expect.stringMatching(/^[0-9a-f]{64}$/), added: 9, removed: 0, href: '/datasets/test-one/versions/1' },
      { version: 2, created: expect.any(String), publisher: 'Region Örebro län', activity: 'publish', triples: 13, sha256: expect.stringMatching(/^[0-9a-f]{64}$/), added: 4, removed: 0, href: '/datasets/test-one/versions/2' },
      { version: 3, created: expect.any(String), publisher: 'Region Örebro län', activity: 'publish', triples: 13, sha256: expect.stringMatching(/^[0-9a-f]{64}$/), added: 1, removed: 1, href: '/datasets/test-one/versions/3' },
    ]);
    expect(Date.parse(history.versions[0].created)).not.toBeNaN();
  });
});

describe('GET /datasets/{slug}/versions/{n}', () => {
  it('sends N-Triples whose SHA-256 is the version\'s content hash and its strong ETag, cached for good', async () => {
    const { versions } = await json('/datasets/test-one/versions');
    const response = await fetch(`${server.url}/datasets/test-one/versions/2`, { headers: { Accept: 'application/n-triples' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/n-triples; charset=utf-8');
    const body = await response.text();
    expect(createHash('sha256').update(body).digest('hex')).toBe(versions[1].sha256);
    expect(response.headers.get('etag')).toBe(`"${versions[1].sha256}"`);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(body.split('\n')).toContain(KARLSKOGA_MEMBER);
  });

  it.each([
    ['Turtle', 'text/turtle'],
    ['JSON-LD', 'application/ld+json'],
    ['N-Quads', 'application/n-quads'],
    ['RDF/XML', 'application/rdf+xml'],
  ])('sends %s that reads back as the same triples', async (_, mediaType) => {
    const expected = await triplesOf(await (await fetch(`${server.url}/datasets/test-one/versions/2`, { headers: { Accept: 'application/n-triples' } })).text(), 'application/n-triples');
    const response = await fetch(`${server.url}/datasets/test-one/versions/2`, { headers: { Accept: mediaType } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')?.split(';')[0]).toBe(mediaType);
    expect(response.headers.get('vary')).toContain('Accept');
    expect(await triplesOf(await response.text(), mediaType)).toEqual(expected);
  });

  it('puts N-Quads in the dataset\'s graph', async () => {
    const response = await fetch(`${server.url}/datasets/test-one/versions/1`, { headers: { Accept: 'application/n-quads' } });
    const graphs = new Set(new Parser({ format: 'N-Quads' }).parse(await response.text()).map((quad) => quad.graph.value));
    expect([...graphs]).toEqual([`${DATASET}test-one`]);
  });

  it('answers If-None-Match with its ETag with 304', async () => {
    const first = await fetch(`${server.url}/datasets/test-one/versions/1`);
    const response = await fetch(`${server.url}/datasets/test-one/versions/1`, { headers: { 'If-None-Match': first.headers.get('etag')! } });
    expect(response.status).toBe(304);
  });

  it('answers 406 when nothing acceptable is offered, listing what is', async () => {
    const response = await fetch(`${server.url}/datasets/test-one/versions/1`, { headers: { Accept: 'image/png' } });
    expect(response.status).toBe(406);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('etag')).toBeNull();
    expect(await response.json()).toMatchObject({ code: 'NOT_ACCEPTABLE', error: expect.stringContaining('text/turtle') });
  });

  it('answers 404 for a version that does not exist and 400 for one that is not a number', async () => {
    expect((await fetch(`${server.url}/datasets/test-one/versions/99`)).status).toBe(404);
    const response = await fetch(`${server.url}/datasets/test-one/versions/first`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'BAD_REQUEST', error: 'The version number must be a whole number from 1, but got "first"' });
  });
});

describe('GET /datasets/{slug}/diff', () => {
  it('lists the triples added and removed between two versions', async () => {
    const diff = await json('/datasets/test-one/diff?from=1&to=2');
    expect(diff.from).toBe(1);
    expect(diff.to).toBe(2);
    expect(diff.removed).toEqual([]);
    expect(diff.added).toHaveLength(4);
    expect(diff.added).toContain(KARLSKOGA_MEMBER);
  });

  it('answers 400 without both version numbers', async () => {
    const response = await fetch(`${server.url}/datasets/test-one/diff?from=1`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'The to must be a whole number from 1, but got nothing' });
  });
});

describe('POST /datasets/{slug}/rollback', () => {
  it('makes a new version with the content of the one named, answered like a PUT', async () => {
    const response = await post('/datasets/test-one/rollback', JSON.stringify({ version: 1 }), 'application/json');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ dataset: `${DATASET}test-one`, version: 4, triples: 9, unchanged: false, added: 1, removed: 5 });
    expect(response.headers.get('location')).toBe('/datasets/test-one/versions/4');
    const { versions } = await json('/datasets/test-one/versions');
    expect(versions[3]).toMatchObject({ version: 4, activity: 'rollback', restores: 1, sha256: versions[0].sha256 });
  });

  it('answers 400 to a body that names no version, and 415 to one that is not JSON', async () => {
    const bad = await post('/datasets/test-one/rollback', JSON.stringify({ version: 'one' }), 'application/json');
    expect(bad.status).toBe(400);
    const form = await post('/datasets/test-one/rollback', 'version=1', 'application/x-www-form-urlencoded');
    expect(form.status).toBe(415);
  });
});

describe('DELETE /datasets/{slug}', () => {
  it('withdraws the dataset: 204, no longer current, its history kept and the withdrawal version gone (410)', async () => {
    await put('test-four', collaboration('test-four', ['1880']));
    const response = await fetch(`${server.url}/datasets/test-four`, { method: 'DELETE', headers: { Authorization: `Bearer ${server.token.orebro}` } });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect(await json('/datasets/test-four')).toMatchObject({ withdrawn: true, version: 2, triples: 0, links: { current: null } });
    const { versions } = await json('/datasets/test-four/versions');
    expect(versions.map((record: { activity: string }) => record.activity)).toEqual(['publish', 'withdraw']);
    expect((await fetch(`${server.url}/datasets/test-four/versions/1`)).status).toBe(200);
    const gone = await fetch(`${server.url}/datasets/test-four/versions/2`);
    expect(gone.status).toBe(410);
    expect(await gone.json()).toMatchObject({ code: 'GONE' });
  });

  it('answers 401 without a token and keeps the dataset', async () => {
    const response = await fetch(`${server.url}/datasets/test-one`, { method: 'DELETE' });
    expect(response.status).toBe(401);
    expect((await json('/datasets/test-one')).withdrawn).toBe(false);
  });
});

describe('every answer', () => {
  it('names the data version it comes from in Data-Version, and a write\'s answer the version it made', async () => {
    const read = await fetch(`${server.url}/datasets`);
    expect(read.headers.get('data-version')).toContain('test-one@4');
    const refused = await fetch(`${server.url}/datasets/test-one`, { method: 'DELETE' });
    expect(refused.headers.get('data-version')).toContain('test-one@4');
    const written = await put('test-one', collaboration('test-one', ['1880', '1883']));
    expect(written.headers.get('data-version')).toContain('test-one@5');
  });

  it('answers other methods with 405 and Allow', async () => {
    const response = await fetch(`${server.url}/datasets/test-one/versions`, { method: 'POST' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });
});

describe('what a client sees in each answer\'s details', () => {
  const OREBRO = `${DATASET}orebro-lan`;
  /** An answer's JSON body: an error message and, on some, a code. */
  const bodyOf = async (response: Response) => (await response.json()) as { error: string; code?: string };

  it('sends nosniff, and no-store where the route sets no caching of its own', async () => {
    const response = await fetch(`${server.url}/datasets`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('names the slug in a 404, and cuts a long bad slug or version number in a 400', async () => {
    expect(await (await fetch(`${server.url}/datasets/never-published`)).json()).toMatchObject({ error: 'No dataset is published as never-published' });
    const slug = await bodyOf(await fetch(`${server.url}/datasets/${'a'.repeat(100)}`));
    expect(slug.error).toMatch(new RegExp(`^"a{80}" is no dataset name`));
    const version = await bodyOf(await fetch(`${server.url}/datasets/orebro-lan/versions/${'x'.repeat(50)}`));
    expect(version.error).toBe(`The version number must be a whole number from 1, but got "${'x'.repeat(40)}"`);
    const list = await bodyOf(await fetch(`${server.url}/datasets/orebro-lan/diff?from=1&from=2&to=1`));
    expect(list.error).toBe('The from must be a whole number from 1, but got a list');
  });

  it('takes one ?format=, refuses it twice or unknown with 400', async () => {
    const once = await fetch(`${server.url}/datasets/orebro-lan/versions/1?format=nt`);
    expect(once.status).toBe(200);
    expect(once.headers.get('content-type')).toBe('application/n-triples; charset=utf-8');
    const twice = await fetch(`${server.url}/datasets/orebro-lan/versions/1?format=nt&format=ttl`);
    expect(twice.status).toBe(400);
    expect((await bodyOf(twice)).error).toContain('Give ?format once, as one of: ttl (text/turtle), nt (application/n-triples)');
    expect((await fetch(`${server.url}/datasets/orebro-lan/versions/1?format=xyz`)).status).toBe(400);
  });

  it('says what a refused rollback body was', async () => {
    const prefix = 'A rollback\'s body is JSON, {"version": n}, sent as application/json, not ';
    const form = await post('/datasets/orebro-lan/rollback', 'version=1', 'application/x-www-form-urlencoded');
    expect((await bodyOf(form)).error).toBe(`${prefix}"application/x-www-form-urlencoded"`);
    const long = await post('/datasets/orebro-lan/rollback', 'version=1', `application/${'x'.repeat(80)}`);
    expect((await bodyOf(long)).error).toBe(`${prefix}"${`application/${'x'.repeat(80)}`.slice(0, 60)}"`);
    const none = await fetch(`${server.url}/datasets/orebro-lan/rollback`, { method: 'POST', headers: { Authorization: `Bearer ${server.token.orebro}` } });
    expect(none.status).toBe(415);
    expect((await bodyOf(none)).error).toBe(`${prefix}without a Content-Type`);
    const notJson = await post('/datasets/orebro-lan/rollback', '{version', 'application/json');
    expect(notJson.status).toBe(400);
    expect((await bodyOf(notJson)).error).toMatch(/^The body is not JSON: /);
    const noVersion = await post('/datasets/orebro-lan/rollback', '{"version": 0}', 'application/json');
    expect((await bodyOf(noVersion)).error).toBe('A rollback\'s body names the version to restore as {"version": n}, n a whole number from 1');
  });

  it('answers a method not offered with the code METHOD_NOT_ALLOWED and what the path answers', async () => {
    const versions = await fetch(`${server.url}/datasets/orebro-lan/versions`, { method: 'POST' });
    expect(await versions.json()).toEqual({ code: 'METHOD_NOT_ALLOWED', error: '/datasets/{slug}/versions answers GET, HEAD.' });
    const merge = await fetch(`${server.url}/graph-store?graph=${encodeURIComponent(OREBRO)}`, { method: 'POST', headers: { Authorization: `Bearer ${server.token.orebro}` } });
    expect((await bodyOf(merge)).code).toBe('METHOD_NOT_ALLOWED');
    const patch = await fetch(`${server.url}/graph-store?graph=${encodeURIComponent(OREBRO)}`, { method: 'PATCH', headers: { Authorization: `Bearer ${server.token.orebro}` } });
    expect(patch.status).toBe(405);
    expect(patch.headers.get('allow')).toBe('GET, HEAD, PUT, DELETE');
    expect(await patch.json()).toEqual({ code: 'METHOD_NOT_ALLOWED', error: '/graph-store answers GET, HEAD, PUT, DELETE.' });
  });

  it('says a graph never published is not published, without more', async () => {
    const response = await fetch(`${server.url}/graph-store?graph=${encodeURIComponent(`${DATASET}test-never`)}`);
    expect(response.status).toBe(404);
    expect((await bodyOf(response)).error).toBe(`The graph <${DATASET}test-never> is not published`);
  });
});

describe('the tokens file', () => {
  it('is read again when a token is added, without a restart', async () => {
    const token = addToken(server.tokensFile, { publisher: 'Nytt förbund', datasets: ['test-five'] });
    const response = await put('test-five', collaboration('test-five', ['1880']), { token });
    expect(response.status).toBe(201);
    expect((await json('/datasets/test-five')).publisher).toBe('Nytt förbund');
  });

  it('keeps no token and logs none: neither the Authorization header nor any token reaches the log', async () => {
    expect(server.log()).toContain('"path":"/datasets/test-one"');
    for (const token of Object.values(server.token)) expect(server.log()).not.toContain(token.slice(4));
    expect(server.log()).not.toMatch(/authorization|bearer|ksg_/i);
  });

  it('logs no token when the tokens file breaks, and refuses writes with 503 until it is fixed', async () => {
    writeFileSync(server.tokensFile, '{"tokens": [');
    const response = await put('test-one', collaboration('test-one', ['1880']));
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ code: 'UNAVAILABLE' });
    expect(server.log()).toContain('the tokens file cannot be read');
    expect(server.log()).toContain(`"tokensFile":${JSON.stringify(server.tokensFile)}`);
    expect(server.log()).not.toMatch(/authorization|bearer|ksg_/i);
  });
});

/** PUT with the Örebro token unless another is given; Turtle unless another type is. */
function put(slug: string, body: string, options: { token?: string; contentType?: string; headers?: Record<string, string> } = {}): Promise<Response> {
  return fetch(`${server.url}/datasets/${slug}`, {
    method: 'PUT',
    headers: { 'Content-Type': options.contentType ?? TURTLE, Authorization: `Bearer ${options.token ?? server.token.orebro}`, ...options.headers },
    body,
  });
}

function post(path: string, body: string, contentType = TURTLE): Promise<Response> {
  return fetch(`${server.url}${path}`, { method: 'POST', headers: { 'Content-Type': contentType, Authorization: `Bearer ${server.token.orebro}` }, body });
}

async function json(path: string): Promise<Json> {
  const response = await fetch(`${server.url}${path}`);
  expect(response.status).toBe(200);
  return (await response.json()) as Json;
}

/** The triples a representation holds, graph dropped, as sorted N-Triples lines. */
async function triplesOf(text: string, mediaType: string): Promise<string[]> {
  if (mediaType === 'application/ld+json') {
    const nquads = (await jsonld.toRDF(JSON.parse(text), { format: 'application/n-quads', safe: true } as jsonld.Options.ToRdf)) as unknown as string;
    return triplesOf(nquads, 'application/n-quads');
  }
  if (mediaType === 'application/rdf+xml') {
    const oxigraph = await import('oxigraph');
    const store = new oxigraph.Store();
    store.load(text, { format: 'application/rdf+xml', base_iri: 'https://w3id.org/kulturskola/' });
    return triplesOf(store.dump({ format: 'application/n-triples', from_graph_name: oxigraph.defaultGraph() }), 'application/n-triples');
  }
  const format = mediaType === 'text/turtle' ? 'Turtle' : mediaType === 'application/n-quads' ? 'N-Quads' : 'N-Triples';
  const quads = new Parser({ format }).parse(text);
  return [...new Set(quads.map((quad) => `${termText(quad.subject)} ${termText(quad.predicate)} ${termText(quad.object)} .`))].sort();
}

function termText(term: { termType: string; value: string; language?: string; datatype?: { value: string } }): string {
  if (term.termType === 'NamedNode') return `<${term.value}>`;
  if (term.termType === 'BlankNode') return `_:${term.value}`;
  const suffix = term.language ? `@${term.language}` : term.datatype && term.datatype.value !== 'http://www.w3.org/2001/XMLSchema#string' ? `^^<${term.datatype.value}>` : '';
  return `${JSON.stringify(term.value)}${suffix}`;
}
