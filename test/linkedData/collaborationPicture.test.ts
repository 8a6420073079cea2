import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML_CONTENT_SECURITY_POLICY } from '../../src/http/linkedData/htmlDocument.js';
import type { RunningServer } from '../../src/http/startServer.js';
import { openBrowser } from '../support/openBrowser.js';
import { startShippedServer } from '../support/startShippedServer.js';
import { watchPage, type WatchedPage } from '../support/watchPage.js';

const COLLABORATION = 'https://w3id.org/kulturskola/samverkan/orebro-lan';

/** What GraphQL says about the collaboration: the picture must draw the same. */
interface Collaboration {
  name: string;
  memberOrganisations: Array<{ id: string; name: string }>;
  members: Array<{ member: { id: string }; role: { id: string; name: string } }>;
  administrativePrincipal: { id: string; name: string };
  regions: Array<{ id: string; name: string }>;
  projects: Array<{ id: string; name: string; initiator: { id: string } | null; funders: Array<{ id: string }> }>;
  grants: Array<{ funders: Array<{ id: string }>; recipient: { id: string } }>;
}

/** A node or a line as drawn. */
interface Drawn {
  kind: string | null;
  iri?: string | null;
  from?: string | null;
  to?: string | null;
  role?: string | null;
  href?: string | null;
  classes: string;
  label: string;
  title: string | null;
}

let server: RunningServer;
let browser: Browser;
let collaboration: Collaboration;

