import { DataFactory } from 'n3';
import { describe, expect, it } from 'vitest';
import { describeResource } from '../../src/http/linkedData/describeResource.js';
import type { Alternate } from '../../src/http/linkedData/htmlDocument.js';
import type { PageLanguage } from '../../src/http/linkedData/pageText.js';
import { renderResourcePage, type ResourcePageInput } from '../../src/http/linkedData/renderResourcePage.js';
import type { Graph } from '../../src/rdf/Graph.js';
import { graphOfTriG } from '../support/graphOfTriG.js';
import { iri, shippedData } from './linkedDataServer.js';

// A resource's HTML page. The graph below has what the shipped data does not show at once: links
// to the resource from several graphs (one the same triple twice), one from itself, a label only
// in Swedish, and sources that are labelled, only prefixed, or foreign.

const { namedNode } = DataFactory;

const graph = graphOfTriG(`
  @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
  <dataset/a> {
    <test/r> a ks:Municipality ; skos:prefLabel "Resursen"@sv, "The resource"@en ; dcterms:identifier "1" ; org:linkedTo <test/r>, <test/annan> ;
      org:hasUnit [ org:linkedTo <test/annan> ; skos:prefLabel "Enheten"@sv ] .
    <test/in-b> org:linkedTo <test/r> ; skos:prefLabel "Inkommande B"@sv .
    <test/in-a> org:linkedTo <test/r> ; skos:prefLabel "Inkommande A"@sv .
    <test/dold> org:memberOf <test/r> .
    <test/annan> skos:prefLabel "Annan"@sv .
    org:memberOf rdfs:label "Del av"@sv .
    <dataset/a> dcterms:title "Dataset A"@sv .
    <test/svensk> skos:prefLabel "Bara svenska"@sv .
    <test/utan-sprak> skos:prefLabel "Utan språk" .
    <test/a&b> skos:prefLabel "Fisk & <pommes>"@sv .
  }
  <dataset/b> {
    <test/r> dcterms:identifier "1" .
    <test/in-b> org:linkedTo <test/r> .
    <test/in-c> ks:county <test/r> .
  }
  <http://example.org/g> {
    <test/r> dcterms:identifier "1" .
  }
  <test/standard> dcterms:identifier "2" .
  <test/in-c> org:linkedTo <test/standard> .
`);

const alternates: Alternate[] = [
  { title: 'Turtle', mediaType: 'text/turtle', href: '/test/r?format=ttl' },
  { title: 'A & B', mediaType: 'application/x-"b"', href: '/x?a=1&b=2' },
];

function page(path: string, options: Partial<ResourcePageInput> & { language?: PageLanguage; on?: Graph } = {}): string {
  const on = options.on ?? graph;
  const resource = namedNode(iri(path));
  return renderResourcePage({ graph: on, resource, description: describeResource(on, resource), language: 'sv', alternates, catalogPath: '/catalog', ...options });
}

/** The part of a page between two markers, exclusive. */
function between(html: string, start: string, end: string): string {
  const from = html.indexOf(start);
  expect(from, `${start} in the page`).toBeGreaterThanOrEqual(0);
  return html.slice(from + start.length, html.indexOf(end, from + start.length));
}

