import { DataFactory, Store, type Quad } from 'n3';
import { describe, expect, it } from 'vitest';
import { resourceOf, resourcesOf, resourcesOfType, subjectsOfType, textOf, valueOf } from '../../src/rdf/readTerms.js';
import { StoreGraph } from '../../src/rdf/StoreGraph.js';
import { rdf, rdfs } from '../../src/rdf/vocabulary.js';

const { blankNode, literal, namedNode, quad } = DataFactory;
const school = namedNode('https://example.org/school');
const School = namedNode('https://example.org/School');
const Place = namedNode('https://example.org/Place');
const p = namedNode('https://example.org/p');

describe('readTerms', () => {
  describe('resourcesOf', () => {
    it('gives the IRIs and blank nodes among the objects, not the literals', () => {
      const graph = graphOf([statedIn('a', school, p, namedNode('https://example.org/x')), statedIn('a', school, p, blankNode('y')), statedIn('a', school, p, literal('z'))]);
      expect(resourcesOf(graph, school, p).map((term) => term.id)).toEqual(['https://example.org/x', '_:y']);
    });
  });

  describe('resourceOf', () => {
    it('gives the resource with the smallest IRI when one dataset states several, whatever their order', () => {
      for (const order of [['c', 'a', 'b'], ['b', 'c', 'a']]) {
        const graph = graphOf(order.map((name) => statedIn('a', school, p, namedNode(`https://example.org/${name}`))));
        expect(resourceOf(graph, school, p)?.value).toBe('https://example.org/a');
      }
    });

    it('answers from the home dataset when datasets disagree', () => {
      const graph = graphOf([statedIn('b', school, rdf.type, School), statedIn('a', school, p, namedNode('https://example.org/a')), statedIn('b', school, p, namedNode('https://example.org/b'))]);
      expect(resourceOf(graph, school, p)?.value).toBe('https://example.org/b');
    });

    it('gives null when there is no resource object', () => {
      expect(resourceOf(graphOf([statedIn('a', school, p, literal('text'))]), school, p)).toBeNull();
    });
  });

  describe('resourcesOfType and subjectsOfType', () => {
    const place = namedNode('https://example.org/place');
    const other = namedNode('https://example.org/other');
    const graph = graphOf([
      statedIn('a', school, p, place),
      statedIn('a', school, p, other),
      statedIn('a', place, rdf.type, Place),
      statedIn('a', other, rdf.type, School),
      statedIn('a', other, p, place),
      statedIn('a', school, rdf.type, School),
    ]);

    it('keeps the objects that have the type', () => {
      expect(resourcesOfType(graph, school, p, Place)).toEqual([place]);
      expect(resourcesOfType(graph, school, p, School)).toEqual([other]);
    });

    it('keeps the subjects that have the type', () => {
      expect(subjectsOfType(graph, p, place, School).map((term) => term.value).sort()).toEqual([other.value, school.value]);
      expect(subjectsOfType(graph, p, place, Place)).toEqual([]);
    });
  });

  describe('valueOf', () => {
    it('gives the smallest value when one dataset states several, whatever their order', () => {
      for (const order of [['3', '1', '2'], ['2', '3', '1']]) {
        expect(valueOf(graphOf(order.map((value) => statedIn('a', school, p, literal(value)))), school, p)).toBe('1');
      }
    });

    it('answers from the home dataset when datasets disagree', () => {
      const graph = graphOf([statedIn('b', school, rdf.type, School), statedIn('a', school, p, literal('1')), statedIn('b', school, p, literal('2'))]);
      expect(valueOf(graph, school, p)).toBe('2');
    });

    it('reads literals only, and gives null when there are none', () => {
      expect(valueOf(graphOf([statedIn('a', school, p, namedNode('https://example.org/x'))]), school, p)).toBeNull();
    });
  });

  describe('textOf', () => {
    it('gives the text in the language asked for, else by the fallback order', () => {
      const graph = graphOf([statedIn('a', school, rdfs.label, literal('Skolan', 'sv')), statedIn('a', school, rdfs.label, literal('The school', 'en'))]);
      expect(textOf(graph, school, rdfs.label, 'en')).toBe('The school');
      expect(textOf(graph, school, rdfs.label, 'fi')).toBe('Skolan');
    });

    it('gives the only text whatever its language, and null when there is none', () => {
      expect(textOf(graphOf([statedIn('a', school, rdfs.label, literal('Schule', 'de'))]), school, rdfs.label, 'sv')).toBe('Schule');
      expect(textOf(graphOf([]), school, rdfs.label, 'sv')).toBeNull();
    });

    it('answers from the home dataset when datasets give different texts in the chosen language', () => {
      const graph = graphOf([
        statedIn('b', school, rdf.type, School),
        statedIn('a', school, rdfs.label, literal('A-skolan', 'sv')),
        statedIn('b', school, rdfs.label, literal('B-skolan', 'sv')),
        statedIn('a', school, rdfs.label, literal('A school', 'en')),
      ]);
      expect(textOf(graph, school, rdfs.label, 'sv')).toBe('B-skolan');
      expect(textOf(graph, school, rdfs.label, 'en')).toBe('A school');
    });

    it('answers from the home dataset among texts of a regional language, whatever the case of the tag asked for', () => {
      const graph = graphOf([
        statedIn('b', school, rdf.type, School),
        statedIn('a', school, rdfs.label, literal('A colour', 'en-gb')),
        statedIn('b', school, rdfs.label, literal('B colour', 'en-GB')),
        statedIn('b', school, rdfs.label, literal('Skolan', 'sv')),
      ]);
      expect(textOf(graph, school, rdfs.label, 'en-GB')).toBe('B colour');
    });
  });
});

function graphOf(quads: Quad[]): StoreGraph {
  return new StoreGraph(new Store(quads));
}

function statedIn(name: string, subject: Quad['subject'], predicate: Quad['predicate'], object: Quad['object']): Quad {
  return quad(subject, predicate, object, namedNode(`https://example.org/dataset/${name}`));
}
