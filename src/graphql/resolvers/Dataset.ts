import { DataFactory } from 'n3';
import type { Resource } from '../../rdf/Graph.js';
import type { DatasetResolvers, QueryResolvers } from '../generated/resolvers.js';
import { graphSizesOf } from '../../rdf/graphSizesOf.js';
import { resourceOf, resourcesOf, valueOf } from '../../rdf/readTerms.js';
import { dcterms, prov } from '../../rdf/vocabulary.js';
import { cachedPerResource } from '../cachedPerGraph.js';
import { description, id, textField } from '../fields.js';
import { measureListsOf } from '../largestListSizes.js';
import { byIri, sorted } from '../order.js';
import { paginate } from '../paginate.js';
import { provenanceFields } from '../provenanceFields.js';
import { requireIri } from '../requireIri.js';
import { servedDatasets } from '../servedDatasets.js';
import { typeOfResource } from '../typeOfResource.js';

// A dataset's lists are as many as its sources: measured whole, like a type that stands for no resource, since a dataset need not be typed.
measureListsOf('Dataset', servedDatasets);

/** The resources with an IRI and a GraphQL type that the dataset states something about, sorted by IRI. */
const resourcesDescribedBy = cachedPerResource((graph, dataset) => {
  const subjects = new Map<string, Resource>();
  for (const { subject } of graph.match(null, null, null, dataset)) {
    if (subject.termType === 'NamedNode' && !subjects.has(subject.value)) subjects.set(subject.value, subject as Resource);
  }
  return sorted([...subjects.values()].filter((subject) => typeOfResource(graph, subject) !== null), byIri);
});

/** The root fields, merged into Query's resolvers. */
export const DatasetQuery: Pick<Required<QueryResolvers>, 'datasets' | 'dataset'> = {
  datasets: (_root, _args, { graph }) => servedDatasets(graph),
  dataset: (_root, { id }, { graph }) => (graphSizesOf(graph).has(requireIri('id', id)) ? DataFactory.namedNode(id) : null),
};

export const Dataset: DatasetResolvers = {
  id,
  title: textField(dcterms.title),
  description,
  publisher: (dataset, _args, { graph }) => resourceOf(graph, dataset, dcterms.publisher),
  sourcePages: (dataset, _args, { graph }) =>
    [...new Set([...resourcesOf(graph, dataset, prov.wasDerivedFrom), ...resourcesOf(graph, dataset, dcterms.source)].map((page) => page.value))].sort(),
  licence: (dataset, _args, { graph }) => resourceOf(graph, dataset, dcterms.license)?.value ?? null,
  modified: (dataset, _args, { graph }) => valueOf(graph, dataset, dcterms.modified),
  version: (dataset, _args, { datasetVersions }) => datasetVersions?.get(dataset.value) ?? null,
  tripleCount: (dataset, _args, { graph }) => graphSizesOf(graph).get(dataset.value) ?? 0,
  resources: (dataset, { first, after }, { graph }) => paginate(resourcesDescribedBy(graph, dataset), first, after),
  ...provenanceFields,
};
