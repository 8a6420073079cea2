import { bundledContexts } from './bundledContexts.js';

/** The shape jsonld.js expects back from a document loader. */
export interface RemoteDocument {
  contextUrl: string | null;
  documentUrl: string;
  document: unknown;
}

/** Thrown for every URL that is not a bundled context. */
export class RemoteDocumentRefused extends Error {
  override readonly name = 'RemoteDocumentRefused';
  constructor(readonly url: string) {
    super(`refused to load "${url}": only bundled JSON-LD contexts are allowed, nothing is fetched`);
  }
}

/**
 * A jsonld.js document loader that serves the bundled contexts and refuses
 * every other URL (http, https, file, anything): loading never opens a socket.
 */
export async function offlineDocumentLoader(url: string): Promise<RemoteDocument> {
  const document = bundledContexts.get(url);
  if (document === undefined) throw new RemoteDocumentRefused(url);
  return { contextUrl: null, documentUrl: url, document: structuredClone(document) };
}
