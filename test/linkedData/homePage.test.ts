import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFactory, Parser, type NamedNode, type Store } from 'n3';
import { pino } from 'pino';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML_CONTENT_SECURITY_POLICY } from '../../src/http/linkedData/htmlDocument.js';
import { openPublishedData } from '../../src/http/openPublishedData.js';
import { startServer, type RunningServer } from '../../src/http/startServer.js';
import type { Publisher } from '../../src/publish/Publisher.js';
import { dataPath } from '../../src/rdf/dataPath.js';
import { loadDataDirectory } from '../../src/rdf/loadDataDirectory.js';
import { dcat, dcterms, kg, ks, org, prov, rdf, skos } from '../../src/rdf/vocabulary.js';
import { openBrowser } from '../support/openBrowser.js';
import { watchPage, type WatchedPage } from '../support/watchPage.js';

// The server as `npm start` runs it: the shipped data seeded into a store, so every dataset has a version.
let folder: string;
let server: RunningServer;
let publisher: Publisher;
let closePublishing: () => Promise<void>;
let reference: Store;
let browser: Browser;

const COLLABORATION = DataFactory.namedNode('https://w3id.org/kulturskola/samverkan/orebro-lan');

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'kulturskolegrafen-home-'));
  const published = await openPublishedData({ storeDirectory: join(folder, 'store'), logger: pino({ level: 'silent' }) });
  publisher = published.publisher;
  closePublishing = published.close;
  server = await startServer({ ...published.served, logger: pino({ level: 'silent' }), host: '127.0.0.1', port: 0 });
  reference = (await loadDataDirectory(dataPath('graphs'))).store;
  browser = await openBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await closePublishing?.();
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('the home page, opened in Chromium by someone who reads Swedish', () => {
  let watched: WatchedPage;
  let status: number | undefined;
  let csp: string | undefined;

  beforeAll(async () => {
    watched = await watchPage(browser, server.url, 'sv-SE,sv;q=0.9');
    const response = await watched.page.goto(`${server.url}/`);
    status = response?.status();
    csp = response?.headers()['content-security-policy'];
  });

  afterAll(async () => {
    await watched?.page.close();
  });

  it('is the national overview in Swedish, with the ways into the data', async () => {
    expect(status).toBe(200);
    const { page } = watched;
    expect(await page.$eval('html', (html) => html.getAttribute('lang'))).toBe('sv');
    expect(await page.$eval('h1', (heading) => heading.innerText)).toBe(literalOf(kg.catalog, dcterms.title, 'sv'));
    expect(await page.$$eval('h2', (headings) => headings.map((heading) => heading.innerText))).toEqual([
      'Täckning per län',
      'Samverkan och projekt',
      'Dataset',
      'Katalogen i andra format',
    ]);
    const ways = await page.$$eval('nav.ways a', (links) => links.map((link) => link.getAttribute('href')));
    expect(ways).toEqual(['/graphql', '/sparql', '/dump.nq', '/dump.trig', '/dump.ttl', '/dump.jsonld', '/catalog', '/def']);
  });

  it('has a row per county, in länskod order, with its municipalities, members of a collaboration and those in none, as the reference data has them', async () => {
    const rows = await watched.page.$$eval('table.coverage tbody tr', (trs) => trs.map((tr) => [...tr.children].map((cell) => (cell as HTMLElementLike).innerText)));
    const expected = countiesOfReference().map(({ name, municipalities, members }) => [
      name,
      String(municipalities.length),
      String(members.length),
      String(municipalities.length - members.length),
      `${members.length} av ${municipalities.length}`,
    ]);
    expect(rows).toEqual(expected);
    const orebro = rows.find(([name]) => name === 'Örebro län');
    expect(orebro?.slice(2, 4)).toEqual(['11', String(countiesOfReference().find(({ code }) => code === '18')!.municipalities.length - 11)]);
    // A county without a collaboration counts none of its municipalities, and all of them in none.
    const uncovered = rows.find(([, municipalities, members]) => members === '0' && municipalities !== '0');
    expect(uncovered?.[3]).toBe(uncovered?.[1]);
  });

  it('sums the whole country at the foot of the table', async () => {
    const foot = await watched.page.$$eval('table.coverage tfoot td', (cells) => cells.map((cell) => cell.innerText));
    const counties = countiesOfReference();
    const municipalities = counties.reduce((sum, county) => sum + county.municipalities.length, 0);
    const members = counties.reduce((sum, county) => sum + county.members.length, 0);
    expect(foot.slice(0, 3)).toEqual([String(municipalities), String(members), String(municipalities - members)]);
  });

  it("opens a county's row onto which municipalities are covered and which are not, each linked to its page, the administrative principal marked", async () => {
    const { page } = watched;
    const shown = () => page.$eval('tr[data-county="18"] td:last-child', (cell) => (cell as HTMLElementLike).innerText.trim());
    expect(await shown()).toBe(`11 av ${countiesOfReference().find(({ code }) => code === '18')!.municipalities.length}`);
    await page.click('tr[data-county="18"] details summary');
    expect(await shown()).toContain('I ingen samverkan: ');
    const lists = await page.$$eval('tr[data-county="18"] details p', (paragraphs) =>
      paragraphs.map((paragraph) => ({ text: paragraph.innerText, links: [...paragraph.querySelectorAll('a')].map((link) => link.getAttribute('href')) })),
    );
    const orebro = countiesOfReference().find(({ code }) => code === '18')!;
    const nonMembers = orebro.municipalities.filter((municipality) => !orebro.members.includes(municipality));
    expect(lists[0]!.links).toEqual(orebro.members.map(pathOf));
    expect(lists[1]!.links).toEqual(nonMembers.map(pathOf));
    expect(lists[0]!.text).toMatch(/^Medlemmar i en samverkan: /);
    expect(lists[0]!.text).toContain(`${nameOf(kg.municipality('1883'))} (administrativ huvudman)`);
    expect(lists[1]!.text).toBe(`I ingen samverkan: ${nonMembers.map(nameOf).join(', ')}`);
  });

  it('draws a bar per county, the covered part in proportion to its municipalities', async () => {
    const { page } = watched;
    const bars = await page.$$eval('svg.chart g.bar', (groups) =>
      groups.map((group) => ({
        county: group.getAttribute('data-county'),
        label: group.querySelector('.bar-label')!.textContent,
        count: group.querySelector('.bar-count')!.textContent,
        title: group.querySelector('title')!.textContent,
      })),
    );
    const counties = countiesOfReference();
    expect(bars.map(({ county, label, count }) => [county, label, count])).toEqual(
      counties.map(({ code, name, municipalities, members }) => [code, name, `${members.length} av ${municipalities.length}`]),
    );
    expect(bars.find(({ county }) => county === '18')!.title).toBe(`Örebro län: 11 av ${counties.find(({ code }) => code === '18')!.municipalities.length} kommuner i en samverkan`);
    const all = await (await page.$('svg.chart g.bar[data-county="18"] rect.all'))!.boundingBox();
    const covered = await (await page.$('svg.chart g.bar[data-county="18"] rect.members'))!.boundingBox();
    const orebro = counties.find(({ code }) => code === '18')!;
    expect(covered!.width / all!.width).toBeCloseTo(orebro.members.length / orebro.municipalities.length, 2);
    const empty = await (await page.$(`svg.chart g.bar[data-county="${counties.find(({ members }) => members.length === 0)!.code}"] rect.members`))!.boundingBox();
    expect(empty?.width ?? 0).toBe(0);
  });

  it('lists the collaborations and projects with the dataset each comes from, its publisher and date', async () => {
    const rows = await watched.page.$$eval('table.collaborations tbody tr', (trs) =>
      trs.map((tr) => ({ cells: [...tr.children].map((cell) => (cell as HTMLElementLike).innerText), links: [...tr.querySelectorAll('a')].map((link) => link.getAttribute('href')) })),
    );
    const collaboration = rows.find(({ cells }) => cells[0] === nameOf(COLLABORATION))!;
    const dataset = kg.dataset('orebro-lan');
    expect(collaboration.cells).toEqual([
      nameOf(COLLABORATION),
      'Samverkan',
      nameOf(kg.county('18')),
      String(membersOf(COLLABORATION).length),
      '–',
      literalOf(dataset, dcterms.title, 'sv'),
      nameOf(objectOf(dataset, dcterms.publisher)),
      literalOf(dataset, dcterms.modified),
    ]);
    expect(collaboration.links).toEqual(['/samverkan/orebro-lan', '/lan/18', '/dataset/orebro-lan', pathOf(objectOf(dataset, dcterms.publisher))]);
    expect(rows.map(({ cells }) => cells[1])).toEqual(['Samverkan', 'Projekt']);
  });

  it('lists every dataset with its publisher, source pages, version and date, so a fact can be followed to its source and version', async () => {
    const { page } = watched;
    const row = await page.$$eval(`table.datasets tr[data-dataset="${kg.dataset('orebro-lan').value}"] td`, (cells) =>
      cells.map((cell) => ({ text: cell.innerText, links: [...cell.querySelectorAll('a')].map((link) => link.getAttribute('href')) })),
    );
    const dataset = kg.dataset('orebro-lan');
    const version = publisher.state('orebro-lan')!.version;
    const sources = reference.getObjects(dataset, prov.wasDerivedFrom, null).map((source) => source.value);
    expect(row.map(({ links }) => links)).toEqual([[pathOf(objectOf(dataset, dcterms.publisher))], sources, [`/datasets/orebro-lan/versions/${version}`], [], []]);
    expect(row[2]!.text).toBe(String(version));
    expect(row[3]!.text).toBe(literalOf(dataset, dcterms.modified));
    expect(row[4]!.text).toBe(String(reference.countQuads(null, null, null, dataset)));
    expect(await page.$$eval('table.datasets tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-dataset')))).toEqual(
      publisher.servedGraphs().map(({ graph }) => graph).sort(),
    );

    const datasetPage = await browser.newPage();
    try {
      const datasetAnswer = await datasetPage.goto(`${server.url}/dataset/orebro-lan`);
      expect(datasetAnswer?.status()).toBe(200);
      expect(await datasetPage.$$eval('a', (links) => links.map((link) => link.getAttribute('href')))).toContain(sources[0]);
      // A version is its content, which a browser downloads rather than shows.
      const versionAnswer = await fetch(`${server.url}${row[2]!.links[0]}`);
      expect(versionAnswer.status).toBe(200);
      expect(await versionAnswer.text()).toContain(`<${COLLABORATION.value}>`);
    } finally {
      await datasetPage.close();
    }
  });

  it('loads nothing but itself: no script, no request elsewhere, no console error or policy violation, the Content-Security-Policy kept', async () => {
    expect(csp).toBe(HTML_CONTENT_SECURITY_POLICY);
    expect(await watched.page.$$('script')).toHaveLength(0);
    expect(watched.foreignRequests).toEqual([]);
    expect(watched.problems).toEqual([]);
  });

  it('switches to English by its language link', async () => {
    const { page } = watched;
    await Promise.all([page.waitForNavigation(), page.click('header a[hreflang="en"]')]);
    expect(page.url()).toBe(`${server.url}/?lang=en`);
    expect(await page.$eval('html', (html) => html.getAttribute('lang'))).toBe('en');
    expect(await page.$$eval('h2', (headings) => headings.map((heading) => heading.innerText))).toEqual([
      'Coverage by county',
      'Collaborations and projects',
      'Datasets',
      'The catalogue in other formats',
    ]);
    expect(await page.$eval('tr[data-county="18"] th', (cell) => cell.innerText)).toBe(literalOf(kg.county('18'), skos.prefLabel, 'en'));
    expect(await page.$eval('header a[hreflang]', (link) => [link.getAttribute('href'), link.innerText])).toEqual(['/?lang=sv', 'På svenska']);
    expect(watched.problems).toEqual([]);
  });
});

