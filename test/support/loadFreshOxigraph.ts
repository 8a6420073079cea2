import { createRequire } from 'node:module';
import { loadOxigraph, type OxigraphEngine } from '../../src/http/sparql/loadOxigraph.js';

const require = createRequire(import.meta.url);

/**
 * Makes this thread forget that it loaded Oxigraph, so that the next
 * `require` or `import` (and loadOxigraph) compiles it afresh. Whoever loaded
 * it before keeps their copy. A test file that loads a capped engine calls
 * it again when it ends (`afterAll`), so that a test file after it in the same
 * thread does not import that copy, with its small memory or a trapped engine.
 */
export function forgetOxigraph(): void {
  delete require.cache[require.resolve('oxigraph')];
}

/**
 * Oxigraph loaded by loadOxigraph in the test's own thread, its memory capped
 * at `maxMemoryMb`, as a SPARQL worker loads it. loadOxigraph refuses to run
 * once anything in the thread has loaded Oxigraph, and under `npm run mutate`
 * one thread runs several test files in turn (some import Oxigraph), so the
 * thread forgets any earlier copy first.
 */
export function loadFreshOxigraph(maxMemoryMb: number): OxigraphEngine {
  forgetOxigraph();
  return loadOxigraph(maxMemoryMb);
}
