import { readFile } from 'node:fs/promises';
import { DataFactory, Parser, Store } from 'n3';
import type { NamedNode, Term } from 'n3';
import type { Quad } from '@rdfjs/types';
import { describe, expect, it } from 'vitest';
import { canonicalNTriples } from '../../src/publish/canonicalNTriples.js';
import { parseBody } from '../../src/publish/parseBody.js';
import { dataPath } from '../../src/rdf/dataPath.js';
import { graphOfContent } from '../../src/rdf/graphOfContent.js';
import { IndexedGraph } from '../../src/rdf/IndexedGraph.js';
import { StoreGraph } from '../../src/rdf/StoreGraph.js';
import { kg, rdf } from '../../src/rdf/vocabulary.js';

// The shipped Örebro dataset as the store keeps it (blank nodes, languages, datatypes), read both ways.
const slug = 'orebro-lan';
const { content } = await canonicalNTriples(await parseBody(await readFile(dataPath('graphs/orebro-lan.jsonld')), 'jsonld', slug));
const name = kg.dataset(slug);
const indexed = await graphOfContent(slug, content);
const store = new Store();
for (const { subject, predicate, object } of new Parser({ format: 'N-Triples', blankNodePrefix: `${slug}_` }).parse(content)) store.addQuad(subject, predicate, object, name);
const stored = new StoreGraph(store);

const triples = [...stored.quads()];
const ids = (terms: Iterable<Term>) => [...terms].map((term) => term.id);
const lines = (quads: Iterable<Quad>) => [...quads].map(({ subject, predicate, object, graph }) => `${(subject as Term).id} ${(predicate as Term).id} ${(object as Term).id} ${(graph as Term).id}`);
const unknown = DataFactory.namedNode('https://example.org/not-in-the-data');
const distinct = <T extends Term>(terms: T[]) => [...new Map(terms.map((term) => [term.id, term])).values()];
const subjects = distinct(triples.map(({ subject }) => subject as Term));
const predicates = distinct(triples.map(({ predicate }) => predicate as NamedNode));
const objects = distinct(triples.map(({ object }) => object as Term));

describe('a dataset held as numbers (IndexedGraph)', () => {
  it('holds what an n3 Store of the same triples holds, in the same order', () => {
    expect(triples.length).toBeGreaterThan(100);
    expect(indexed.size).toBe(stored.size);
    expect(lines(indexed.quads())).toEqual(lines(stored.quads()));
    expect(indexed.graphSizes()).toEqual(stored.graphSizes());
  });

  it('answers objects, literals and subjects as the store does, for every subject, predicate and object in the data', () => {
    for (const subject of [...subjects, unknown]) {
      expect(indexed.quadCount(subject)).toBe(stored.quadCount(subject));
      expect(indexed.describes(subject.value)).toBe(subject.termType === 'NamedNode' && stored.describes(subject.value));
      for (const predicate of predicates) {
        expect(ids(indexed.objects(subject, predicate))).toEqual(ids(stored.objects(subject, predicate)));
        expect(ids(indexed.literals(subject, predicate))).toEqual(ids(stored.literals(subject, predicate)));
      }
    }
    for (const predicate of [...predicates, unknown]) for (const object of objects) expect(ids(indexed.subjects(predicate, object))).toEqual(ids(stored.subjects(predicate, object)));
    for (const type of objects.filter((object) => object.termType === 'NamedNode') as NamedNode[]) expect(ids(indexed.instancesOf(type))).toEqual(ids(stored.instancesOf(type)));
    expect(indexed.instancesOf(rdf.Property)).toEqual([]);
  });

  it('says which triples it has, the same terms made by another factory included', () => {
    for (const { subject, predicate, object } of triples) {
      expect(indexed.has(subject as Term, predicate as NamedNode, object as Term)).toBe(true);
      const foreign = JSON.parse(JSON.stringify({ subject, predicate, object }, (key, value) => (key === 'id' ? undefined : value)));
      expect(indexed.has(foreign.subject, foreign.predicate, foreign.object)).toBe(true);
    }
    const [first, second] = triples as [Quad, Quad];
    expect(indexed.has(first.subject as Term, first.predicate as NamedNode, unknown)).toBe(false);
    expect(indexed.has(first.subject as Term, second.predicate as NamedNode, second.object as Term)).toBe(stored.has(first.subject as Term, second.predicate as NamedNode, second.object as Term));
  });

  it('matches every pattern of a triple’s terms as the store does, in its order', () => {
    for (const { subject, predicate, object } of triples.filter((_, index) => index % 7 === 0)) {
      for (let mask = 0; mask < 8; mask++) {
        const pattern = [mask & 1 ? subject : null, mask & 2 ? predicate : null, mask & 4 ? object : null] as [Term | null, Term | null, Term | null];
        expect(lines(indexed.match(...pattern, null))).toEqual(lines(stored.match(...pattern, null)));
        expect(lines(indexed.match(...pattern, name))).toEqual(lines(stored.match(...pattern, name)));
      }
    }
    expect(lines(indexed.match(unknown, null, null, null))).toEqual([]);
    expect(lines(indexed.match(null, null, null, DataFactory.defaultGraph()))).toEqual([]);
    expect(lines(indexed.match(null, null, null, kg.dataset('another')))).toEqual([]);
  });

  it('holds a triple given twice once', () => {
    const terms = ['https://example.org/a', 'https://example.org/p', '"x"@sv'];
    const graph = new IndexedGraph(name, terms, new Map(terms.map((id, index) => [id, index])), Int32Array.from([0, 1, 2, 0, 1, 2, 0, 1, 0]));
    expect(graph.size).toBe(2);
    expect(lines(graph.quads())).toEqual([`https://example.org/a https://example.org/p https://example.org/a ${name.id}`, `https://example.org/a https://example.org/p "x"@sv ${name.id}`]);
    expect(graph.literals(DataFactory.namedNode(terms[0]!), DataFactory.namedNode(terms[1]!)).map((literal) => literal.language)).toEqual(['sv']);
  });
});