describe("a resource's page, followed from the home page", () => {
  it('names each dataset its facts come from with the version served now, linked to that version', async () => {
    const watched = await watchPage(browser, server.url, 'sv-SE,sv;q=0.9');
    try {
      await watched.page.goto(`${server.url}/kommun/1883`);
      const sources = await watched.page.$$eval('#sources li', (items) =>
        items.map((item) => ({ text: (item as unknown as HTMLElementLike).innerText, links: [...item.querySelectorAll('a')].map((link) => link.getAttribute('href')) })),
      );
      // Karlskoga is described by the municipality list and by the Örebro collaboration's dataset.
      expect(sources.map(({ links }) => links)).toEqual(
        ['orebro-lan', 'kommuner'].map((slug) => [`/dataset/${slug}`, `/datasets/${slug}/versions/${publisher.state(slug)!.version}`]),
      );
      expect(sources[0]!.text).toContain(`version ${publisher.state('orebro-lan')!.version}`);
    } finally {
      await watched.page.close();
    }
  });
});

describe('GET / for programs', () => {
  it('is Swedish without Accept-Language, English with it', async () => {
    const swedish = await (await fetch(`${server.url}/`, { headers: { accept: 'text/html' } })).text();
    expect(swedish).toContain('<html lang="sv">');
    const english = await fetch(`${server.url}/`, { headers: { accept: 'text/html', 'accept-language': 'en' } });
    expect(english.headers.get('content-language')).toBe('en');
    expect(await english.text()).toContain('<h2>Coverage by county</h2>');
  });

  it('answers the catalogue for an RDF Accept, as /catalog does', async () => {
    const response = await fetch(`${server.url}/`, { headers: { accept: 'text/turtle' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/turtle/);
    const quads = new Parser({ baseIRI: server.url }).parse(await response.text());
    expect(quads.some((quad) => quad.subject.equals(kg.catalog) && quad.predicate.equals(rdf.type) && quad.object.equals(dcat.Catalog))).toBe(true);
  });

  it.each([['?lang=de', '"de"'], ['?lang=en&lang=sv', 'more than once']])('refuses %s with 400 and a message naming ?lang', async (query, named) => {
    const response = await fetch(`${server.url}/${query}`, { headers: { accept: 'text/plain' } });
    expect(response.status).toBe(400);
    const message = await response.text();
    expect(message).toContain('Give ?lang once, as one of: sv, en');
    expect(message).toContain(named);
  });
});

/** What Chromium's elements answer in the page (the specs' tsconfig has no DOM library). */
interface HTMLElementLike {
  innerText: string;
}

interface ReferenceCounty {
  code: string;
  name: string;
  /** Sorted by kommunkod. */
  municipalities: string[];
  /** Members of a membership in a collaboration or a project, sorted by kommunkod. */
  members: string[];
}

/** The counties of the shipped reference data, counted here from the triples, independently of the server's coverage. */
function countiesOfReference(): ReferenceCounty[] {
  const inCollaborations = new Set(
    reference
      .getSubjects(org.organization, null, null)
      .filter((membership) => reference.getObjects(membership, org.organization, null).some((organisation) => reference.countQuads(organisation, rdf.type, org.OrganizationalCollaboration, null) > 0))
      .flatMap((membership) => reference.getObjects(membership, org.member, null).map((member) => member.value)),
  );
  const code = (iri: string) => literalOf(DataFactory.namedNode(iri), dcterms.identifier);
  return reference
    .getSubjects(rdf.type, ks.County, null)
    .map((county) => {
      const municipalities = reference
        .getSubjects(ks.county, county, null)
        .filter((subject) => reference.countQuads(subject, rdf.type, ks.Municipality, null) > 0)
        .map((municipality) => municipality.value)
        .sort((a, b) => code(a).localeCompare(code(b)));
      return { code: code(county.value), name: nameOf(county), municipalities, members: municipalities.filter((municipality) => inCollaborations.has(municipality)) };
    })
    .sort((a, b) => a.code.localeCompare(b.code));
}

/** The members of an organisation's memberships, each once. */
function membersOf(organisation: NamedNode): string[] {
  return [...new Set(reference.getSubjects(org.organization, organisation, null).flatMap((membership) => reference.getObjects(membership, org.member, null).map((member) => member.value)))];
}

function objectOf(subject: { value: string }, predicate: NamedNode): string {
  return reference.getObjects(DataFactory.namedNode(subject.value), predicate, null)[0]!.value;
}

function literalOf(subject: { value: string }, predicate: NamedNode, language?: string): string {
  const literals = reference.getObjects(DataFactory.namedNode(subject.value), predicate, null);
  const found = language === undefined ? literals[0] : literals.find((literal) => literal.termType === 'Literal' && literal.language === language);
  if (found === undefined) throw new Error(`the reference data has no ${predicate.value}${language ? `@${language}` : ''} for <${subject.value}>`);
  return found.value;
}

/** The Swedish name of a resource (its skos:prefLabel@sv). */
function nameOf(resource: { value: string } | string): string {
  return literalOf({ value: typeof resource === 'string' ? resource : resource.value }, skos.prefLabel, 'sv');
}

/** Where this server serves one of our IRIs. */
function pathOf(iri: string): string {
  return iri.replace('https://w3id.org/kulturskola/', '/');
}
