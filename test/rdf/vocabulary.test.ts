import { describe, expect, it } from 'vitest';
import { mediaTypeIri } from '../../src/rdf/vocabulary.js';

describe('mediaTypeIri', () => {
  it("is the media type's entry in the IANA registry, the IRI DCAT's dcat:mediaType wants", () => {
    expect(mediaTypeIri('text/turtle').termType).toBe('NamedNode');
    expect(mediaTypeIri('text/turtle').value).toBe('https://www.iana.org/assignments/media-types/text/turtle');
    expect(mediaTypeIri('application/ld+json').value).toBe('https://www.iana.org/assignments/media-types/application/ld+json');
  });
});
