import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/http/startServer.js';
import { exampleQuestions } from '../../src/http/explorer/exampleQuestions.js';
import { queryData } from '../support/executeQuery.js';
import { openBrowser } from '../support/openBrowser.js';
import { requestBytes } from '../support/requestBytes.js';
import { startShippedServer } from '../support/startShippedServer.js';

/** What Chromium sends when a person opens a page. */
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

/** The page's document, for the functions that run in the browser (the project's TypeScript has no DOM types). */
declare const document: { querySelector(selector: string): { textContent: string | null } | null };

let server: RunningServer;

beforeAll(async () => {
  ({ server } = await startShippedServer());
});

afterAll(async () => {
  await server?.stop();
});

describe('the GraphQL explorer', () => {
  describe('opened at /graphql in a browser that may reach nothing but this server', () => {
    let browser: Browser;
    let page: Page;
    /** Requests the page tried to send anywhere else: each was refused. */
    const elsewhere: string[] = [];
    const scriptErrors: string[] = [];
    const consoleErrors: string[] = [];

    beforeAll(async () => {
      browser = await openBrowser();
      page = await browser.newPage();
      // A Swedish browser: the tab that sends Accept-Language: en then shows that its header, not the browser's, chose the language.
      const session = await page.createCDPSession();
      await session.send('Emulation.setUserAgentOverride', { userAgent: await browser.userAgent(), acceptLanguage: 'sv' });
      const origin = new URL(server.url).origin;
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        const url = request.url();
        // data: URLs (GraphiQL's fonts) never leave the browser.
        if (url.startsWith('data:') || new URL(url).origin === origin) return void request.continue();
        elsewhere.push(url);
        return void request.abort('blockedbyclient');
      });
      page.on('pageerror', (error) => scriptErrors.push(String(error)));
      // Chromium reports what the Content-Security-Policy refused as console errors.
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
      await page.goto(`${server.url}/graphql`, { waitUntil: 'networkidle0' });
      await page.waitForSelector('.graphiql-tab');
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
    });

    it('opens the README\'s example questions as tabs, named after their operations', async () => {
      const titles = await page.$$eval('.graphiql-tab .graphiql-tab-button', (buttons) => buttons.map((button) => button.textContent?.trim()));
      expect(titles).toEqual(exampleQuestions.map((question) => question.operationName));
    });

    it('runs the first question and shows its answer, the real data, in the result pane', async () => {
      const expected = await queryData(exampleQuestions[0]!.query, { language: 'sv' });
      await runActiveTab(page);
      const answer = await resultText(page, expected.collaboration.administrativePrincipal.name);
      expect(answer).toContain(`"name": "${expected.collaboration.name}"`);
      expect(answer).toContain(`"name": "${expected.collaboration.administrativePrincipal.name}"`);
      expect(answer).toContain(`"code": "${expected.collaboration.administrativePrincipal.code}"`);
    });

    it('sends a question\'s headers with it: Laxå answers in English', async () => {
      const laxa = exampleQuestions.findIndex((question) => question.operationName === 'IsLaxaAMember');
      const expected = await queryData(exampleQuestions[laxa]!.query, { language: 'en' });
      expect(expected.municipality.name).toBe('Laxå Municipality');
      await openTab(page, laxa);
      await runActiveTab(page);
      const answer = await resultText(page, expected.municipality.name);
      expect(answer).toContain(`"name": "${expected.municipality.county.name}"`);
      expect(answer).toContain('"memberships": []');
    });

    it('opens a query given in the address (?query=), as a link to GraphQL over GET would, and runs it', async () => {
      const query = '{ county(code: "18") { name municipalities { name } } }';
      const expected = await queryData(query, { language: 'sv' });
      await page.goto(`${server.url}/graphql?query=${encodeURIComponent(query)}`, { waitUntil: 'networkidle0' });
      await page.waitForFunction((text) => document.querySelector('.graphiql-query-editor')?.textContent?.includes(text), { timeout: 10_000 }, 'county(code: "18")');
      await runActiveTab(page);
      const answer = await resultText(page, expected.county.name);
      for (const municipality of expected.county.municipalities.slice(0, 3)) expect(answer).toContain(`"name": "${municipality.name}"`);
    });

    it('shows the schema\'s documentation, read from this server', async () => {
      await page.click('button[aria-label="Show Documentation Explorer"]');
      await page.waitForFunction(() => document.querySelector('.graphiql-doc-explorer')?.textContent?.includes('Query'), { timeout: 10_000 });
      await page.click('.graphiql-doc-explorer a.graphiql-doc-explorer-type-name');
      await page.waitForFunction(() => document.querySelector('.graphiql-doc-explorer')?.textContent?.includes('collaboration'), { timeout: 10_000 });
    });

    it('opens its settings dialog, whose style the policy admits by the page\'s nonce', async () => {
      await page.click('button[aria-label="Open settings dialog"]');
      await page.waitForSelector('.graphiql-dialog');
      expect(await page.$eval('.graphiql-dialog', (dialog) => dialog.textContent)).toContain('Theme');
      await page.keyboard.press('Escape');
      await page.waitForSelector('.graphiql-dialog', { hidden: true });
    });

    it('sent no request to any other host, nor tried one that its Content-Security-Policy stopped', () => {
      expect(elsewhere).toEqual([]);
      expect(consoleErrors.filter((text) => text.includes('Content Security Policy'))).toEqual([]);
    });

    it('ran without a script error or anything the Content-Security-Policy refused', () => {
      expect(scriptErrors).toEqual([]);
      expect(consoleErrors).toEqual([]);
    });
  });

  describe('over HTTP', () => {
    it('answers a browser\'s GET /graphql with the page, under a policy that allows this origin only', async () => {
      const response = await fetch(`${server.url}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('vary')).toMatch(/\bAccept\b/);
      const html = await response.text();
      const styleNonce = /<meta name="style-nonce" content="([\w-]{22})">/.exec(html)?.[1];
      expect(response.headers.get('content-security-policy')).toBe(
        `default-src 'none'; script-src 'self'; style-src 'self' 'nonce-${styleNonce}'; font-src data:; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
      );
      expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
      expect([...html.matchAll(/<script src="([^"]+)"/g)].map((match) => match[1])).toEqual([
        expect.stringMatching(/^\/explorer\/react-18\.\d+\.\d+\.production\.min\.js$/),
        expect.stringMatching(/^\/explorer\/react-dom-18\.\d+\.\d+\.production\.min\.js$/),
        expect.stringMatching(/^\/explorer\/graphiql-\d+\.\d+\.\d+\.min\.js$/),
        expect.stringMatching(/^\/explorer\/start\.[\w-]+\.js$/),
      ]);
    });

    it('tells caches to keep the page apart from JSON by Accept and never to store it, and browsers neither to sniff its type nor to send its address on', async () => {
      const page = await requestBytes(`${server.url}/graphql`, { accept: BROWSER_ACCEPT });
      expect(page.status).toBe(200);
      expect(page.headers.vary).toBe('Accept, Accept-Encoding');
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.headers['x-content-type-options']).toBe('nosniff');
      expect(page.headers['referrer-policy']).toBe('no-referrer');
    });

    it('keeps answering GraphQL over GET, and GET without an Accept header, with JSON', async () => {
      const query = encodeURIComponent('{ municipality(code: "1883") { name } }');
      const asked = await fetch(`${server.url}/graphql?query=${query}`, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } });
      expect(asked.status).toBe(200);
      expect(await asked.json()).toEqual({ data: { municipality: { name: 'Karlskoga' } } });
      const bare = await fetch(`${server.url}/graphql?query=${query}`, { headers: { 'apollo-require-preflight': 'true' } });
      expect(bare.headers.get('content-type')).toMatch(/json/);
    });

    it('serves every file the page loads from its own path, to be cached for a year', async () => {
      const html = await (await fetch(`${server.url}/graphql`, { headers: { accept: BROWSER_ACCEPT } })).text();
      const paths = [...html.matchAll(/(?:src|href)="(\/explorer\/[^"]+)"/g)].map((match) => match[1]!);
      expect(paths).toHaveLength(6);
      for (const path of paths) {
        const response = await fetch(`${server.url}${path}`);
        expect(response.status, path).toBe(200);
        expect(response.headers.get('content-type'), path).toBe(path.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8');
        expect(response.headers.get('cache-control'), path).toBe('public, max-age=31536000, immutable');
        expect((await response.arrayBuffer()).byteLength, path).toBeGreaterThan(0);
      }
    });

    it('serves every file the page loads with a strong ETag of its bytes, answering If-None-Match with it with 304, and not to be sniffed', async () => {
      const html = (await requestBytes(`${server.url}/graphql`, { accept: BROWSER_ACCEPT })).body.toString();
      const paths = [...html.matchAll(/(?:src|href)="(\/explorer\/[^"]+)"/g)].map((match) => match[1]!);
      expect(paths).toHaveLength(6);
      for (const path of paths) {
        const file = await requestBytes(`${server.url}${path}`);
        expect(file.headers['x-content-type-options'], path).toBe('nosniff');
        const etag = `"${createHash('sha256').update(file.body).digest('base64url').slice(0, 32)}"`;
        expect(file.headers.etag, path).toBe(etag);
        const again = await requestBytes(`${server.url}${path}`, { 'if-none-match': etag });
        expect(again.status, path).toBe(304);
        expect(again.headers.etag, path).toBe(etag);
        expect(again.body.length, path).toBe(0);
      }
    });

    it('answers 404, naming the path, for a file it does not have', async () => {
      const response = await fetch(`${server.url}/explorer/graphiql-0.0.1.min.js`);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: 'No explorer file at /explorer/graphiql-0.0.1.min.js; the explorer itself is opened at /graphql in a browser' });
    });
  });

  describe('its example questions', () => {
    it('are the README\'s questions under "Asking questions", in its order', async () => {
      const blocks = readmeQuestions(await readFile(new URL('../../README.md', import.meta.url), 'utf8'));
      expect(exampleQuestions.map((question) => question.query)).toEqual(blocks.map((block) => block.query));
    });

    it('send Accept-Language: en exactly where the README does', async () => {
      const blocks = readmeQuestions(await readFile(new URL('../../README.md', import.meta.url), 'utf8'));
      expect(exampleQuestions.map((question) => question.headers?.['Accept-Language'] === 'en')).toEqual(blocks.map((block) => block.inEnglish));
    });

    it.each(exampleQuestions.map((question) => [question.operationName, question] as const))('%s answers over the shipped data without an error', async (_name, question) => {
      const data = await queryData(question.query, { language: question.headers?.['Accept-Language'] ?? 'sv' });
      expect(Object.values(data).every((value) => value !== null)).toBe(true);
    });
  });
});

