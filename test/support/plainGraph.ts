import type { Graph } from '../../src/rdf/Graph.js';

/** A Graph that answers every required read through `graph` and has none of the optional ones (graphSizes, quadCount), as an older implementation. */
export function plainGraph(graph: Graph): Graph {
  return {
    objects: (...args) => graph.objects(...args),
    subjects: (...args) => graph.subjects(...args),
    has: (...args) => graph.has(...args),
    instancesOf: (...args) => graph.instancesOf(...args),
    literals: (...args) => graph.literals(...args),
    describes: (...args) => graph.describes(...args),
    match: (...args) => graph.match(...args),
    quads: () => graph.quads(),
    get size() {
      return graph.size;
    },
  };
}
