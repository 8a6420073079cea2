import { describe, expect, it } from 'vitest';
import { requireProperty } from '../../src/graphql/requireProperty.js';

describe('requireProperty', () => {
  it('reads a prefixed name with nothing after the colon as the namespace IRI itself', () => {
    expect(requireProperty('property', 'dcterms:').value).toBe('http://purl.org/dc/terms/');
  });

  it('reads a prefixed name as the namespace IRI followed by the local name', () => {
    expect(requireProperty('property', 'dcterms:temporal').value).toBe('http://purl.org/dc/terms/temporal');
  });
});
