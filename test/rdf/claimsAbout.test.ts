import { DataFactory, Store, type Literal, type NamedNode, type Quad } from 'n3';
import { describe, expect, it } from 'vitest';
import { claimsAbout, type ClaimInDataset } from '../../src/rdf/claimsAbout.js';
import { StoreGraph } from '../../src/rdf/StoreGraph.js';
import { rdf, rdfs } from '../../src/rdf/vocabulary.js';

const { defaultGraph, literal, namedNode, quad } = DataFactory;
const subject = namedNode('https://example.org/school');
const type = namedNode('https://example.org/School');

/**
 * A school typed in datasets c and b (so b is its home), labelled in a, b and c (a label two
 * datasets share), commented on in a, and with a label in no named graph; loaded out of order.
 */
function school(): StoreGraph {
  return new StoreGraph(
    new Store([
      statedIn('c', rdfs.label, literal('Zeta')),
      statedIn('a', rdfs.comment, literal('About')),
      statedIn('c', rdf.type, type),
      statedIn('a', rdfs.label, literal('Shared')),
      statedIn('b', rdfs.label, literal('Shared')),
      statedIn('b', rdfs.label, literal('Alpha')),
      statedIn('b', rdf.type, type),
      quad(subject, rdfs.label, literal('Nowhere'), defaultGraph()),
    ]),
  );
}

describe('claimsAbout', () => {
  describe('of every property', () => {
    it('gives one claim per statement and dataset, by property IRI, then home dataset first, then dataset IRI, then value', () => {
      expect(claimsAbout(school(), subject, null).map(summary)).toEqual([
        'rdf:type b home <https://example.org/School>',
        'rdf:type c <https://example.org/School>',
        'rdfs:comment a "About"',
        'rdfs:label b home "Alpha"',
        'rdfs:label b home "Shared"',
        'rdfs:label a "Shared"',
        'rdfs:label c "Zeta"',
      ]);
    });

    it('takes the home dataset from the type statements only', () => {
      const graph = new StoreGraph(new Store([statedIn('a', rdfs.label, literal('A')), statedIn('b', rdf.type, type)]));
      expect(claimsAbout(graph, subject, null).map(summary)).toEqual(['rdf:type b home <https://example.org/School>', 'rdfs:label a "A"']);
    });

    it('takes the home dataset first by IRI among those stating a type, whatever order they were loaded in', () => {
      for (const order of [['a', 'b'], ['b', 'a']]) {
        const graph = new StoreGraph(new Store(order.map((name) => statedIn(name, rdf.type, type))));
        expect(claimsAbout(graph, subject, null).map(summary)).toEqual(['rdf:type a home <https://example.org/School>', 'rdf:type b <https://example.org/School>']);
      }
    });

    it('marks no claim as home when no dataset states a type', () => {
      const graph = new StoreGraph(new Store([statedIn('b', rdfs.label, literal('B')), statedIn('a', rdfs.label, literal('A'))]));
      expect(claimsAbout(graph, subject, null).map(summary)).toEqual(['rdfs:label a "A"', 'rdfs:label b "B"']);
      expect(claimsAbout(graph, subject, rdfs.label).map(summary)).toEqual(['rdfs:label a "A"', 'rdfs:label b "B"']);
    });
  });

  describe('of one property', () => {
    it('gives that property’s claims, the home dataset’s first', () => {
      expect(claimsAbout(school(), subject, rdfs.label).map(summary)).toEqual([
        'rdfs:label b home "Alpha"',
        'rdfs:label b home "Shared"',
        'rdfs:label a "Shared"',
        'rdfs:label c "Zeta"',
      ]);
    });

    it('gives the claim objects the subject, property, value and dataset they state', () => {
      const [claim] = claimsAbout(school(), subject, rdfs.comment);
      expect(claim).toEqual({ subject, property: rdfs.comment, value: literal('About'), dataset: dataset('a'), home: false });
    });
  });

  it('gives no claims about a subject no dataset describes', () => {
    const graph = new StoreGraph(new Store([quad(subject, rdfs.label, literal('Nowhere'), defaultGraph())]));
    expect(claimsAbout(graph, subject, null)).toEqual([]);
    expect(claimsAbout(graph, subject, rdfs.label)).toEqual([]);
  });
});

function dataset(name: string): NamedNode {
  return namedNode(`https://example.org/dataset/${name}`);
}

function statedIn(name: string, property: NamedNode, value: Literal | NamedNode): Quad {
  return quad(subject, property, value, dataset(name));
}

/** A claim in one line: property (prefixed), dataset name, "home" when it is, and value. */
function summary(claim: ClaimInDataset): string {
  const property = claim.property.value.replace(rdf.type.value.replace(/type$/, ''), 'rdf:').replace(rdfs.label.value.replace(/label$/, ''), 'rdfs:');
  const name = claim.dataset.value.replace('https://example.org/dataset/', '');
  const value = claim.value.termType === 'NamedNode' ? `<${claim.value.value}>` : claim.value.id;
  return [property, name, ...(claim.home ? ['home'] : []), value].join(' ');
}
