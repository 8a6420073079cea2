import { describe, expect, it } from 'vitest';
import { describeVocabulary } from '../../src/http/linkedData/describeVocabulary.js';
import type { Alternate } from '../../src/http/linkedData/htmlDocument.js';
import type { PageLanguage } from '../../src/http/linkedData/pageText.js';
import { renderVocabularyPage } from '../../src/http/linkedData/renderVocabularyPage.js';
import type { Graph } from '../../src/rdf/Graph.js';
import { graphOfTriG } from '../support/graphOfTriG.js';
import { shippedData } from './linkedDataServer.js';

// The page of our vocabulary (`GET /def`): the ontology's page with a table of its classes, one of
// its properties and one of its other terms. The graph below types terms every way the page
// tells apart, and leaves out a label, a comment and a link column here and there.

const KS = 'https://w3id.org/kulturskola/def#';

const vocabulary = `
  @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
  @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
  @prefix owl: <http://www.w3.org/2002/07/owl#> .
  @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
  <dataset/vokabular> {
    <def> a owl:Ontology ; rdfs:label "Testvokabulär"@sv, "Test vocabulary"@en .
    ks:Municipality a rdfs:Class ; rdfs:isDefinedBy <def> ; rdfs:label "kommun"@sv, "municipality"@en ; rdfs:comment "En kommun."@sv, "A municipality."@en ;
      rdfs:subClassOf org:Organization, org:FormalOrganization .
    ks:County a owl:Class ; rdfs:isDefinedBy <def> ; rdfs:label "län"@sv ; rdfs:comment "Ett <län> & mer."@sv .
    ks:Goal a rdfs:Class, rdf:Property ; rdfs:isDefinedBy <def> .
    ks:county a rdf:Property, owl:ObjectProperty ; rdfs:isDefinedBy <def> ; rdfs:label "län"@sv, "county"@en ;
      rdfs:domain ks:Municipality ; rdfs:range ks:County .
    ks:isoCode a owl:DatatypeProperty ; rdfs:isDefinedBy <def> ; rdfs:label "ISO-kod"@sv ; rdfs:range xsd:string .
    ks:goal a owl:ObjectProperty ; rdfs:isDefinedBy <def> ; rdfs:range ks:Goal ; rdfs:subPropertyOf org:purpose .
    ks:vision a owl:AnnotationProperty ; rdfs:isDefinedBy <def> .
    ks:zeta rdfs:isDefinedBy <def> ; rdfs:label "zeta"@sv .
    ks:Financing a skos:Concept ; rdfs:isDefinedBy <def> ; rdfs:label "finansiering"@sv .
    <http://example.org/lånad> rdfs:isDefinedBy <def> .
    <dataset/vokabular> dcterms:subject <def> .
  }
  <kommun/0001> ks:county <lan/01> .
`;

const alternates: Alternate[] = [{ title: 'Turtle', mediaType: 'text/turtle', href: '/def?format=ttl' }];

function pageOf(graph: Graph, language: PageLanguage = 'sv'): string {
  return renderVocabularyPage({ graph, vocabulary: describeVocabulary(graph), language, alternates, catalogPath: '/catalog' });
}

/** A section of the page by its id, without its opening tag. */
function section(html: string, id: string): string {
  const start = html.indexOf(`<section id="${id}">\n`);
  expect(start, `section ${id}`).toBeGreaterThanOrEqual(0);
  return html.slice(start + `<section id="${id}">\n`.length, html.indexOf('\n</section>', start));
}

/** The rows of a table section, by their ids, each as its cells' HTML. */
function rowsOf(table: string): Array<[string, string[]]> {
  return [...table.matchAll(/<tr id="([^"]*)">(.*?)<\/tr>/g)].map(([, id, cells]) => [id!, [...cells!.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map(([, cell]) => cell!)]);
}

const graph = graphOfTriG(vocabulary);

