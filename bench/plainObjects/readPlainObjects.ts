/**
 * Reads a benchmark dataset folder once into the peer's plain objects: our
 * own loader parses the files (so both sides start from the same quads), the
 * builder turns them into objects, and the store is dropped on return, so it
 * can be collected before the peer serves.
 */
import { performance } from 'node:perf_hooks';
import { preferredLanguage } from '../../src/http/preferredLanguage.js';
import { loadDataDirectory } from '../../src/rdf/loadDataDirectory.js';
import { buildPlainObjects } from './buildPlainObjects.js';
import type { PlainObjects } from './PlainObjects.js';

/** The objects, and facts about how they were made. */
export interface ReadPlainObjects {
  objects: PlainObjects;
  /** Quads the folder loaded to. */
  quads: number;
  /** Our loader's digest of the files, served as `Data-Version` as ours serves it. */
  digest: string;
  loadMs: number;
  buildMs: number;
}

/** Names are chosen for the language a request without Accept-Language gets from our API: the benchmark's. */
export async function readPlainObjects(folder: string): Promise<ReadPlainObjects> {
  const started = performance.now();
  const { store, digest } = await loadDataDirectory(folder);
  const loaded = performance.now();
  const objects = buildPlainObjects(store, preferredLanguage(undefined));
  return { objects, quads: store.size, digest, loadMs: loaded - started, buildMs: performance.now() - loaded };
}
