import { DataFactory, Parser, Store } from 'n3';
import { describe, expect, it } from 'vitest';
import type { Resource } from '../../src/rdf/Graph.js';
import { StoreGraph } from '../../src/rdf/StoreGraph.js';
import { org } from '../../src/rdf/vocabulary.js';
import { byCode, byIri, byName, byPeriodStart, byPosition, sorted, thenBy, through, unordered, type Order } from '../../src/graphql/order.js';

// The orders every list of the API comes back in. The shipped data has no municipality without a
// code, no two grants starting the same day and no membership without an organisation, so each
// order is specified here on a small graph that has those cases.

const { namedNode, blankNode } = DataFactory;
const T = 'https://w3id.org/kulturskola/test/';

const graph = new StoreGraph(
  new Store(
    new Parser({ baseIRI: T }).parse(`
      @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
      @prefix dcterms: <http://purl.org/dc/terms/> .
      @prefix dcat: <http://www.w3.org/ns/dcat#> .
      @prefix schema: <https://schema.org/> .
      @prefix org: <http://www.w3.org/ns/org#> .

      # Names: Swedish alphabetical order puts Å, Ä, Ö after Z; numbers compare as numbers.
      # Each also has an untagged and an English name in a different order, which must not count.
      <name/a> skos:prefLabel "Örebro"@sv, "A"@en, "A" .
      <name/b> skos:prefLabel "Zinkgruvan"@sv, "B"@en, "B" .
      <name/c> skos:prefLabel "Kulturskola 10"@sv, "C"@en, "C" .
      <name/d> skos:prefLabel "Kulturskola 9"@sv, "D"@en, "D" .
      <name/e> skos:prefLabel "Åmål"@sv, "E"@en, "E" .
      <name/f> skos:prefLabel "Ängelholm"@sv, "F"@en, "F" .
      <name/twin-2> skos:prefLabel "Tvilling"@sv .
      <name/twin-1> skos:prefLabel "Tvilling"@sv .
      <name/unnamed-2> skos:prefLabel "Only English"@en .
      <name/unnamed-1> dcterms:identifier "0001" .

      # Codes: compared as text, then by name when equal or both missing; coded before uncoded.
      <code/a> dcterms:identifier "1883" ; skos:prefLabel "Alfa"@sv .
      <code/b> dcterms:identifier "0114" ; skos:prefLabel "Bravo"@sv .
      <code/c> dcterms:identifier "1883" ; skos:prefLabel "Charlie"@sv .
      <code/d> dcterms:identifier "2580" ; skos:prefLabel "Delta"@sv .
      <code/e> skos:prefLabel "Aaa utan kod"@sv .
      <code/f> skos:prefLabel "Eko utan kod"@sv .
      <code/g> skos:prefLabel "Aab utan kod"@sv .

      # Positions: by position, then by name when equal or missing.
      <position/a> schema:position 3 ; skos:prefLabel "Alfa"@sv .
      <position/b> schema:position 1 ; skos:prefLabel "Bravo"@sv .
      <position/c> schema:position 3 ; skos:prefLabel "Aaa"@sv .
      <position/d> skos:prefLabel "Aab"@sv .

      # Periods: by start date, then by IRI; without a period or a start date last.
      <grant/a> dcterms:temporal [ dcat:startDate "2024-01-01" ] .
      <grant/b> dcterms:temporal [ dcat:startDate "2019-07-01" ] .
      <grant/c> dcterms:temporal [ dcat:startDate "2021-01-01" ] .
      <grant/d> dcterms:temporal [ dcat:startDate "2021-01-01" ] .
      <grant/0-undated> dcterms:temporal [ dcat:endDate "2020-01-01" ] .
      <grant/00-no-period> skos:prefLabel "Ingen period"@sv .

      # Memberships: by organisation name, then by role name, then by IRI; without a link last.
      <org/x> skos:prefLabel "Xylofon"@sv .
      <org/y> skos:prefLabel "Ystad"@sv .
      <role/chair> skos:prefLabel "Ordförande"@sv .
      <role/member> skos:prefLabel "Ledamot"@sv .
      <membership/1> org:organization <org/y> ; org:role <role/member> .
      <membership/2> org:organization <org/x> ; org:role <role/member> .
      <membership/3> org:organization <org/x> ; org:role <role/chair> .
      <membership/4> org:role <role/chair> .
      <membership/5> org:organization <org/x> .
      <membership/6> org:organization <org/x> ; org:role <role/member> .
      <membership/0> org:organization <org/y> ; org:role <role/member> .
    `),
  ),
);

