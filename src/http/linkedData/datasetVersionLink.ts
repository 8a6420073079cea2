import { kg } from '../../rdf/vocabulary.js';
import { escapeHtml } from './escapeHtml.js';
import { hrefOfIri } from './hrefOfIri.js';

/**
 * A dataset's served version as HTML: the number, linked to that version's content
 * (`/datasets/{slug}/versions/{n}`) when the dataset is one of ours (`/dataset/{slug}`), the bare
 * number otherwise.
 */
export function datasetVersionLink(dataset: string, version: number): string {
  const prefix = kg.dataset('').value;
  if (!dataset.startsWith(prefix)) return String(version);
  const href = hrefOfIri(kg.datasetVersion(dataset.slice(prefix.length), version).value)!.href;
  return `<a href="${escapeHtml(href)}">${version}</a>`;
}
