import { readFile } from 'node:fs/promises';
import { canonicalNTriples } from '../../src/publish/canonicalNTriples.js';
import { parseBody } from '../../src/publish/parseBody.js';
import { dataPath } from '../../src/rdf/dataPath.js';
import { graphOfContent } from '../../src/rdf/graphOfContent.js';
import { UnionGraph } from '../../src/rdf/UnionGraph.js';
import { kg } from '../../src/rdf/vocabulary.js';

/** The shipped datasets of the Örebro data as a publishing store keeps them: canonical N-Triples by slug. */
export async function shippedDatasets(): Promise<Map<string, string>> {
  const shipped = new Map<string, string>();
  for (const slug of ['katalog', 'kommuner', 'orebro-lan', 'vokabular']) {
    const quads = await parseBody(await readFile(dataPath(`graphs/${slug}.jsonld`)), 'jsonld', slug);
    shipped.set(slug, (await canonicalNTriples(quads)).content);
  }
  return shipped;
}

/** The graph a publishing server serves for `datasets` (slug → canonical N-Triples): one part per dataset. */
export async function servedUnion(datasets: ReadonlyMap<string, string>): Promise<UnionGraph> {
  const parts = await Promise.all([...datasets].map(async ([slug, content]) => [kg.dataset(slug).value, await graphOfContent(slug, content)] as const));
  return new UnionGraph(parts);
}
