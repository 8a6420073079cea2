import type { Graph } from '../rdf/Graph.js';

/** What every resolver gets: the graph to read and the language the request prefers. */
export interface Context {
  graph: Graph;
  /** BCP 47 tag chosen from Accept-Language, or "sv". A field's `lang` argument overrides it. */
  language: string;
  /**
   * The version number of each dataset served from the publishing store, by
   * its named graph's IRI; absent when a read-only folder is served.
   */
  datasetVersions?: ReadonlyMap<string, number>;
}
