import { describe, expect, it } from 'vitest';
import { bundledContexts } from '../../src/rdf/bundledContexts.js';
import { offlineDocumentLoader, RemoteDocumentRefused } from '../../src/rdf/offlineDocumentLoader.js';
import { CONTEXT_IRI } from '../../src/rdf/vocabulary.js';

describe('offlineDocumentLoader', () => {
  it('serves the bundled context under its IRI, with no context URL', async () => {
    expect(await offlineDocumentLoader(CONTEXT_IRI)).toEqual({ contextUrl: null, documentUrl: CONTEXT_IRI, document: bundledContexts.get(CONTEXT_IRI) });
  });

  it('gives each caller its own copy, so a caller that changes it changes nothing for the next', async () => {
    const first = await offlineDocumentLoader(CONTEXT_IRI);
    (first.document as Record<string, unknown>)['@context'] = 'changed';
    const second = await offlineDocumentLoader(CONTEXT_IRI);
    expect(second.document).toEqual(bundledContexts.get(CONTEXT_IRI));
    expect(second.document).not.toBe(bundledContexts.get(CONTEXT_IRI));
  });

  it.each(['https://schema.org/', 'http://example.org/context.jsonld', 'file:///etc/passwd', `${CONTEXT_IRI}#other`])(
    'refuses %s, naming it',
    async (url) => {
      const refusal = await offlineDocumentLoader(url).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(RemoteDocumentRefused);
      expect(refusal).toMatchObject({ name: 'RemoteDocumentRefused', url });
      expect((refusal as Error).message).toContain(`refused to load "${url}"`);
    },
  );
});
