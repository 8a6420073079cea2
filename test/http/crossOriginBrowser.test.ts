import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collaboration } from './publishing/publishingServer.js';
import { openBrowser } from '../support/openBrowser.js';
import { startServerWithPublishing, type ServerWithPublishing } from '../support/startServerWithPublishing.js';

/** The page's document, for the functions that run in the browser (the project's TypeScript has no DOM types). */
declare const document: { querySelector(selector: string): { textContent: string | null } | null; body: { innerText: string } };

/** What a fetch in the page came to: the answer as the page's script can read it, or the error it threw. */
type Fetched = { status: number; headers: Record<string, string | null>; text: string } | { error: string };

/** The SPARQL row cap of this server, so that a small SELECT is cut and says so. */
const MAX_ROWS = 5;
/** In Swedish whatever the browser's Accept-Language (Chromium's is English). */
const KARLSKOGA_QUERY = '{ municipality(code: "1883") { name(lang: "sv") } }';
/** The response headers a script on another origin reads here; all but Content-Type need Access-Control-Expose-Headers. */
const READ_HEADERS = ['content-type', 'etag', 'link', 'x-sparql-truncated', 'x-sparql-maxrows', 'data-version', 'location'];

let api: ServerWithPublishing;
/** A page on an origin listed in CORS_WRITE_ORIGINS, and one on an origin that is not. */
let listedSite: Site;
let unlistedSite: Site;
let browser: Browser;
let listedPage: Page;
let unlistedPage: Page;

