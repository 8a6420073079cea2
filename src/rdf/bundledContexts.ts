import { readFileSync } from 'node:fs';
import { CONTEXT_IRI } from './vocabulary.js';
import { dataPath } from './dataPath.js';

/**
 * The JSON-LD contexts the loader may use, by IRI. They ship in `data/`;
 * nothing is ever fetched.
 */
export const bundledContexts: ReadonlyMap<string, unknown> = new Map([
  [CONTEXT_IRI, JSON.parse(readFileSync(dataPath('context.jsonld'), 'utf8')) as unknown],
]);
