import type { Term } from '@rdfjs/types';
import type { NamedNode } from 'n3';
import type { Graph } from '../../rdf/Graph.js';
import { pickLanguage } from '../../rdf/pickLanguage.js';
import { ks, owl, rdf, rdfs } from '../../rdf/vocabulary.js';
import type { VocabularyDescription } from './describeVocabulary.js';
import { escapeHtml } from './escapeHtml.js';
import type { Alternate } from './htmlDocument.js';
import type { PageLanguage } from './pageText.js';
import { pageText } from './pageText.js';
import { prefixedName } from './prefixedName.js';
import { renderResourcePage } from './renderResourcePage.js';
import type { TermRenderer } from './TermRenderer.js';

/** What the vocabulary's page shows. */
export interface VocabularyPageInput {
  graph: Graph;
  vocabulary: VocabularyDescription;
  language: PageLanguage;
  alternates: readonly Alternate[];
  catalogPath: string;
}

const classTypes = new Set([rdfs.Class.value, owl.Class.value]);
const propertyTypes = new Set([rdf.Property.value, owl.ObjectProperty.value, owl.DatatypeProperty.value, owl.AnnotationProperty.value]);

/**
 * The HTML page of our vocabulary (`GET /def`): the ontology's own page,
 * followed by a table of its classes (label, comment, super-classes) and one
 * of its properties (label, comment, domain, range, super-properties). Each
 * term's row has the term's local name as its id, so our hash IRIs
 * (`/def#county`) land on their row.
 */
export function renderVocabularyPage({ graph, vocabulary, language, alternates, catalogPath }: VocabularyPageInput): string {
  const typesOf = (term: NamedNode) => new Set(graph.objects(term, rdf.type).map((type) => type.value));
  const classes = vocabulary.terms.filter((term) => [...typesOf(term)].some((type) => classTypes.has(type)));
  const properties = vocabulary.terms.filter((term) => !classes.includes(term) && [...typesOf(term)].some((type) => propertyTypes.has(type)));
  const others = vocabulary.terms.filter((term) => !classes.includes(term) && !properties.includes(term));
  return renderResourcePage({
    graph,
    resource: vocabulary.ontology,
    description: vocabulary.quads,
    language,
    alternates,
    catalogPath,
    hideIncomingFrom: new Set(vocabulary.terms.map((term) => term.value)),
    extraSections: (renderer) => {
      const text = pageText[language];
      return [
        termTable(renderer, text.classes, 'classes', classes, [[text.broader, rdfs.subClassOf]]),
        termTable(renderer, text.vocabularyProperties, 'properties', properties, [
          [text.domain, rdfs.domain],
          [text.range, rdfs.range],
          [text.broader, rdfs.subPropertyOf],
        ]),
        termTable(renderer, text.otherTerms, 'other-terms', others, []),
      ]
        .filter((table) => table !== '')
        .join('\n');
    },
  });
}

/** A section with one row per term: name, label, comment and the given link columns; empty without terms. */
function termTable(renderer: TermRenderer, heading: string, id: string, terms: readonly NamedNode[], columns: ReadonlyArray<readonly [string, NamedNode]>): string {
  if (terms.length === 0) return '';
  const graph = renderer.graph;
  const text = pageText[renderer.language];
  const headings = [text.term, text.label, text.comment, ...columns.map(([title]) => title)].map((title) => `<th scope="col">${escapeHtml(title)}</th>`);
  const rows = terms.map((term) => {
    const label = pickLanguage(graph.literals(term, rdfs.label), renderer.language);
    const comment = pickLanguage(graph.literals(term, rdfs.comment), renderer.language);
    const cells = [
      `<th scope="row"><code>${escapeHtml(prefixedName(term.value) ?? term.value)}</code></th>`,
      `<td>${label ? renderer.text(label) : ''}</td>`,
      `<td>${comment ? renderer.text(comment) : ''}</td>`,
      ...columns.map(([, property]) => `<td>${links(renderer, graph.objects(term, property))}</td>`),
    ];
    return `<tr id="${escapeHtml(localName(term))}">${cells.join('')}</tr>`;
  });
  return `<section id="${id}">\n<h2>${escapeHtml(heading)}</h2>\n<table>\n<thead><tr>${headings.join('')}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>\n</section>`;
}

function links(renderer: TermRenderer, terms: readonly Term[]): string {
  return renderer.sorted(terms).map((term) => renderer.link(term)).join(', ');
}

/** The part of a term's IRI after our namespace: its fragment. */
function localName(term: NamedNode): string {
  return term.value.slice(ks.iri.length);
}