/** Opens the tab at `index` as a person does, and waits until its query is in the editor. */
async function openTab(page: Page, index: number): Promise<void> {
  const tabs = await page.$$('.graphiql-tab .graphiql-tab-button');
  await tabs[index]!.click();
  await page.waitForFunction(
    (operationName) => document.querySelector('.graphiql-query-editor')?.textContent?.includes(`query ${operationName} `),
    { timeout: 10_000 },
    exampleQuestions[index]!.operationName,
  );
}

/** Runs the query of the tab on screen, as a person does: the run button. */
async function runActiveTab(page: Page): Promise<void> {
  await page.click('.graphiql-execute-button');
}

/** The text of the result pane once it shows `expected`; the pane shows JSON as GraphiQL formats it. */
async function resultText(page: Page, expected: string): Promise<string> {
  try {
    await page.waitForFunction((text) => document.querySelector('.result-window')?.textContent?.includes(text), { timeout: 20_000 }, expected);
  } catch (error) {
    const shown = await page.$eval('.result-window', (pane) => pane.textContent);
    throw new Error(`The result pane never showed ${JSON.stringify(expected)}; it shows: ${shown}`, { cause: error });
  }
  return page.$eval('.result-window .CodeMirror-code', (code) => [...code.querySelectorAll('pre.CodeMirror-line')].map((line) => line.textContent).join('\n'));
}

/** The ```graphql blocks of the README's "Asking questions" section, each with whether the paragraph before it ends "with `Accept-Language: en`:". */
function readmeQuestions(readme: string): { query: string; inEnglish: boolean }[] {
  const start = readme.indexOf('\n## Asking questions\n');
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end);
  return [...section.matchAll(/((?:[^\n]+\n)*)\n```graphql\n([\s\S]*?)\n```/g)].map((match) => ({
    query: match[2]!,
    inEnglish: /`Accept-Language: en`:\s*$/.test(match[1]!),
  }));
}