describe('renderVocabularyPage', () => {
  it("is the ontology's page: its label as heading, its IRI and type", () => {
    const html = pageOf(graph);
    expect(html).toContain('<title>Testvokabulär</title>');
    expect(html).toContain('<h1>Testvokabulär</h1>\n<p class="iri">https://w3id.org/kulturskola/def</p>\n<p>Typ: <a href="http://www.w3.org/2002/07/owl#Ontology" rel="external" title="http://www.w3.org/2002/07/owl#Ontology">owl:Ontology</a></p>');
    expect(html).toContain('<nav class="formats"><a href="/def?format=ttl" type="text/turtle">Turtle</a></nav>');
    expect(pageOf(graph, 'en')).toContain('<h1>Test vocabulary</h1>');
  });

  it('has a table of the classes (rdfs:Class or owl:Class): term, label, comment and super-classes, each row with the local name as id', () => {
    const classes = section(pageOf(graph), 'classes');
    expect(classes.startsWith('<h2>Klasser</h2>\n<table>\n<thead><tr><th scope="col">Term</th><th scope="col">Etikett</th><th scope="col">Beskrivning</th><th scope="col">Specialisering av</th></tr></thead>\n<tbody>\n')).toBe(true);
    expect(classes.endsWith('\n</tbody>\n</table>')).toBe(true);
    expect(rowsOf(classes)).toEqual([
      ['County', ['<code>ks:County</code>', '<span>län</span>', '<span>Ett &lt;län&gt; &amp; mer.</span>', '']],
      ['Goal', ['<code>ks:Goal</code>', '', '', '']],
      [
        'Municipality',
        [
          '<code>ks:Municipality</code>',
          '<span>kommun</span>',
          '<span>En kommun.</span>',
          '<a href="http://www.w3.org/ns/org#FormalOrganization" rel="external" title="http://www.w3.org/ns/org#FormalOrganization">org:FormalOrganization</a>, <a href="http://www.w3.org/ns/org#Organization" rel="external" title="http://www.w3.org/ns/org#Organization">org:Organization</a>',
        ],
      ],
    ]);
  });

  it('has a table of the properties (rdf:Property or an OWL property, and no class): domain, range and super-properties too', () => {
    const properties = section(pageOf(graph), 'properties');
    expect(properties.startsWith('<h2>Egenskaper</h2>\n<table>\n<thead><tr><th scope="col">Term</th><th scope="col">Etikett</th><th scope="col">Beskrivning</th><th scope="col">Domän</th><th scope="col">Värdemängd</th><th scope="col">Specialisering av</th></tr></thead>')).toBe(true);
    expect(rowsOf(properties)).toEqual([
      [
        'county',
        [
          '<code>ks:county</code>',
          '<span>län</span>',
          '',
          '<a href="/def#Municipality" title="https://w3id.org/kulturskola/def#Municipality">kommun</a>',
          '<a href="/def#County" title="https://w3id.org/kulturskola/def#County">län</a>',
          '',
        ],
      ],
      ['goal', ['<code>ks:goal</code>', '', '', '', `<a href="/def#Goal" title="${KS}Goal">ks:Goal</a>`, '<a href="http://www.w3.org/ns/org#purpose" rel="external" title="http://www.w3.org/ns/org#purpose">org:purpose</a>']],
      ['isoCode', ['<code>ks:isoCode</code>', '<span>ISO-kod</span>', '', '', '<a href="http://www.w3.org/2001/XMLSchema#string" rel="external" title="http://www.w3.org/2001/XMLSchema#string">xsd:string</a>', '']],
      ['vision', ['<code>ks:vision</code>', '', '', '', '', '']],
    ]);
  });

  it('has a table of the other terms: term, label and comment', () => {
    const others = section(pageOf(graph), 'other-terms');
    expect(others.startsWith('<h2>Övriga termer</h2>\n<table>\n<thead><tr><th scope="col">Term</th><th scope="col">Etikett</th><th scope="col">Beskrivning</th></tr></thead>')).toBe(true);
    expect(rowsOf(others)).toEqual([
      ['Financing', ['<code>ks:Financing</code>', '<span>finansiering</span>', '']],
      ['zeta', ['<code>ks:zeta</code>', '<span>zeta</span>', '']],
    ]);
  });

  it('writes each term\'s row on a line of its own, its cells one after another', () => {
    expect(section(pageOf(graph), 'other-terms')).toBe(
      '<h2>Övriga termer</h2>\n<table>\n<thead><tr><th scope="col">Term</th><th scope="col">Etikett</th><th scope="col">Beskrivning</th></tr></thead>\n<tbody>\n'
        + '<tr id="Financing"><th scope="row"><code>ks:Financing</code></th><td><span>finansiering</span></td><td></td></tr>\n'
        + '<tr id="zeta"><th scope="row"><code>ks:zeta</code></th><td><span>zeta</span></td><td></td></tr>\n'
        + '</tbody>\n</table>',
    );
  });

  it('puts the tables after the properties and before "used by", in the order classes, properties, other terms', () => {
    const html = pageOf(graph);
    const order = ['<section>\n<h2>Egenskaper</h2>', '<section id="classes">', '<section id="properties">', '<section id="other-terms">', '<section id="used-by">', '<section id="sources">'].map((marker) => html.indexOf(marker));
    expect(order.every((position) => position >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toContain('</table>\n</section>\n<section id="properties">');
    expect(html).toContain('</table>\n</section>\n<section id="other-terms">');
  });

  it("leaves the terms out of the ontology's \"used by\", but not what else points at it", () => {
    const usedBy = section(pageOf(graph), 'used-by');
    expect(usedBy).toContain('<a href="http://example.org/l%C3%A5nad" rel="external" title="http://example.org/lånad">http://example.org/lånad</a>');
    expect(usedBy).toContain('<a href="/dataset/vokabular" title="https://w3id.org/kulturskola/dataset/vokabular">kg:dataset/vokabular</a>');
    expect(usedBy).not.toContain(KS);
  });

  it('is in English on an English page, a Swedish label or comment marked as Swedish', () => {
    const html = pageOf(graph, 'en');
    expect(section(html, 'classes')).toContain('<h2>Classes</h2>\n<table>\n<thead><tr><th scope="col">Term</th><th scope="col">Label</th><th scope="col">Comment</th><th scope="col">Specialises</th></tr></thead>');
    expect(section(html, 'properties')).toContain('<h2>Properties</h2>\n<table>\n<thead><tr><th scope="col">Term</th><th scope="col">Label</th><th scope="col">Comment</th><th scope="col">Domain</th><th scope="col">Range</th><th scope="col">Specialises</th></tr></thead>');
    expect(section(html, 'other-terms')).toContain('<h2>Other terms</h2>');
    const classes = rowsOf(section(html, 'classes'));
    expect(classes[0]).toEqual(['County', ['<code>ks:County</code>', '<span lang="sv">län</span>', '<span lang="sv">Ett &lt;län&gt; &amp; mer.</span>', '']]);
    expect(classes[2]![1].slice(1, 3)).toEqual(['<span>municipality</span>', '<span>A municipality.</span>']);
    expect(rowsOf(section(html, 'properties'))[0]![1][3]).toBe('<a href="/def#Municipality" title="https://w3id.org/kulturskola/def#Municipality">municipality</a>');
  });

  it('leaves out a table without terms', () => {
    const onlyClasses = graphOfTriG(`
      @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
      <def> rdfs:label "V"@sv .
      ks:County a rdfs:Class ; rdfs:isDefinedBy <def> .`);
    const html = pageOf(onlyClasses);
    expect(rowsOf(section(html, 'classes')).map(([id]) => id)).toEqual(['County']);
    expect(html).not.toContain('<section id="properties">');
    expect(html).not.toContain('<section id="other-terms">');
    expect(html).toContain('</table>\n</section>\n</main>');
    const onlyOthers = graphOfTriG(`
      @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
      ks:zeta rdfs:isDefinedBy <def> .`);
    const others = pageOf(onlyOthers);
    expect(others).not.toContain('<section id="classes">');
    expect(others).not.toContain('<section id="properties">');
    expect(rowsOf(section(others, 'other-terms'))).toEqual([['zeta', ['<code>ks:zeta</code>', '', '']]]);
    expect(others).toContain('<h1>kg:def</h1>');
  });

  it('shows the shipped vocabulary: every class and property in its table, the county property with its domain and range', async () => {
    const { graph: shipped } = await shippedData();
    const html = pageOf(shipped);
    expect(html).toContain('<h1>Kulturskolegrafens vokabulär</h1>');
    const classes = rowsOf(section(html, 'classes'));
    expect(classes.map(([id]) => id)).toContain('Municipality');
    expect(classes.find(([id]) => id === 'County')![1].slice(0, 2)).toEqual(['<code>ks:County</code>', '<span>län</span>']);
    const county = rowsOf(section(html, 'properties')).find(([id]) => id === 'county')!;
    expect(county[1]).toEqual([
      '<code>ks:county</code>',
      '<span>län</span>',
      '<span>Länet som kommunen ligger i.</span>',
      '<a href="/def#Municipality" title="https://w3id.org/kulturskola/def#Municipality">kommun</a>',
      '<a href="/def#County" title="https://w3id.org/kulturskola/def#County">län</a>',
      '',
    ]);
  });
});
