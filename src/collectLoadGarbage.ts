/**
 * Runs a full garbage collection, when Node was started with --expose-gc (as
 * `npm start` does), and says whether it ran.
 *
 * Call it once, after the data is loaded and the server has made what it
 * makes once per Graph (the SPARQL workers' N-Quads, the list sizes), and
 * before serving: the parsed files a load leaves behind (about as large as
 * the store itself) and the scratch of that start-up would otherwise be
 * collected by the first full collection under traffic, a pause of over a
 * second at a million triples.
 */
export function collectLoadGarbage(): boolean {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (typeof collect !== 'function') return false;
  collect();
  return true;
}