describe('renderResourcePage', () => {
  it('heads the page with the catalogue link, the label, the IRI and the types', () => {
    const html = page('test/r');
    expect(between(html, '<body>\n', '<main>')).toBe(`<header>
<p><a href="/catalog">Kulturskolegrafen: Datakatalog</a></p>
<h1>Resursen</h1>
<p class="iri">${iri('test/r')}</p>
<p>Typ: <a href="/def#Municipality" title="https://w3id.org/kulturskola/def#Municipality">ks:Municipality</a></p>
</header>
`);
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain('<title>Resursen</title>');
  });

  it('is in English on an English page, the label in English where there is one and marked as Swedish where not', () => {
    const html = page('test/r', { language: 'en' });
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<p><a href="/catalog">Kulturskolegrafen: Data catalogue</a></p>\n<h1>The resource</h1>');
    expect(html).toContain('<p>Type: <a href="/def#Municipality"');
    expect(html).toContain('<h2>Properties</h2>');
    expect(html).toContain('<h2>Used by</h2>\n<p>Resources that point here, by property.</p>');
    expect(html).toContain('<h2>Sources</h2>\n<p>What this page says comes from these datasets (named graphs), in the version served now.</p>');
    expect(html).toContain('<h2>Other formats</h2>');
    expect(page('test/svensk', { language: 'en' })).toContain('<h1 lang="sv">Bara svenska</h1>');
    expect(page('test/svensk', { language: 'sv' })).toContain('<h1>Bara svenska</h1>');
    expect(page('test/utan-sprak', { language: 'en' })).toContain('<h1>Utan språk</h1>');
  });

  it('leaves the types out of the head when there are none, and names an unlabelled resource by its prefixed name', () => {
    const html = page('test/standard');
    expect(between(html, '<header>\n', '</header>')).toBe(`<p><a href="/catalog">Kulturskolegrafen: Datakatalog</a></p>
<h1>kg:test/standard</h1>
<p class="iri">${iri('test/standard')}</p>

`);
    expect(html).toContain('<title>kg:test/standard</title>');
  });

  it("lists the resource's properties without its types, which the head shows", () => {
    const properties = between(page('test/r'), '<main>\n', '<section id="used-by">');
    expect(properties.startsWith('<section>\n<h2>Egenskaper</h2>\n<dl class="properties">\n<dt><a href="http://purl.org/dc/terms/identifier"')).toBe(true);
    expect(properties).not.toContain('rdf-syntax-ns#type');
    expect(properties).toContain(`<dd><ul><li><a href="/test/annan" title="${iri('test/annan')}">Annan</a></li><li><a href="/test/r" title="${iri('test/r')}">Resursen</a></li></ul></dd>`);
    expect(properties.endsWith('</dl>\n</section>\n')).toBe(true);
  });

  it('lists what points at the resource, by predicate name, each subject once and the resource itself not', () => {
    // The description also holds what its blank node says, which points elsewhere.
    expect(page('test/r')).toContain('<div class="blank">');
    expect(between(page('test/r'), '<section id="used-by">\n', '\n</section>')).toBe(`<h2>Används av</h2>
<p>Resurser som pekar hit, ordnade efter egenskap.</p>
<dl class="properties">
<dt><a href="http://www.w3.org/ns/org#memberOf" rel="external" title="http://www.w3.org/ns/org#memberOf">Del av</a> <small><code>org:memberOf</code></small></dt>
<dd><ul><li><a href="/test/dold" title="${iri('test/dold')}">kg:test/dold</a></li></ul></dd>
<dt><a href="/def#county" title="https://w3id.org/kulturskola/def#county">ks:county</a></dt>
<dd><ul><li><a href="/test/in-c" title="${iri('test/in-c')}">kg:test/in-c</a></li></ul></dd>
<dt><a href="http://www.w3.org/ns/org#linkedTo" rel="external" title="http://www.w3.org/ns/org#linkedTo">org:linkedTo</a></dt>
<dd><ul><li><a href="/test/in-a" title="${iri('test/in-a')}">Inkommande A</a></li><li><a href="/test/in-b" title="${iri('test/in-b')}">Inkommande B</a></li></ul></dd>
</dl>`);
  });

  it('leaves out of "used by" the subjects it is asked to, and the section when nothing is left', () => {
    const html = page('test/r', { hideIncomingFrom: new Set([iri('test/dold'), iri('test/in-b')]) });
    const usedBy = between(html, '<section id="used-by">\n', '\n</section>');
    expect(usedBy).not.toContain('org:memberOf');
    expect(usedBy).not.toContain('Inkommande B');
    expect(usedBy).toContain('Inkommande A');
    const none = page('test/r', { hideIncomingFrom: new Set(['dold', 'in-a', 'in-b', 'in-c'].map((name) => iri(`test/${name}`))) });
    expect(none).not.toContain('<section id="used-by">');
    expect(none).not.toContain('Används av');
    expect(page('test/annan')).toContain('<section id="used-by">');
    expect(page('test/in-a')).not.toContain('id="used-by"');
  });

  it('names the graphs the page draws on, by name, with the version served and the IRI of those named otherwise', () => {
    const html = page('test/r', { datasetVersions: new Map([[iri('dataset/a'), 3], ['http://example.org/g', 5]]) });
    expect(between(html, '<section id="sources">\n', '\n</section>')).toBe(`<h2>Källor</h2>
<p>Uppgifterna på sidan kommer från dessa dataset (namngivna grafer), i den version som visas nu.</p>
<ul><li><a href="/dataset/a" title="${iri('dataset/a')}">Dataset A</a>, version <a href="/datasets/a/versions/3">3</a> <small><code>${iri('dataset/a')}</code></small></li>`
      + '<li><a href="http://example.org/g" rel="external" title="http://example.org/g">http://example.org/g</a>, version 5</li>'
      + `<li><a href="/dataset/b" title="${iri('dataset/b')}">kg:dataset/b</a> <small><code>${iri('dataset/b')}</code></small></li></ul>`);
  });

  it('names no version without the versions, and no source for what only the default graph says', () => {
    const sources = between(page('test/r'), '<section id="sources">\n', '\n</section>');
    expect(sources).not.toContain(', version');
    // A graph the versions do not name has none.
    const some = between(page('test/r', { datasetVersions: new Map([[iri('dataset/b'), 1]]) }), '<section id="sources">', '</section>');
    expect(some.match(/, version/g)).toHaveLength(1);
    expect(some).toContain('kg:dataset/b</a>, version <a href="/datasets/b/versions/1">1</a> <small>');
    expect(sources).toContain(`<li><a href="/dataset/a" title="${iri('dataset/a')}">Dataset A</a> <small><code>${iri('dataset/a')}</code></small></li>`);
    const onlyDefault = graphOfTriG('<test/x> dcterms:identifier "x" .');
    expect(page('test/x', { on: onlyDefault })).not.toContain('<section id="sources">');
    expect(page('test/standard')).not.toContain('<section id="sources">');
    // One quad in a named graph is enough, and only that graph is named.
    expect(page('test/in-c')).toContain(`<section id="sources">\n<h2>Källor</h2>\n<p>Uppgifterna på sidan kommer från dessa dataset (namngivna grafer), i den version som visas nu.</p>\n<ul><li><a href="/dataset/b" title="${iri('dataset/b')}">kg:dataset/b</a> <small><code>${iri('dataset/b')}</code></small></li></ul>\n</section>`);
  });

  it('puts the figure first, the extra sections after the properties, and "used by" and the sources last', () => {
    const html = page('test/r', {
      figure: '<section id="figure"></section>',
      extraSections: (renderer) => `<section id="extra">${renderer.link(namedNode(iri('test/annan')))}</section>`,
    });
    const main = between(html, '<main>\n', '\n</main>');
    expect([...main.matchAll(/^<section(?: id="([^"]+)")?>/gm)].map(([, id]) => id ?? '(properties)')).toEqual(['figure', '(properties)', 'extra', 'used-by', 'sources']);
    expect(main.startsWith('<section id="figure"></section>\n<section>\n<h2>Egenskaper</h2>')).toBe(true);
    expect(main).toContain(`</dl>\n</section>\n<section id="extra"><a href="/test/annan" title="${iri('test/annan')}">Annan</a></section>\n<section id="used-by">`);
  });

  it('leaves out sections that are empty, the extra ones included, without a blank line in their place', () => {
    const onlyDefault = graphOfTriG('<test/x> dcterms:identifier "x" .');
    const html = page('test/x', { on: onlyDefault, extraSections: () => '' });
    expect(between(html, '<main>\n', '</main>')).toBe(`<section>
<h2>Egenskaper</h2>
<dl class="properties">
<dt><a href="http://purl.org/dc/terms/identifier" rel="external" title="http://purl.org/dc/terms/identifier">dcterms:identifier</a></dt>
<dd><ul><li><span>x</span></li></ul></dd>
</dl>
</section>
`);
  });

  it('links the other formats at the foot and in the head, escaped', () => {
    const html = page('test/r');
    expect(between(html, '<footer>\n', '\n</footer>')).toBe(
      '<h2>Andra format</h2>\n<nav class="formats"><a href="/test/r?format=ttl" type="text/turtle">Turtle</a>\n<a href="/x?a=1&amp;b=2" type="application/x-&quot;b&quot;">A &amp; B</a></nav>',
    );
    expect(html).toContain('<link rel="alternate" type="text/turtle" href="/test/r?format=ttl" title="Turtle">');
    expect(page('test/r', { alternates: [] })).toContain('<nav class="formats"></nav>');
  });

  it('escapes the label, the IRI and the catalogue link', () => {
    const html = page('test/a&b', { catalogPath: '/katalog?"x"&y' });
    expect(html).toContain('<p><a href="/katalog?&quot;x&quot;&amp;y">Kulturskolegrafen: Datakatalog</a></p>');
    expect(html).toContain('<h1>Fisk &amp; &lt;pommes&gt;</h1>');
    expect(html).toContain(`<p class="iri">${iri('test/a&amp;b')}</p>`);
    expect(html).toContain('<title>Fisk &amp; &lt;pommes&gt;</title>');
    expect(html).not.toContain('<pommes>');
  });

  it("shows a shipped municipality's page: its name, type, county, the collaborations' memberships that point at it, its sources", async () => {
    const { graph: shipped } = await shippedData();
    const html = page('kommun/1883', { on: shipped, datasetVersions: new Map([[iri('dataset/kommuner'), 2]]) });
    expect(html).toContain('<h1>Karlskoga</h1>');
    expect(html).toContain('<a href="/lan/18" title="https://w3id.org/kulturskola/lan/18">Örebro län</a>');
    expect(between(html, '<section id="used-by">', '</section>')).toContain('<a href="/samverkan/orebro-lan/huvudman/1883"');
    expect(between(html, '<section id="sources">', '</section>')).toContain(
      '<li><a href="/dataset/kommuner" title="https://w3id.org/kulturskola/dataset/kommuner">Sveriges kommuner och län</a>, version <a href="/datasets/kommuner/versions/2">2</a> <small><code>https://w3id.org/kulturskola/dataset/kommuner</code></small></li>',
    );
  });
});
