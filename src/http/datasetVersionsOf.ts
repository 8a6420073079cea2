import type { Publisher } from '../publish/Publisher.js';

/** The version number of each dataset the publisher serves now, by its named graph's IRI: what GraphQL's Dataset.version answers. */
export function datasetVersionsOf(publisher: Pick<Publisher, 'servedGraphs'>): ReadonlyMap<string, number> {
  return new Map(publisher.servedGraphs().map(({ graph, version }) => [graph, version]));
}
