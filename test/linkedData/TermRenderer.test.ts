import type { Quad, Term } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeResource } from '../../src/http/linkedData/describeResource.js';
import { TermRenderer } from '../../src/http/linkedData/TermRenderer.js';
import type { Graph } from '../../src/rdf/Graph.js';
import { kg, ks, org, rdf, skos } from '../../src/rdf/vocabulary.js';
import { graphOfTriG } from '../support/graphOfTriG.js';
import { iri, shippedData } from './linkedDataServer.js';

// How a resource page writes RDF terms. The shipped data has every resource labelled in Swedish
// and no deep blank nodes, so most cases are specified on a graph of their own.

const { namedNode, blankNode, literal, variable, defaultGraph } = DataFactory;

const trig = `
  @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
  @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
  @prefix ex: <http://example.org/> .

  <dataset/test> {
    <test/thing> a ks:Municipality, org:Organization ;
      skos:prefLabel "Ting"@sv, "Thing"@en ;
      ks:county <test/zeta>, <test/ostra> ;
      org:hasUnit [ skos:prefLabel "Inre"@sv ; org:purpose "Syfte"@sv ] ;
      dcterms:identifier "0001" ;
      ex:count 42 ;
      ex:odd "x"^^ex:datatype .
    ks:Municipality skos:prefLabel "Kommun"@sv .
    org:Organization skos:prefLabel "Organisation"@sv .
    ks:county rdfs:label "län"@sv, "county"@en .
    <test/zeta> skos:prefLabel "Zeta"@sv .
    <test/ostra> skos:prefLabel "Östra"@sv .
    <test/english> rdfs:label "Only English"@en .
    <test/plain> rdfs:label "Utan språk" .
    <test/escaped> rdfs:label "Fisk & <pommes> \\"frites\\"" .
    ex:x rdfs:label "Ex"@en .
    <test/twin/b> skos:prefLabel "Tvilling"@sv .
    <test/twin/a> skos:prefLabel "Tvilling"@sv .
  }
  <dataset/other> {
    <test/thing> dcterms:identifier "0001" ; ks:county <test/zeta> .
  }
`;

let graph: Graph;
let thing: ReturnType<typeof namedNode>;
let description: Quad[];
const sv = (): TermRenderer => new TermRenderer(graph, 'sv', description);
const en = (): TermRenderer => new TermRenderer(graph, 'en', description);
const test = (path: string) => namedNode(iri(`test/${path}`));

beforeAll(() => {
  graph = graphOfTriG(trig);
  thing = test('thing');
  description = describeResource(graph, thing);
});

/** The predicates of a property list, in order, leaving out those of the blank nodes nested in it. */
function predicatesOf(html: string): string[] {
  return [...html.replace(/<div class="blank">.*?<\/div>/gs, '').matchAll(/<dt>.*? title="([^"]+)"/g)].map(([, predicate]) => predicate!);
}

/** The blank node the thing's org:hasUnit points at. */
function unit(): Term {
  return description.find((quad) => quad.predicate.equals(org.hasUnit))!.object;
}

