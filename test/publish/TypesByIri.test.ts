import { DataFactory } from 'n3';
import { describe, expect, it } from 'vitest';
import { TypesByIri } from '../../src/publish/TypesByIri.js';

const { namedNode, quad } = DataFactory;
const type = namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type');
const typed = (iri: string, cls: string) => quad(namedNode(iri), type, namedNode(cls));

const school = typed('https://example.org/school', 'https://example.org/School');
const schoolAsOrg = typed('https://example.org/school', 'https://example.org/Organisation');
const project = typed('https://example.org/project', 'https://example.org/Project');

describe('TypesByIri', () => {
  it("answers an IRI's type triples from every dataset but those left out, in the order the datasets stated them", () => {
    const types = new TypesByIri();
    types.set('a', [school, project]);
    types.set('b', [schoolAsOrg]);
    expect(types.elsewhere(new Set())('https://example.org/school')).toEqual([school, schoolAsOrg]);
    expect(types.elsewhere(new Set(['a']))('https://example.org/school')).toEqual([schoolAsOrg]);
    expect(types.elsewhere(new Set(['b']))('https://example.org/project')).toEqual([project]);
    expect(types.elsewhere(new Set(['a', 'b']))('https://example.org/school')).toEqual([]);
    expect(types.elsewhere(new Set())('https://example.org/nowhere')).toEqual([]);
  });

  it("replaces a dataset's statements whole, and forgets them when it has none", () => {
    const types = new TypesByIri();
    types.set('a', [school, project]);
    types.set('b', [schoolAsOrg]);
    types.set('a', [project]);
    expect(types.elsewhere(new Set())('https://example.org/school')).toEqual([schoolAsOrg]);
    expect(types.elsewhere(new Set())('https://example.org/project')).toEqual([project]);
    types.set('b', null);
    expect(types.elsewhere(new Set())('https://example.org/school')).toEqual([]);
    types.set('a', null);
    expect(types.elsewhere(new Set())('https://example.org/project')).toEqual([]);
  });

  it('keeps two type triples a dataset states of one IRI', () => {
    const types = new TypesByIri();
    types.set('a', [school, schoolAsOrg]);
    expect(types.elsewhere(new Set(['b']))('https://example.org/school')).toEqual([school, schoolAsOrg]);
  });
});
