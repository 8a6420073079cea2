import { DataFactory, Store } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreGraph } from '../../src/rdf/StoreGraph.js';
import { dcterms, foaf, kg, ks, org, rdf, skos } from '../../src/rdf/vocabulary.js';
import { iri, shippedData, startLinkedDataServer, type LinkedDataServer } from './linkedDataServer.js';

const { namedNode, literal, quad } = DataFactory;

let shipped: LinkedDataServer;
let hostile: LinkedDataServer;

beforeAll(async () => {
  shipped = await startLinkedDataServer((await shippedData()).graph);
  hostile = await startLinkedDataServer(new StoreGraph(hostileStore()));
});

afterAll(async () => {
  await shipped?.close();
  await hostile?.close();
});

describe('the HTML page of /kommun/1883', () => {
  it('has the label as title, in Swedish by default, and says Vary: Accept, Accept-Language', async () => {
    const response = await page(shipped, '/kommun/1883');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-language')).toBe('sv');
    expect((response.headers.get('vary') ?? '').toLowerCase()).toMatch(/accept,\s*accept-language/);
    const html = await response.text();
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain('<title>Karlskoga</title>');
    expect(html).toContain('<h1>Karlskoga</h1>');
  });

  it.each([
    ['en', 'en', 'Karlskoga Municipality'],
    ['en-GB,en;q=0.9', 'en', 'Karlskoga Municipality'],
    ['sv-SE, en;q=0.5', 'sv', 'Karlskoga'],
    ['de', 'sv', 'Karlskoga'],
    [';;;q=x,,', 'sv', 'Karlskoga'],
  ])('chooses <html lang> from Accept-Language %j: %s', async (acceptLanguage, language, title) => {
    const response = await page(shipped, '/kommun/1883', { 'accept-language': acceptLanguage });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`<html lang="${language}">`);
    expect(html).toContain(`<title>${title}</title>`);
  });

  it('shows its types and its properties by their labels (or prefixed names), with language-tagged literals', async () => {
    const html = await (await page(shipped, '/kommun/1883')).text();
    expect(html).toContain('<a href="/def#Municipality" title="https://w3id.org/kulturskola/def#Municipality">kommun</a>');
    expect(html).toMatch(/<dt><a href="\/def#county"[^>]*>län<\/a> <small><code>ks:county<\/code><\/small><\/dt>/);
    expect(html).toMatch(/<dt><a href="http:\/\/purl.org\/dc\/terms\/identifier" rel="external"[^>]*>dcterms:identifier<\/a><\/dt>\n<dd><ul><li><span>1883<\/span><\/li><\/ul><\/dd>/);
    expect(html).toContain('<span lang="en">Karlskoga Municipality</span> <small>@en</small>');
  });

  it('links our IRIs relative to this server and foreign IRIs as external links', async () => {
    const html = await (await page(shipped, '/kommun/1883')).text();
    expect(html).toContain('<a href="/lan/18" title="https://w3id.org/kulturskola/lan/18">Örebro län</a>');
    expect(html).not.toContain('href="https://w3id.org/');
    const collaboration = await (await page(shipped, '/samverkan/orebro-lan')).text();
    expect(collaboration).toContain('<a href="https://www.kulturskolesamverkan.se/" rel="external"');
  });

  it('lists the resources that point at it under "used by", by property', async () => {
    const html = await (await page(shipped, '/kommun/1883')).text();
    const usedBy = /<section id="used-by">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    expect(usedBy).toContain('<h2>Används av</h2>');
    expect(usedBy).toMatch(/org:member<\/a><\/dt>\n<dd><ul><li><a href="\/samverkan\/orebro-lan\/huvudman\/1883"/);
    expect(usedBy).toContain('href="/avtal/orebro-lan-huvudmannaskap"');
  });

  it('links to the other formats, in the head and visibly, and names its sources', async () => {
    const html = await (await page(shipped, '/kommun/1883')).text();
    for (const [format, type] of [['ttl', 'text/turtle'], ['nt', 'application/n-triples'], ['nq', 'application/n-quads'], ['jsonld', 'application/ld+json'], ['rdf', 'application/rdf+xml'], ['trig', 'application/trig']]) {
      expect(html).toContain(`<link rel="alternate" type="${type}" href="/kommun/1883?format=${format}"`);
      expect(html).toContain(`<a href="/kommun/1883?format=${format}" type="${type}">`);
    }
    expect(html).toMatch(/<section id="sources">[\s\S]*href="\/dataset\/orebro-lan"/);
  });

  it('loads nothing from elsewhere and runs nothing', async () => {
    const response = await page(shipped, '/kommun/1883');
    expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'sha256-/);
    const html = await response.text();
    expect(html).not.toMatch(/<script|<img|<iframe|\bsrc=|rel="stylesheet"/i);
  });
});