describe('TermRenderer', () => {
  describe('name', () => {
    it("names an IRI by its label in the page's language, and says which language that is", () => {
      expect(sv().name(thing)).toEqual({ text: 'Ting', language: 'sv' });
      expect(en().name(thing)).toEqual({ text: 'Thing', language: 'en' });
    });

    it('falls back to a label in another language, or to one without a language', () => {
      expect(sv().name(test('english'))).toEqual({ text: 'Only English', language: 'en' });
      expect(en().name(test('plain'))).toEqual({ text: 'Utan språk', language: '' });
    });

    it('names an unlabelled IRI by its prefixed name, else by the IRI itself, in no language', () => {
      expect(sv().name(org.memberOf)).toEqual({ text: 'org:memberOf', language: '' });
      expect(sv().name(namedNode('http://example.org/unlabelled'))).toEqual({ text: 'http://example.org/unlabelled', language: '' });
    });

    it("names an unlabelled blank node in the page's words, and a labelled one by its label", () => {
      expect(sv().name(blankNode('nobody'))).toEqual({ text: 'namnlös nod', language: 'sv' });
      expect(en().name(blankNode('nobody'))).toEqual({ text: 'unnamed node', language: 'en' });
      expect(sv().name(unit())).toEqual({ text: 'Inre', language: 'sv' });
    });

    it('names a literal by its own text and language', () => {
      expect(sv().name(literal('Hallo', 'de'))).toEqual({ text: 'Hallo', language: 'de' });
      expect(sv().name(literal('42'))).toEqual({ text: '42', language: '' });
    });

    it('gives each term its own name however often names are asked for', () => {
      const renderer = sv();
      expect(renderer.name(thing)).toEqual({ text: 'Ting', language: 'sv' });
      expect(renderer.name(thing)).toEqual({ text: 'Ting', language: 'sv' });
      expect(renderer.name(test('english'))).toEqual({ text: 'Only English', language: 'en' });
    });
  });

  describe('link', () => {
    it('links one of our IRIs to its path on this server, named by its label, the IRI as title', () => {
      expect(sv().link(thing)).toBe(`<a href="/test/thing" title="${iri('test/thing')}">Ting</a>`);
      expect(en().link(thing)).toBe(`<a href="/test/thing" title="${iri('test/thing')}">Thing</a>`);
    });

    it('marks another site as external, and a label in another language than the page’s with its lang', () => {
      const ex = namedNode('http://example.org/x');
      expect(sv().link(ex)).toBe('<a href="http://example.org/x" rel="external" lang="en" title="http://example.org/x">Ex</a>');
      expect(en().link(ex)).toBe('<a href="http://example.org/x" rel="external" title="http://example.org/x">Ex</a>');
      expect(sv().link(org.memberOf)).toBe('<a href="http://www.w3.org/ns/org#memberOf" rel="external" title="http://www.w3.org/ns/org#memberOf">org:memberOf</a>');
    });

    it('gives a label without a language no lang attribute', () => {
      expect(en().link(test('plain'))).toBe(`<a href="/test/plain" title="${iri('test/plain')}">Utan språk</a>`);
    });

    it('writes an IRI it cannot link (no http(s)) as code, with the IRI as title', () => {
      expect(sv().link(namedNode('urn:isbn:9789100000000'))).toBe('<code title="urn:isbn:9789100000000">urn:isbn:9789100000000</code>');
      expect(sv().link(namedNode('javascript:alert("x")'))).toBe('<code title="javascript:alert(&quot;x&quot;)">javascript:alert(&quot;x&quot;)</code>');
    });

    it('escapes the label, the title and the link', () => {
      expect(sv().link(test('escaped'))).toBe(`<a href="/test/escaped" title="${iri('test/escaped')}">Fisk &amp; &lt;pommes&gt; &quot;frites&quot;</a>`);
      expect(sv().link(namedNode("http://example.org/a'b&c"))).toBe(
        '<a href="http://example.org/a&#39;b&amp;c" rel="external" title="http://example.org/a&#39;b&amp;c">http://example.org/a&#39;b&amp;c</a>',
      );
    });

    it('writes a literal or a blank node as a value, not a link', () => {
      expect(sv().link(literal('Hej', 'sv'))).toBe('<span lang="sv">Hej</span> <small>@sv</small>');
      expect(sv().link(blankNode('nobody'))).toBe('<em>namnlös nod</em>');
    });
  });

  describe('predicate', () => {
    it('names a labelled predicate by its label, its prefixed name beside it', () => {
      expect(sv().predicate(ks.county)).toBe(`<a href="/def#county" title="${ks.county.value}">län</a> <small><code>ks:county</code></small>`);
      expect(en().predicate(ks.county)).toBe(`<a href="/def#county" title="${ks.county.value}">county</a> <small><code>ks:county</code></small>`);
    });

    it('does not repeat the prefixed name of an unlabelled predicate, and has none to show for an IRI outside the known prefixes', () => {
      expect(sv().predicate(org.memberOf)).toBe('<a href="http://www.w3.org/ns/org#memberOf" rel="external" title="http://www.w3.org/ns/org#memberOf">org:memberOf</a>');
      expect(sv().predicate(namedNode('http://example.org/count'))).toBe('<a href="http://example.org/count" rel="external" title="http://example.org/count">http://example.org/count</a>');
    });
  });

  describe('text', () => {
    it("writes a literal's text alone, marked with its language only when that is not the page's", () => {
      expect(sv().text(literal('Hej', 'sv'))).toBe('<span>Hej</span>');
      expect(sv().text(literal('Hi', 'en'))).toBe('<span lang="en">Hi</span>');
      expect(en().text(literal('Hi', 'en'))).toBe('<span>Hi</span>');
      expect(sv().text(literal('42'))).toBe('<span>42</span>');
    });

    it('escapes the text, and writes any other term by its value', () => {
      expect(sv().text(literal('a < b & "c"', 'sv'))).toBe('<span>a &lt; b &amp; &quot;c&quot;</span>');
      expect(sv().text(thing)).toBe(`<span>${iri('test/thing')}</span>`);
    });
  });

  describe('value', () => {
    it('writes a literal with its language, or its datatype unless that is xsd:string', () => {
      expect(sv().value(literal('Hej', 'sv'))).toBe('<span lang="sv">Hej</span> <small>@sv</small>');
      expect(en().value(literal('Hej', 'sv'))).toBe('<span lang="sv">Hej</span> <small>@sv</small>');
      expect(sv().value(literal('abc'))).toBe('<span>abc</span>');
      const count = description.find((quad) => quad.predicate.value === 'http://example.org/count')!.object;
      expect(sv().value(count)).toBe('<span>42</span> <small>xsd:integer</small>');
      const odd = description.find((quad) => quad.predicate.value === 'http://example.org/odd')!.object;
      expect(sv().value(odd)).toBe('<span>x</span> <small>http://example.org/datatype</small>');
    });

    it('escapes a literal and its language', () => {
      expect(sv().value(literal('<b>&</b>'))).toBe('<span>&lt;b&gt;&amp;&lt;/b&gt;</span>');
    });

    it('writes an IRI as a link', () => {
      expect(sv().value(thing)).toBe(`<a href="/test/thing" title="${iri('test/thing')}">Ting</a>`);
    });

    it("nests a blank node's properties from the description", () => {
      expect(sv().value(unit())).toBe(
        '<div class="blank"><dl class="properties">\n'
          + '<dt><a href="http://www.w3.org/ns/org#purpose" rel="external" title="http://www.w3.org/ns/org#purpose">org:purpose</a></dt>\n'
          + '<dd><ul><li><span lang="sv">Syfte</span> <small>@sv</small></li></ul></dd>\n'
          + '<dt><a href="http://www.w3.org/2004/02/skos/core#prefLabel" rel="external" title="http://www.w3.org/2004/02/skos/core#prefLabel">skos:prefLabel</a></dt>\n'
          + '<dd><ul><li><span lang="sv">Inre</span> <small>@sv</small></li></ul></dd>\n'
          + '</dl></div>',
      );
    });

    it('names a blank node the description does not describe instead of nesting it', () => {
      expect(sv().value(blankNode('elsewhere'))).toBe('<em>namnlös nod</em>');
      expect(en().value(blankNode('elsewhere'))).toBe('<em>unnamed node</em>');
    });

    it('writes a term that is neither IRI, literal nor blank node as code', () => {
      expect(sv().value(variable('x'))).toBe('<code>x</code>');
      expect(sv().value(defaultGraph())).toBe('<code></code>');
    });
  });

  describe('blank nodes nested in blank nodes', () => {
    /** A chain of `length` blank nodes from <test/deep>, each with a label, as the renderer of its description. */
    function chainOf(length: number): TermRenderer {
      const links = Array.from({ length }, (_, index) => `_:b${index} skos:prefLabel "nod ${index}" ; org:linkedTo ${index + 1 < length ? `_:b${index + 1}` : '"slut"'} .`);
      const chained = graphOfTriG(`<test/deep> org:linkedTo _:b0 . ${links.join('\n')}`);
      return new TermRenderer(chained, 'sv', describeResource(chained, namedNode(iri('test/deep'))));
    }

    it('nests eight levels deep, and names the ninth instead of nesting it', () => {
      const html = chainOf(9).properties(namedNode(iri('test/deep')));
      expect(html.split('<div class="blank">')).toHaveLength(9);
      expect(html).toContain('<em>nod 8</em>');
      expect(html).not.toContain('slut');
      expect(html).toContain('<span>nod 7</span>');
    });

    it('nests a chain of eight in full', () => {
      const html = chainOf(8).properties(namedNode(iri('test/deep')));
      expect(html.split('<div class="blank">')).toHaveLength(9);
      expect(html).toContain('<span>slut</span>');
      expect(html).not.toContain('<em>');
    });

    it('ends a cycle of blank nodes at the first one met again', () => {
      const cyclic = graphOfTriG(`<test/cycle> org:linkedTo _:a . _:a skos:prefLabel "A" ; org:linkedTo _:b . _:b skos:prefLabel "B" ; org:linkedTo _:a .`);
      const renderer = new TermRenderer(cyclic, 'sv', describeResource(cyclic, namedNode(iri('test/cycle'))));
      const html = renderer.properties(namedNode(iri('test/cycle')));
      expect(html.split('<div class="blank">')).toHaveLength(3);
      expect(html).toContain('<li><em>A</em></li>');
      // Starting from a blank node, that node counts as met.
      const a = describeResource(cyclic, namedNode(iri('test/cycle')))[0]!.object;
      const fromA = renderer.properties(a);
      expect(fromA.split('<div class="blank">')).toHaveLength(2);
      expect(fromA).toContain('<li><em>A</em></li>');
      expect(fromA).not.toContain('<em>B</em>');
    });
  });

  describe('types', () => {
    it("links a subject's types, sorted by name", () => {
      expect(sv().types(thing)).toBe(
        `<a href="/def#Municipality" title="${ks.Municipality.value}">Kommun</a>, `
          + `<a href="http://www.w3.org/ns/org#Organization" rel="external" title="${org.Organization.value}">Organisation</a>`,
      );
    });

    it('is empty for a subject without types', () => {
      expect(sv().types(test('zeta'))).toBe('');
      expect(sv().types(unit())).toBe('');
    });
  });

  describe('properties', () => {
    it('lists the types first, then each predicate by name, each value once however many graphs state it', () => {
      const html = sv().properties(thing);
      expect(predicatesOf(html)).toEqual([
        rdf.type.value,
        'http://purl.org/dc/terms/identifier',
        'http://example.org/count',
        'http://example.org/odd',
        ks.county.value,
        org.hasUnit.value,
        skos.prefLabel.value,
      ]);
      expect(html.match(/0001/g)).toHaveLength(1);
      expect(html).toContain(
        '<dt><a href="/def#county" title="https://w3id.org/kulturskola/def#county">län</a> <small><code>ks:county</code></small></dt>\n'
          + `<dd><ul><li><a href="/test/zeta" title="${iri('test/zeta')}">Zeta</a></li><li><a href="/test/ostra" title="${iri('test/ostra')}">Östra</a></li></ul></dd>`,
      );
      expect(html.startsWith('<dl class="properties">\n<dt><a href="http://www.w3.org/1999/02/22-rdf-syntax-ns#type"')).toBe(true);
      expect(html.endsWith('</dd>\n</dl>')).toBe(true);
    });

    it("sorts values in the page's language: Ö after Z in Swedish, beside O in English", () => {
      expect(en().properties(thing)).toContain(
        `<dd><ul><li><a href="/test/ostra" lang="sv" title="${iri('test/ostra')}">Östra</a></li><li><a href="/test/zeta" lang="sv" title="${iri('test/zeta')}">Zeta</a></li></ul></dd>`,
      );
    });

    it('lists the types first also when the description states them after the other properties', () => {
      // Stated last, so the store gives rdf:type after skos:prefLabel and dcterms:identifier; by name, "rdf:type" would come between them.
      const late = graphOfTriG(`<test/late> skos:prefLabel "Sen"@sv ; dcterms:identifier "9" . <test/late> a ks:Municipality .`);
      const subject = namedNode(iri('test/late'));
      const quads = describeResource(late, subject);
      const expected = [rdf.type.value, 'http://purl.org/dc/terms/identifier', skos.prefLabel.value];
      expect(predicatesOf(new TermRenderer(late, 'sv', quads).properties(subject))).toEqual(expected);
      expect(predicatesOf(new TermRenderer(late, 'sv', [...quads].reverse()).properties(subject))).toEqual(expected);
      expect(predicatesOf(new TermRenderer(late, 'en', quads).properties(subject))).toEqual(expected);
    });

    it('leaves the types out when asked to, and any predicate asked to', () => {
      const html = sv().properties(thing, { withTypes: false, leaveOut: new Set([ks.county.value, skos.prefLabel.value]) });
      expect(predicatesOf(html)).toEqual(['http://purl.org/dc/terms/identifier', 'http://example.org/count', 'http://example.org/odd', org.hasUnit.value]);
      // What is left out is left out of the subject's own list only, not of its blank nodes'.
      expect(html).toContain('<span lang="sv">Inre</span>');
    });

    it('is empty for a subject without properties in the description', () => {
      expect(sv().properties(test('zeta'))).toBe('');
      expect(sv().properties(thing, { withTypes: false, leaveOut: new Set(description.map((quad) => quad.predicate.value)) })).toBe('');
    });
  });

  describe('compare and sorted', () => {
    it('orders by name, then by IRI when names are equal, whatever the order given', () => {
      const [a, b] = [test('twin/a'), test('twin/b')];
      const ostra = test('ostra');
      expect(sv().sorted([b, a, ostra]).map((term) => term.value)).toEqual([iri('test/twin/a'), iri('test/twin/b'), iri('test/ostra')]);
      expect(sv().sorted([a, ostra, b]).map((term) => term.value)).toEqual([iri('test/twin/a'), iri('test/twin/b'), iri('test/ostra')]);
      expect(sv().compare(a, b)).toBe(-1);
      expect(sv().compare(b, a)).toBe(1);
      expect(sv().compare(a, a)).toBe(0);
    });

    it('orders by name rather than by IRI', () => {
      // By IRI, /test/ostra comes before /test/zeta.
      expect(sv().compare(test('zeta'), test('ostra'))).toBe(-1);
      expect(en().compare(test('zeta'), test('ostra'))).toBe(1);
    });

    it('leaves the list it is given as it was', () => {
      const given = [test('zeta'), test('twin/a')];
      expect(sv().sorted(given).map((term) => term.value)).toEqual([iri('test/twin/a'), iri('test/zeta')]);
      expect(given.map((term) => term.value)).toEqual([iri('test/zeta'), iri('test/twin/a')]);
    });
  });

  describe('on the shipped data', () => {
    it("writes a municipality's county as a link named in Swedish, with the predicate's label and prefixed name", async () => {
      const { graph: shipped } = await shippedData();
      const karlskoga = namedNode(iri('kommun/1883'));
      const renderer = new TermRenderer(shipped, 'sv', describeResource(shipped, karlskoga));
      expect(renderer.name(karlskoga)).toEqual({ text: 'Karlskoga', language: 'sv' });
      const html = renderer.properties(karlskoga);
      expect(html).toContain('<a href="/lan/18" title="https://w3id.org/kulturskola/lan/18">Örebro län</a>');
      expect(html).toContain('<small><code>ks:county</code></small>');
      expect(renderer.link(kg.dataset('kommuner'))).toBe('<a href="/dataset/kommuner" title="https://w3id.org/kulturskola/dataset/kommuner">Sveriges kommuner och län</a>');
      expect(new TermRenderer(shipped, 'en', []).link(kg.dataset('kommuner'))).toBe('<a href="/dataset/kommuner" title="https://w3id.org/kulturskola/dataset/kommuner">Sweden&#39;s municipalities and counties</a>');
    });
  });
});
