import type { Quad, Term } from '@rdfjs/types';
import type { NamedNode } from 'n3';
import type { Graph } from '../../rdf/Graph.js';
import { datasetVersionLink } from './datasetVersionLink.js';
import { escapeHtml } from './escapeHtml.js';
import { htmlDocument } from './htmlDocument.js';
import type { Alternate } from './htmlDocument.js';
import type { PageLanguage } from './pageText.js';
import { pageText } from './pageText.js';
import { TermRenderer } from './TermRenderer.js';

/** What a resource's page shows. */
export interface ResourcePageInput {
  graph: Graph;
  resource: NamedNode;
  /** From describeResource: the resource's triples, its blank nodes' and those that point at it. */
  description: readonly Quad[];
  language: PageLanguage;
  /** The resource's other representations; linked in the head and at the foot. */
  alternates: readonly Alternate[];
  /** Where the data catalogue is served, e.g. `/catalog`. */
  catalogPath: string;
  /** A section before the properties, already escaped: a collaboration's relationship picture (see drawRelationshipPicture). */
  figure?: string;
  /** Sections after the properties (the vocabulary's term tables), written with the same renderer. */
  extraSections?: (renderer: TermRenderer) => string;
  /** Subjects (by IRI) whose links to the resource "used by" leaves out, because a section above shows them. */
  hideIncomingFrom?: ReadonlySet<string>;
  /** The version each published dataset is served at, by its named graph's IRI; the sources name it. */
  datasetVersions?: ReadonlyMap<string, number>;
}

/**
 * The HTML page of a resource, for people: its label as title, its IRI, its
 * types, the figure when given, its properties grouped by predicate (blank nodes nested), the
 * resources that point at it ("used by"), the named graphs the page draws on,
 * and links to the other formats. Every value from the graph is escaped; our
 * IRIs link to this server, others are marked external; no script, no
 * external asset.
 */
export function renderResourcePage(input: ResourcePageInput): string {
  const { resource, description, language, alternates, catalogPath } = input;
  const text = pageText[language];
  const renderer = new TermRenderer(input.graph, language, description);
  const title = renderer.name(resource);
  const titleLang = title.language === '' || title.language === language ? '' : ` lang="${escapeHtml(title.language)}"`;
  const types = renderer.types(resource);
  const sections = [
    input.figure ?? '',
    `<section>\n<h2>${text.properties}</h2>\n${renderer.properties(resource, { withTypes: false })}\n</section>`,
    input.extraSections?.(renderer) ?? '',
    usedBy(renderer, resource, description, input.hideIncomingFrom ?? new Set()),
    sources(renderer, description, input.datasetVersions),
  ].filter((section) => section !== '');
  const body = `<header>
<p><a href="${escapeHtml(catalogPath)}">${text.siteName}: ${text.catalog}</a></p>
<h1${titleLang}>${escapeHtml(title.text)}</h1>
<p class="iri">${escapeHtml(resource.value)}</p>
${types === '' ? '' : `<p>${text.types}: ${types}</p>`}
</header>
<main>
${sections.join('\n')}
</main>
<footer>
<h2>${text.formats}</h2>
<nav class="formats">${alternates.map((alternate) => `<a href="${escapeHtml(alternate.href)}" type="${escapeHtml(alternate.mediaType)}">${escapeHtml(alternate.title)}</a>`).join('\n')}</nav>
</footer>`;
  return htmlDocument({ language, title: title.text, body, alternates });
}

/** The "used by" section: subjects that point at the resource, grouped by predicate; empty when none do. */
function usedBy(renderer: TermRenderer, resource: NamedNode, description: readonly Quad[], hidden: ReadonlySet<string>): string {
  const byPredicate = new Map<string, { predicate: Term; subjects: Map<string, Term> }>();
  for (const { subject, predicate, object } of description) {
    if (!object.equals(resource) || subject.equals(resource) || hidden.has(subject.value)) continue;
    let group = byPredicate.get(predicate.value);
    if (!group) byPredicate.set(predicate.value, (group = { predicate, subjects: new Map() }));
    group.subjects.set(`${subject.termType}:${subject.value}`, subject);
  }
  if (byPredicate.size === 0) return '';
  const text = pageText[renderer.language];
  const groups = [...byPredicate.values()].sort((a, b) => renderer.compare(a.predicate, b.predicate));
  const entries = groups.map(({ predicate, subjects }) => {
    const items = renderer.sorted([...subjects.values()]).map((subject) => `<li>${renderer.link(subject)}</li>`);
    return `<dt>${renderer.predicate(predicate)}</dt>\n<dd><ul>${items.join('')}</ul></dd>`;
  });
  return `<section id="used-by">\n<h2>${text.usedBy}</h2>\n<p>${text.usedByIntro}</p>\n<dl class="properties">\n${entries.join('\n')}\n</dl>\n</section>`;
}

/** The named graphs the description comes from, linked, each with the version served when it has one; empty when all of it is in the default graph. */
function sources(renderer: TermRenderer, description: readonly Quad[], versions: ReadonlyMap<string, number> | undefined): string {
  const graphs = new Map<string, Term>();
  for (const { graph } of description) if (graph.termType === 'NamedNode') graphs.set(graph.value, graph);
  if (graphs.size === 0) return '';
  const text = pageText[renderer.language];
  const items = renderer.sorted([...graphs.values()]).map((graph) => {
    const iri = renderer.name(graph).text === graph.value ? '' : ` <small><code>${escapeHtml(graph.value)}</code></small>`;
    const version = versions?.get(graph.value);
    const served = version === undefined ? '' : `, ${text.version} ${datasetVersionLink(graph.value, version)}`;
    return `<li>${renderer.link(graph)}${served}${iri}</li>`;
  });
  return `<section id="sources">\n<h2>${text.sources}</h2>\n<p>${text.sourcesIntro}</p>\n<ul>${items.join('')}</ul>\n</section>`;
}