beforeAll(async () => {
  ({ server } = await startShippedServer());
  browser = await openBrowser();
  collaboration = await query<{ collaboration: Collaboration }>(`{ collaboration(id: "${COLLABORATION}") {
    name
    memberOrganisations { id name }
    members { member { id } role { id name } }
    administrativePrincipal { id name }
    regions { id name }
    projects { id name initiator { id } funders { id } }
    grants { funders { id } recipient { id } } } }`).then((data) => data.collaboration);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("a collaboration's page, opened in Chromium", () => {
  let watched: WatchedPage;
  let csp: string | undefined;
  let nodes: Drawn[];
  let edges: Drawn[];

  beforeAll(async () => {
    watched = await watchPage(browser, server.url, 'sv');
    const response = await watched.page.goto(`${server.url}/samverkan/orebro-lan`);
    expect(response?.status()).toBe(200);
    csp = response?.headers()['content-security-policy'];
    nodes = await watched.page.$$eval('svg.picture .node', (elements) =>
      elements.map((element) => ({
        kind: element.getAttribute('data-kind'),
        iri: element.getAttribute('data-iri'),
        href: element.getAttribute('href'),
        classes: element.getAttribute('class') ?? '',
        label: [...element.querySelectorAll('.label tspan')].map((line) => line.textContent).join(' '),
        title: element.querySelector('title')?.textContent ?? null,
      })),
    );
    edges = await watched.page.$$eval('svg.picture .edge', (elements) =>
      elements.map((element) => ({
        kind: element.getAttribute('data-kind'),
        from: element.getAttribute('data-from'),
        to: element.getAttribute('data-to'),
        role: element.getAttribute('data-role'),
        classes: element.getAttribute('class') ?? '',
        label: element.querySelector('.edge-label')?.textContent ?? '',
        title: element.querySelector('title')?.textContent ?? null,
      })),
    );
  });

  afterAll(async () => {
    await watched?.page.close();
  });

  it('opens with a picture of its relationships, named for the collaboration, that takes up room on the page', async () => {
    const { page } = watched;
    expect(await page.$eval('#relationships h2', (heading) => heading.innerText)).toBe('Relationer');
    expect(await page.$eval('svg.picture > title', (title) => title.textContent)).toBe(`Relationerna för ${collaboration.name}`);
    const box = await (await page.$('svg.picture'))!.boundingBox();
    expect(box!.width).toBeGreaterThan(600);
    expect(box!.height).toBeGreaterThan(300);
    expect(await page.$eval('#relationships figcaption', (caption) => caption.innerText)).toContain(`${collaboration.memberOrganisations.length} medlemmar`);
  });

  it('draws the collaboration once, in the middle', () => {
    const middle = nodes.filter(({ kind }) => kind === 'collaboration');
    expect(middle.map(({ iri, label }) => [iri, label])).toEqual([[COLLABORATION, collaboration.name]]);
  });

  it('draws a node per member organisation, sorted by code, each a link to its page named as GraphQL names it', () => {
    const members = nodes.filter(({ kind }) => kind === 'member');
    expect(members.map(({ iri }) => iri)).toEqual(sortedPrincipalFirst(collaboration.memberOrganisations.map(({ id }) => id)));
    for (const member of members) {
      const known = collaboration.memberOrganisations.find(({ id }) => id === member.iri)!;
      expect(member.label).toBe(known.name);
      expect(member.href).toBe(pathOf(known.id));
      expect(member.title).toMatch(new RegExp(`^${known.name}: `));
    }
  });

  it('marks the administrative principal, and only it, and draws its principal membership apart', () => {
    const principals = nodes.filter(({ classes }) => classes.split(' ').includes('principal'));
    expect(principals.map(({ iri, label }) => [iri, label])).toEqual([[collaboration.administrativePrincipal.id, collaboration.administrativePrincipal.name]]);
    expect(principals[0]!.label).toBe('Karlskoga');
    const principalRole = collaboration.members.find(({ member, role }) => member.id === collaboration.administrativePrincipal.id && role.name === 'Administrativ huvudman')!.role;
    expect(edges.filter(({ classes }) => classes.split(' ').includes('principal')).map(({ from, role }) => [from, role])).toEqual([[collaboration.administrativePrincipal.id, principalRole.id]]);
  });

  it('groups the members by the roles they hold, with a heading and a count per group', async () => {
    const headings = await watched.page.$$eval('svg.picture .group-heading', (texts) => texts.map((text) => text.textContent));
    const rolesOf = new Map<string, string[]>();
    for (const { member, role } of collaboration.members) rolesOf.set(member.id, [...(rolesOf.get(member.id) ?? []), role.name].sort((a, b) => a.localeCompare(b, 'sv')));
    const groups = new Map<string, number>();
    for (const roles of rolesOf.values()) groups.set(roles.join(', '), (groups.get(roles.join(', ')) ?? 0) + 1);
    expect([...headings].sort()).toEqual([...groups].map(([roles, count]) => `${roles} (${count})`).sort());
  });

  it('draws a line per membership, from the member to the collaboration, with its role', () => {
    const memberships = edges.filter(({ kind }) => kind === 'membership');
    expect(memberships.map(({ from, to, role }) => `${from} ${to} ${role}`).sort()).toEqual(collaboration.members.map(({ member, role }) => `${member.id} ${COLLABORATION} ${role.id}`).sort());
  });

  it('draws the county, the projects, their funders and initiators, each joined by a labelled line', () => {
    const ids = (kind: string) => nodes.filter((node) => node.kind === kind).map(({ iri }) => iri).sort();
    expect(ids('county')).toEqual(collaboration.regions.map(({ id }) => id).sort());
    expect(ids('project')).toEqual(collaboration.projects.map(({ id }) => id).sort());
    const funders = new Set(collaboration.grants.flatMap(({ funders }) => funders.map(({ id }) => id)));
    expect(ids('funder')).toEqual([...funders].sort());
    expect(ids('initiator')).toEqual(collaboration.projects.flatMap(({ initiator }) => (initiator === null ? [] : [initiator.id])).sort());

    const lines = (kind: string) => edges.filter((edge) => edge.kind === kind).map(({ from, to, label }) => `${from} → ${to}: ${label}`).sort();
    expect(lines('spatial')).toEqual(collaboration.regions.map(({ id }) => `${COLLABORATION} → ${id}: verkar i`).sort());
    expect(lines('participation')).toEqual(collaboration.projects.map(({ id }) => `${COLLABORATION} → ${id}: deltagare`).sort());
    expect(lines('funding')).toEqual(collaboration.grants.flatMap(({ funders, recipient }) => funders.map(({ id }) => `${id} → ${recipient.id}: finansierar`)).sort());
    expect(lines('initiative')).toEqual(collaboration.projects.flatMap(({ id, initiator }) => (initiator === null ? [] : [`${initiator.id} → ${id}: initierade`])).sort());
  });

  it('says every relationship in words in its title, and counts them in the caption', async () => {
    expect(edges.every(({ title }) => title !== null && title.length > 0)).toBe(true);
    expect(nodes.every(({ title }) => title !== null && title.length > 0)).toBe(true);
    const karlskoga = collaboration.administrativePrincipal;
    expect(edges.map(({ title }) => title)).toContain(`${karlskoga.name}: administrativ huvudman i ${collaboration.name}`);
    expect(await watched.page.$eval('#relationships figcaption', (caption) => caption.innerText)).toContain(`${edges.length} relationer`);
  });

  it("follows a node's link to that resource's page", async () => {
    const { page } = watched;
    await Promise.all([page.waitForNavigation(), page.click(`svg.picture a[data-iri="${collaboration.administrativePrincipal.id}"]`)]);
    expect(page.url()).toBe(`${server.url}${pathOf(collaboration.administrativePrincipal.id)}`);
    expect(await page.$eval('h1', (heading) => heading.innerText)).toBe(collaboration.administrativePrincipal.name);
    // A municipality is no collaboration: its page has no picture.
    expect(await page.$$('svg.picture')).toHaveLength(0);
    await page.goBack();
  });

  it('loads nothing but itself: no script, no request elsewhere, no console error or policy violation, the Content-Security-Policy kept', async () => {
    expect(csp).toBe(HTML_CONTENT_SECURITY_POLICY);
    expect(await watched.page.$$('script')).toHaveLength(0);
    expect(watched.foreignRequests).toEqual([]);
    expect(watched.problems).toEqual([]);
  });
});

describe("a collaboration's picture in English", () => {
  it('names its columns, nodes and lines in English with ?lang=en', async () => {
    const english = await query<{ collaboration: { name: string; administrativePrincipal: { name: string } } }>(
      `{ collaboration(id: "${COLLABORATION}") { name(lang: "en") administrativePrincipal { name(lang: "en") } } }`,
    );
    const watched = await watchPage(browser, server.url);
    try {
      await watched.page.goto(`${server.url}/samverkan/orebro-lan?lang=en`);
      expect(await watched.page.$eval('#relationships h2', (heading) => heading.innerText)).toBe('Relationships');
      expect(await watched.page.$$eval('svg.picture .column-heading', (texts) => texts.map((text) => text.textContent))).toContain('Members by role');
      expect(await watched.page.$eval('svg.picture .node.principal .label', (label) => label.textContent)).toBe(english.collaboration.administrativePrincipal.name);
      expect(await watched.page.$$eval('svg.picture .edge.spatial .edge-label', (labels) => labels.map((label) => label.textContent))).toEqual(['works in']);
      expect(watched.problems).toEqual([]);
    } finally {
      await watched.page.close();
    }
  });
});

describe("a project's page", () => {
  it('draws the project in the middle with its participants, counties, funders and its own initiator', async () => {
    const project = collaboration.projects[0]!;
    const answer = await query<{ node: { members: Array<{ member: { id: string } }>; regions: Array<{ id: string }>; funders: Array<{ id: string }>; initiator: { id: string } | null } }>(
      `{ node(id: "${project.id}") { ... on Project { members { member { id } } regions { id } funders { id } initiator { id } } } }`,
    );
    const watched = await watchPage(browser, server.url, 'sv');
    try {
      await watched.page.goto(`${server.url}${pathOf(project.id)}`);
      const drawn = await watched.page.$$eval('svg.picture .node', (elements) => elements.map((element) => `${element.getAttribute('data-kind')} ${element.getAttribute('data-iri')}`));
      expect(drawn.sort()).toEqual(
        [
          `collaboration ${project.id}`,
          ...answer.node.members.map(({ member }) => `member ${member.id}`),
          ...answer.node.regions.map(({ id }) => `county ${id}`),
          ...answer.node.funders.map(({ id }) => `funder ${id}`),
          ...(answer.node.initiator === null ? [] : [`initiator ${answer.node.initiator.id}`]),
        ].sort(),
      );
      expect(await watched.page.$eval('svg.picture .node.collaboration .caption', (caption) => caption.textContent)).toBe('Projekt');
      expect(watched.problems).toEqual([]);
    } finally {
      await watched.page.close();
    }
  });
});

/** Runs a GraphQL query against the server under test. */
async function query<Data>(text: string): Promise<Data> {
  const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: text }) });
  const body = (await response.json()) as { data?: Data; errors?: unknown };
  if (body.errors !== undefined) throw new Error(`GraphQL answered errors: ${JSON.stringify(body.errors)}`);
  return body.data!;
}

/** The members as the picture lists them: the administrative principal's group first, then the others in GraphQL's order (by code). */
function sortedPrincipalFirst(ids: readonly string[]): string[] {
  const principal = collaboration.administrativePrincipal.id;
  return [...ids.filter((id) => id === principal), ...ids.filter((id) => id !== principal)];
}

/** Where this server serves one of our IRIs. */
function pathOf(iri: string): string {
  return iri.replace('https://w3id.org/kulturskola/', '/');
}