beforeAll(async () => {
  [listedSite, unlistedSite] = await Promise.all([startSite(), startSite()]);
  api = await startServerWithPublishing({ corsWriteOrigins: [listedSite.origin], sparql: { maxRows: MAX_ROWS, workers: 1 } });
  browser = await openBrowser();
  [listedPage, unlistedPage] = await Promise.all([openSite(listedSite), openSite(unlistedSite)]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
  await Promise.all([listedSite, unlistedSite].map((site) => site && new Promise((resolve) => site.server.close(resolve))));
});

describe('a page on another origin, in Chromium', () => {
  describe('reads', () => {
    it('POSTs a GraphQL query as application/json (a preflighted request) and reads the data', async () => {
      const answer = expectAnswer(await fetchInPage(unlistedPage, `${api.server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: KARLSKOGA_QUERY }) }));
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.text)).toEqual({ data: { municipality: { name: 'Karlskoga' } } });
      expect(answer.headers['data-version']).toMatch(/^[0-9a-f]+$/);
    });

    it("shows what its own script fetched from the API: the person sees Karlskoga's name", async () => {
      await unlistedPage.evaluate(`window.showMunicipality(${JSON.stringify(api.server.url)}, '1883')`);
      await unlistedPage.waitForFunction(() => document.querySelector('#name')?.textContent !== '');
      expect(await unlistedPage.evaluate(() => document.body.innerText)).toMatch(/^Kommun: Karlskoga$/m);
    });

    it('GETs /sparql as SPARQL JSON and reads the solutions and that the answer was cut (X-SPARQL-Truncated, X-SPARQL-MaxRows)', async () => {
      const query = 'SELECT ?m WHERE { ?m a <https://w3id.org/kulturskola/def#Municipality> } ORDER BY ?m';
      const answer = expectAnswer(await fetchInPage(unlistedPage, `${api.server.url}/sparql?query=${encodeURIComponent(query)}`, { headers: { accept: 'application/sparql-results+json' } }));
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toMatch(/^application\/sparql-results\+json/);
      expect(JSON.parse(answer.text).results.bindings).toHaveLength(MAX_ROWS);
      expect([answer.headers['x-sparql-truncated'], answer.headers['x-sparql-maxrows']]).toEqual(['true', String(MAX_ROWS)]);
    });

    it('GETs a resource as JSON-LD and reads it, its ETag and its Link to the catalogue', async () => {
      const answer = expectAnswer(await fetchInPage(unlistedPage, `${api.server.url}/kommun/1883`, { headers: { accept: 'application/ld+json' } }));
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toMatch(/^application\/ld\+json/);
      expect(answer.text).toContain('Karlskoga');
      expect(answer.headers.etag).toMatch(/^(W\/)?"[^"]+"$/);
      expect(answer.headers.link).toMatch(/<[^>]*\/catalog>; rel="describedby"/);
    });

    it('sends If-None-Match (a preflighted header) and is answered 304 for the same resource', async () => {
      const first = expectAnswer(await fetchInPage(unlistedPage, `${api.server.url}/kommun/1883`, { headers: { accept: 'application/ld+json' } }));
      const again = expectAnswer(await fetchInPage(unlistedPage, `${api.server.url}/kommun/1883`, { headers: { accept: 'application/ld+json', 'if-none-match': first.headers.etag! }, cache: 'no-store' }));
      expect(again.status).toBe(304);
    });
  });

  describe('writes (publishing with a token)', () => {
    it('from an origin listed in CORS_WRITE_ORIGINS succeed: PUT creates the dataset, and the page reads the answer and Location', async () => {
      const answer = expectAnswer(await fetchInPage(listedPage, `${api.server.url}/datasets/test-browser`, put('test-browser', api.token)));
      expect(answer.status).toBe(201);
      expect(JSON.parse(answer.text)).toMatchObject({ dataset: 'https://w3id.org/kulturskola/dataset/test-browser', version: 1 });
      expect(answer.headers.location).toBe('/datasets/test-browser/versions/1');
      expect(await datasetVersion('test-browser')).toBe(1);
    });

    it('from an origin not listed fail in the browser (TypeError: the preflight allows no PUT) and nothing is written', async () => {
      const outcome = await fetchInPage(unlistedPage, `${api.server.url}/datasets/test-unlisted`, put('test-unlisted', api.token));
      expect(outcome).toEqual({ error: expect.stringMatching(/^TypeError: Failed to fetch/) });
      expect(await datasetVersion('test-unlisted')).toBeNull();
    });

    it('from an origin not listed cannot withdraw a dataset either', async () => {
      const outcome = await fetchInPage(unlistedPage, `${api.server.url}/datasets/test-browser`, { method: 'DELETE', headers: { authorization: `Bearer ${api.token}` } });
      expect(outcome).toEqual({ error: expect.stringMatching(/^TypeError/) });
      expect(await datasetVersion('test-browser')).toBe(1);
    });

    it('from an origin not listed cannot send a token with a POST (validate) either', async () => {
      const outcome = await fetchInPage(unlistedPage, `${api.server.url}/datasets/test-browser/validate`, { ...put('test-browser', api.token), method: 'POST' });
      expect(outcome).toEqual({ error: expect.stringMatching(/^TypeError/) });
    });
  });

  describe("GraphQL's CSRF protection", () => {
    it.each(['application/x-www-form-urlencoded', 'text/plain'])('refuses a simple cross-origin POST as %s (no preflight) with 400, which the page can read', async (contentType) => {
      const body = contentType === 'text/plain' ? JSON.stringify({ query: KARLSKOGA_QUERY }) : `query=${encodeURIComponent(KARLSKOGA_QUERY)}`;
      const answer = expectAnswer(await fetchInPage(unlistedPage, `${api.server.url}/graphql`, { method: 'POST', headers: { 'content-type': contentType }, body }));
      expect(answer.status).toBe(400);
      expect(answer.text).toContain('Cross-Site Request Forgery');
      expect(answer.text).not.toContain('Karlskoga');
    });

    it('refuses an HTML form posted to /graphql from the other origin: the person sees the refusal, not data', async () => {
      const page = await browser.newPage();
      try {
        await page.goto(`${unlistedSite.origin}/form?api=${encodeURIComponent(api.server.url)}`);
        const [navigation] = await Promise.all([page.waitForNavigation(), page.click('button')]);
        expect(navigation?.status()).toBe(400);
        const shown = await page.evaluate(() => document.body.innerText);
        expect(shown).toContain('Cross-Site Request Forgery');
        expect(shown).not.toContain('Karlskoga');
      } finally {
        await page.close();
      }
    });
  });
});

// ---------------------------------------------------------------- helpers

/** A tiny web site on its own 127.0.0.1 port: another origin than the API's. */
interface Site {
  server: Server;
  origin: string;
}

/** The client page: a script that shows a municipality fetched from the API; /form, an HTML form that posts a query to the API's /graphql. */
function startSite(): Promise<Site> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://site');
    const html = url.pathname === '/form' ? formPage(url.searchParams.get('api') ?? '') : clientPage();
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(html);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
  });
}

function clientPage(): string {
  return `<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>En annan webbplats</title></head>
<body>
<h1>En annan webbplats</h1>
<p>Kommun: <output id="name"></output></p>
<script>
  window.showMunicipality = async (api, code) => {
    const response = await fetch(api + '/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query ($code: String!) { municipality(code: $code) { name(lang: "sv") } }', variables: { code } }),
    });
    const { data } = await response.json();
    document.querySelector('#name').textContent = data.municipality.name;
  };
</script>
</body></html>`;
}

function formPage(api: string): string {
  const action = `${api}/graphql`.replace(/"/g, '&quot;');
  const query = KARLSKOGA_QUERY.replace(/"/g, '&quot;');
  return `<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>Ett formulär</title></head>
<body><form method="post" action="${action}"><input type="hidden" name="query" value="${query}"><button type="submit">Skicka</button></form></body></html>`;
}

async function openSite(site: Site): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${site.origin}/`);
  return page;
}

/** Runs fetch(url, init) in the page, as its own script would, and returns what the script can read of the answer or the error it got. */
function fetchInPage(page: Page, url: string, init: Record<string, unknown>): Promise<Fetched> {
  return page.evaluate(
    async (url, init, names) => {
      try {
        const response = await fetch(url, init);
        const headers: Record<string, string | null> = {};
        for (const name of names) headers[name] = response.headers.get(name);
        return { status: response.status, headers, text: await response.text() };
      } catch (error) {
        return { error: String(error) };
      }
    },
    url,
    init,
    READ_HEADERS,
  );
}

function expectAnswer(fetched: Fetched): Extract<Fetched, { status: number }> {
  if ('error' in fetched) expect.fail(`the page's fetch failed: ${fetched.error}`);
  return fetched;
}

/** A PUT of a small conforming dataset as `slug`, with the token. */
function put(slug: string, token: string): Record<string, unknown> {
  return { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/turtle' }, body: collaboration(slug, ['1880']) };
}

/** The dataset's current version as the API states it (read from here, not the browser), or null when it is not published. */
async function datasetVersion(slug: string): Promise<number | null> {
  const response = await fetch(`${api.server.url}/datasets/${slug}`);
  if (response.status === 404) return null;
  return ((await response.json()) as { version: number }).version;
}
