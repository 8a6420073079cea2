import sparqljs from 'sparqljs';
import type { Query } from 'sparqljs';
import { describe, expect, it } from 'vitest';
import { measureQuery, type QueryMeasures } from '../../../src/http/sparql/measureQuery.js';

/** 2^53 − 1: where the string growth estimate stops growing. */
const SATURATED = 9_007_199_254_740_991;

describe('measureQuery', () => {
  it('measures a plain pattern as no expression, no path and no growth', () => {
    expect(measure('SELECT * WHERE { ?s <https://example.org/p> <https://example.org/o> }')).toEqual({ expressionDepth: 0, pathSteps: 0, stringGrowth: 1 });
  });

  describe('expressionDepth', () => {
    it('counts one level per operator of a chain', () => {
      expect(measure('ASK { FILTER(?a) }').expressionDepth).toBe(0);
      expect(measure('ASK { FILTER(?a || ?b) }').expressionDepth).toBe(1);
      expect(measure('ASK { FILTER(?a || ?b || ?c) }').expressionDepth).toBe(2);
      expect(measure('ASK { FILTER(?a + ?b + ?c + ?d) }').expressionDepth).toBe(3);
    });

    it('counts built-in and custom function calls and aggregates as levels', () => {
      expect(measure('ASK { FILTER(STR(STR(?a))) }').expressionDepth).toBe(2);
      expect(measure('ASK { FILTER(<https://example.org/f>(<https://example.org/f>(?a))) }').expressionDepth).toBe(2);
      expect(measure('SELECT (COUNT(?s) AS ?n) WHERE { ?s ?p ?o }').expressionDepth).toBe(1);
      expect(measure('SELECT (SUM(STRLEN(?s)) AS ?n) WHERE { ?s ?p ?o }').expressionDepth).toBe(2);
    });

    it('takes the deepest of several expressions, not their sum', () => {
      expect(measure('ASK { FILTER(?a || ?b || ?c) FILTER(?a && ?b) BIND(STR(?a) AS ?x) }').expressionDepth).toBe(2);
    });

    it('counts on through a pattern inside an expression', () => {
      expect(measure('ASK { FILTER(EXISTS { FILTER(?a || ?b) }) }').expressionDepth).toBe(2);
    });
  });

  describe('pathSteps', () => {
    it('counts the IRIs of the longest property path', () => {
      expect(measure('ASK { ?s <https://example.org/p>* ?o }').pathSteps).toBe(1);
      expect(measure('ASK { ?s <https://example.org/p>/<https://example.org/q>|^<https://example.org/r> ?o }').pathSteps).toBe(3);
      expect(measure('ASK { ?s <https://example.org/p>/(<https://example.org/q>|<https://example.org/r>)+ ?o }').pathSteps).toBe(3);
      expect(measure('ASK { ?s !(<https://example.org/q>|^<https://example.org/r>) ?o }').pathSteps).toBe(2);
    });

    it('takes the longest of several paths, not their sum', () => {
      expect(
        measure('ASK { ?s <https://example.org/p>/<https://example.org/q> ?o . ?o <https://example.org/a>/<https://example.org/b>/<https://example.org/c> ?x . ?x <https://example.org/d>/<https://example.org/e> ?y }')
          .pathSteps,
      ).toBe(3);
    });

    it('does not count IRIs outside paths', () => {
      expect(measure('ASK { <https://example.org/s> <https://example.org/p> <https://example.org/o> ; <https://example.org/q>/<https://example.org/r> ?x }').pathSteps).toBe(2);
    });
  });

  describe('stringGrowth', () => {
    it('adds the lengths of what CONCAT joins', () => {
      expect(growth('BIND(CONCAT(?x, ?x) AS ?y)')).toBe(2);
      expect(growth('BIND(CONCAT(?x, "abc", ?x) AS ?y)')).toBe(3);
    });

    it('multiplies by one more than the length of the replacement of REPLACE, at least two', () => {
      expect(growth('BIND(REPLACE(?x, "a", "xyz") AS ?y)')).toBe(4);
      expect(growth('BIND(REPLACE(?x, "a", "") AS ?y)')).toBe(2);
      expect(growth('BIND(REPLACE(CONCAT(?x, ?x), "a", "xy", "i") AS ?y)')).toBe(6);
    });

    it('takes a replacement that is no literal by its own growth', () => {
      expect(growth('BIND(CONCAT(?x, ?x, ?x) AS ?r) BIND(REPLACE(?x, "a", ?r) AS ?y)')).toBe(4);
      expect(growth('BIND(REPLACE(?x, "a", ?unbound) AS ?y)')).toBe(2);
    });

    it('triples the length for ENCODE_FOR_URI', () => {
      expect(growth('BIND(ENCODE_FOR_URI(?x) AS ?y)')).toBe(3);
      expect(growth('BIND(ENCODE_FOR_URI(CONCAT(?x, ?x)) AS ?y)')).toBe(6);
    });

    it('passes the largest growth of its arguments through any other function', () => {
      expect(growth('BIND(UCASE(CONCAT(?x, ?x)) AS ?y)')).toBe(2);
      expect(growth('BIND(IF(?c, CONCAT(?x, ?x, ?x), CONCAT(?x, ?x)) AS ?y)')).toBe(3);
      expect(growth('BIND(?z IN (CONCAT(?x, ?x, ?x)) AS ?y)')).toBe(3);
      expect(growth('BIND(<https://example.org/f>(CONCAT(?x, ?x)) AS ?y)')).toBe(2);
      expect(growth('BIND(STR(?x) AS ?y)')).toBe(1);
    });

    it('counts no growth for ordering and grouping by plain expressions', () => {
      expect(measure('SELECT ?o WHERE { ?s ?p ?o } GROUP BY ?o ORDER BY DESC(?o) ?o').stringGrowth).toBe(1);
    });

    it('follows variables bound with BIND, in a projection and in GROUP BY, in whatever order they are bound', () => {
      expect(growth('BIND(CONCAT(?y, ?y) AS ?z) BIND(CONCAT(?x, ?x) AS ?y)')).toBe(4);
      expect(growth('BIND(CONCAT(?w, ?w) AS ?z) BIND(CONCAT(?x, ?x) AS ?y) BIND(CONCAT(?y, ?y) AS ?w)')).toBe(8);
      expect(measure('SELECT (CONCAT(?a, ?a, ?a) AS ?b) WHERE {}').stringGrowth).toBe(3);
      expect(measure('SELECT ?v WHERE { ?s ?p ?o } GROUP BY (CONCAT(?o, ?o) AS ?v)').stringGrowth).toBe(2);
      expect(measure('SELECT (GROUP_CONCAT(CONCAT(?x, ?x)) AS ?y) WHERE {}').stringGrowth).toBe(2);
    });

    it('takes the largest growth of any variable, not the last', () => {
      expect(growth('BIND(CONCAT(?x, ?x, ?x) AS ?a) BIND(CONCAT(?x, ?x) AS ?b)')).toBe(3);
    });

    it('keeps the larger growth of a variable bound twice', () => {
      expect(growth('{ BIND(CONCAT(?x, ?x, ?x) AS ?y) } UNION { BIND(CONCAT(?x, ?x) AS ?y) } BIND(CONCAT(?y, ?y) AS ?z)')).toBe(6);
    });

    it('follows a cycle, which only a subquery’s variable of the same name can close, one pass per binding and one more, not to the ceiling', () => {
      // ?y = 2·?x inside, ?x = 2·?y outside: three passes double twice each.
      expect(measure('SELECT * WHERE { { SELECT (CONCAT(?x, ?x) AS ?y) WHERE { ?s ?p ?x } } BIND(CONCAT(?y, ?y) AS ?x) }').stringGrowth).toBe(64);
    });

    it('saturates at 2^53 − 1', () => {
      expect(growth(doublings(52))).toBe(2 ** 52);
      expect(growth(doublings(53))).toBe(SATURATED);
      expect(growth(`${doublings(52)} BIND(CONCAT(?v52, ?v52) AS ?c)`)).toBe(SATURATED);
      expect(growth(`${doublings(52)} BIND(REPLACE(?v52, "", "x") AS ?r)`)).toBe(SATURATED);
      expect(growth(`${doublings(52)} BIND(ENCODE_FOR_URI(?v52) AS ?e)`)).toBe(SATURATED);
      expect(growth(`${doublings(60)} BIND(CONCAT(?v60, ?v60) AS ?c)`)).toBe(SATURATED);
    });
  });
});

function measure(text: string): QueryMeasures {
  return measureQuery(new sparqljs.Parser().parse(text) as Query);
}

function growth(patterns: string): number {
  return measure(`SELECT * WHERE { ${patterns} }`).stringGrowth;
}

/** `count` chained doublings of ?v0: ?v1 = ?v0 twice, ?v2 = ?v1 twice, … */
function doublings(count: number): string {
  return Array.from({ length: count }, (_, index) => `BIND(CONCAT(?v${index}, ?v${index}) AS ?v${index + 1})`).join(' ');
}
