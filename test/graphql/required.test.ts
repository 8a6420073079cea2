import { DataFactory, Store } from 'n3';
import { describe, expect, it } from 'vitest';
import { requiredResource, requiredValue } from '../../src/graphql/required.js';
import { StoreGraph } from '../../src/rdf/StoreGraph.js';
import { dcterms, org } from '../../src/rdf/vocabulary.js';

// A client sees only "Internal server error" and a reference for bad data; the server log carries
// this error, so its message must say which resource lacks what.

const { namedNode, literal, quad } = DataFactory;
const county = namedNode('https://w3id.org/kulturskola/lan/99');
const membership = namedNode('https://w3id.org/kulturskola/test/membership');
const graph = new StoreGraph(new Store([quad(county, dcterms.identifier, literal('99')), quad(membership, org.member, county)]));

describe('requiredValue and requiredResource', () => {
  it('read the value or resource the data gives', () => {
    expect(requiredValue(graph, county, dcterms.identifier)).toBe('99');
    expect(requiredResource(graph, membership, org.member)).toEqual(county);
  });

  it('throw a plain Error naming the resource and the property when the data gives none', () => {
    expect(() => requiredValue(graph, membership, dcterms.identifier)).toThrow(
      new Error('The data gives no <http://purl.org/dc/terms/identifier> for <https://w3id.org/kulturskola/test/membership>'),
    );
    expect(() => requiredResource(graph, county, org.organization)).toThrow(
      new Error('The data gives no <http://www.w3.org/ns/org#organization> for <https://w3id.org/kulturskola/lan/99>'),
    );
  });
});