describe('the orders of lists', () => {
  describe('byIri', () => {
    it('lists resources by IRI, in code-point order', () => {
      expect(orderedFrom(['name/b', 'name/B', 'name/a', 'name/twin-1', 'name/twin-10', 'name/twin-2'], byIri)).toEqual([
        'name/B',
        'name/a',
        'name/b',
        'name/twin-1',
        'name/twin-10',
        'name/twin-2',
      ]);
    });
  });

  describe('byName', () => {
    it('lists resources by Swedish name in Swedish alphabetical order: numbers as numbers, Å, Ä, Ö after Z', () => {
      expect(orderedFrom(['name/a', 'name/b', 'name/c', 'name/d', 'name/e', 'name/f'], byName(graph))).toEqual([
        'name/d', // Kulturskola 9
        'name/c', // Kulturskola 10
        'name/b', // Zinkgruvan
        'name/e', // Åmål
        'name/f', // Ängelholm
        'name/a', // Örebro
      ]);
    });

    it('puts resources without a Swedish name first, and breaks ties by IRI', () => {
      expect(orderedFrom(['name/a', 'name/twin-2', 'name/twin-1', 'name/unnamed-2', 'name/unnamed-1'], byName(graph))).toEqual([
        'name/unnamed-1',
        'name/unnamed-2',
        'name/twin-1',
        'name/twin-2',
        'name/a',
      ]);
    });
  });

  describe('byCode', () => {
    it('lists resources by code, equal codes by name, and those without a code last, by name', () => {
      expect(orderedFrom(['code/a', 'code/b', 'code/c', 'code/d', 'code/e', 'code/f', 'code/g'], byCode(graph))).toEqual([
        'code/b', // 0114
        'code/a', // 1883 Alfa
        'code/c', // 1883 Charlie
        'code/d', // 2580
        'code/e', // Aaa utan kod
        'code/g', // Aab utan kod
        'code/f', // Eko utan kod
      ]);
    });
  });

  describe('byPosition', () => {
    it('lists resources by position, equal or missing positions by name, missing ones last', () => {
      expect(orderedFrom(['position/a', 'position/b', 'position/c', 'position/d'], byPosition(graph))).toEqual(['position/b', 'position/c', 'position/a', 'position/d']);
    });
  });

  describe('byPeriodStart', () => {
    it('lists resources by the start of their period, ties by IRI, and those without a start date last, by IRI', () => {
      expect(orderedFrom(['grant/a', 'grant/b', 'grant/c', 'grant/d', 'grant/0-undated', 'grant/00-no-period'], byPeriodStart(graph))).toEqual([
        'grant/b', // 2019
        'grant/c', // 2021
        'grant/d', // 2021
        'grant/a', // 2024
        'grant/0-undated',
        'grant/00-no-period',
      ]);
    });
  });

  describe('thenBy and through', () => {
    const memberships = thenBy(through(graph, org.organization, byName(graph)), through(graph, org.role, byName(graph)));

    it('lists memberships by their organisation, then by their role, in those resources’ order, then by IRI', () => {
      expect(orderedFrom(['membership/0', 'membership/1', 'membership/2', 'membership/3', 'membership/6'], memberships)).toEqual([
        'membership/2', // Xylofon, Ledamot
        'membership/6', // Xylofon, Ledamot
        'membership/3', // Xylofon, Ordförande
        'membership/0', // Ystad, Ledamot
        'membership/1', // Ystad, Ledamot
      ]);
    });

    it('puts a membership without an organisation or without a role after those with one', () => {
      expect(orderedFrom(['membership/1', 'membership/2', 'membership/3', 'membership/4', 'membership/5'], memberships)).toEqual([
        'membership/2', // Xylofon, Ledamot
        'membership/3', // Xylofon, Ordförande
        'membership/5', // Xylofon, no role
        'membership/1', // Ystad, Ledamot
        'membership/4', // no organisation
      ]);
    });

    it('keeps resources that no order tells apart in IRI order', () => {
      const none = through(graph, org.linkedTo, byName(graph));
      expect(orderedFrom(['membership/3', 'membership/1', 'membership/2'], thenBy(none, none))).toEqual(['membership/1', 'membership/2', 'membership/3']);
    });
  });

  describe('sorted', () => {
    it('lists each resource once, and tells an IRI and a blank node with the same label apart', () => {
      const [a, b] = [namedNode(`${T}name/a`), namedNode(`${T}name/b`)];
      const listed = sorted([b, a, blankNode('b0'), b, namedNode(`${T}name/a`), blankNode('b0')], byIri);
      expect(listed.map((resource) => resource.termType + ' ' + resource.value)).toEqual(['BlankNode b0', `NamedNode ${T}name/a`, `NamedNode ${T}name/b`]);
    });

    it('inside unordered, still lists each resource once but compares none (a list measured for its length), and sorts again after it, even when the measurement threw', () => {
      const [a, b] = [namedNode(`${T}name/a`), namedNode(`${T}name/b`)];
      const compared: string[] = [];
      const recording: Order = (x, y) => (compared.push(`${x.value} ${y.value}`), byIri(x, y));
      const listed = unordered(() => sorted([b, a, b, namedNode(`${T}name/a`)], recording));
      expect(listed.map((resource) => resource.value).sort()).toEqual([`${T}name/a`, `${T}name/b`]);
      expect(compared).toEqual([]);
      expect(() =>
        unordered(() => {
          throw new Error('a resolver failed');
        }),
      ).toThrow('a resolver failed');
      expect(sorted([b, a], recording).map((resource) => resource.value)).toEqual([`${T}name/a`, `${T}name/b`]);
      expect(compared).not.toEqual([]);
    });
  });
});

/**
 * The paths of `paths` in the order `order` sorts them, after checking that every order the
 * resources could come in (a graph promises no order) gives that same answer.
 */
function orderedFrom(paths: string[], order: Order): string[] {
  const answers = new Set(permutations(paths).map((input) => sorted(input.map((path) => namedNode(T + path) as Resource), order).map((resource) => resource.value.slice(T.length)).join(' ')));
  expect([...answers], 'the same order whatever order the resources come in').toHaveLength(1);
  return [...answers][0]!.split(' ');
}

function permutations<Item>(items: Item[]): Item[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, index) => permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]));
}