describe('the HTML page of /lan/18', () => {
  it('lists the municipalities that point to it', async () => {
    const html = await (await page(shipped, '/lan/18')).text();
    const usedBy = /<section id="used-by">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    for (const [code, name] of [['1880', 'Örebro'], ['1883', 'Karlskoga'], ['1860', 'Laxå']]) {
      expect(usedBy).toContain(`<a href="/kommun/${code}" title="https://w3id.org/kulturskola/kommun/${code}">${name}</a>`);
    }
  });
});

describe('the HTML page of /projekt/kulturskola-i-hela-landet', () => {
  it('shows the blank-node audience nested, with its minimum age', async () => {
    const html = await (await page(shipped, '/projekt/kulturskola-i-hela-landet')).text();
    expect(html).toMatch(/dcterms:audience<\/a><\/dt>\n<dd><ul><li><div class="blank">[\s\S]*schema:suggestedMinAge<\/a><\/dt>\n<dd><ul><li><span>6<\/span> <small>xsd:integer<\/small>/);
  });
});

describe('escaping on HTML pages', () => {
  it('escapes a label holding <script> in the title, the heading and links to it', async () => {
    const html = await (await page(hostile, '/test/evil')).text();
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('<title>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co</title>');
    expect(html).toContain('<h1>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co</h1>');
    const friend = await (await page(hostile, '/test/friend')).text();
    expect(friend).not.toMatch(/<script/i);
    expect(friend).toContain('>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co</a>');
  });

  it('escapes literals and IRIs, and never links a javascript: IRI', async () => {
    const html = await (await page(hostile, '/test/evil')).text();
    expect(html).toContain('<span lang="sv">&quot; onmouseover=&quot;alert(1)</span>');
    expect(html).toContain('<span>&lt;i&gt;42&lt;/i&gt;</span>');
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).toContain('<code title="javascript:alert(1)">javascript:alert(1)</code>');
    expect(html).toContain('href="https://example.org/a%22b%3Cc%3E"');
    expect(html).toContain('<span lang="en">&lt;b&gt;bold&lt;/b&gt;</span>');
    expect(html).not.toMatch(/<b>|<i>/);
  });

  it('escapes the path in a 404 page', async () => {
    const response = await page(shipped, '/nothing-here');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    expect(html).toContain('<title>404 Not Found</title>');
    expect(html).toContain('Nothing is known about &lt;https://w3id.org/kulturskola/nothing-here&gt;');
  });
});

/** The page at `path`, asked for as a browser asks. */
function page(server: LinkedDataServer, path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, { headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', ...headers } });
}

/** A graph whose values try to break out of HTML: markup in labels and literals, hostile IRIs. */
function hostileStore(): Store {
  const graph = kg.dataset('test');
  const evil = namedNode(iri('test/evil'));
  const friend = namedNode(iri('test/friend'));
  const store = new Store();
  store.addQuads([
    quad(evil, rdf.type, ks.Municipality, graph),
    quad(evil, skos.prefLabel, literal('<script>alert("x")</script> & Co', 'sv'), graph),
    quad(evil, dcterms.description, literal('" onmouseover="alert(1)', 'sv'), graph),
    quad(evil, dcterms.identifier, literal('<i>42</i>'), graph),
    quad(evil, skos.altLabel, literal('<b>bold</b>', 'en'), graph),
    quad(evil, foaf.homepage, namedNode('javascript:alert(1)'), graph),
    quad(evil, foaf.page, namedNode('https://example.org/a"b<c>'), graph),
    quad(friend, skos.prefLabel, literal('friend', 'sv'), graph),
    quad(friend, org.linkedTo, evil, graph),
  ]);
  return store;
}
