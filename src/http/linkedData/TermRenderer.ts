import type { Quad, Term } from '@rdfjs/types';
import { termToId } from 'n3';
import type { Term as N3Term } from 'n3';
import type { Graph } from '../../rdf/Graph.js';
import { rdf, xsd } from '../../rdf/vocabulary.js';
import { escapeHtml } from './escapeHtml.js';
import { hrefOfIri } from './hrefOfIri.js';
import { labelOf } from './labelOf.js';
import type { PageLanguage } from './pageText.js';
import { pageText } from './pageText.js';
import { prefixedName } from './prefixedName.js';

/** How deep blank nodes nest on a page before they are shown by label only. */
const MAX_BLANK_NODE_DEPTH = 8;

/**
 * Writes RDF terms of one description as escaped HTML for one page: IRIs as
 * links named by their label in the page's language (else their prefixed
 * name, else the IRI), literals with their language or datatype, and blank
 * nodes as nested property lists, from the description's own quads.
 */
export class TermRenderer {
  private readonly bySubject = new Map<string, Quad[]>();
  private readonly collator: Intl.Collator;
  private readonly names = new Map<string, { text: string; language: string }>();

  constructor(
    readonly graph: Graph,
    readonly language: PageLanguage,
    description: readonly Quad[],
  ) {
    for (const quad of description) {
      const id = key(quad.subject);
      const quads = this.bySubject.get(id);
      if (quads) quads.push(quad);
      else this.bySubject.set(id, [quad]);
    }
    this.collator = new Intl.Collator(language);
  }

  /** The plain-text name of a resource (its label, prefixed name or IRI) and the language of that text, if known. */
  name(term: Term): { text: string; language: string } {
    if (term.termType === 'Literal') return { text: term.value, language: term.language };
    // Sorting asks for the same names again and again.
    const id = key(term);
    let name = this.names.get(id);
    if (name === undefined) {
      const label = labelOf(this.graph, term as N3Term, this.language);
      name = label
        ? { text: label.value, language: label.language }
        : term.termType === 'BlankNode'
          ? { text: pageText[this.language].blankNode, language: this.language }
          : { text: prefixedName(term.value) ?? term.value, language: '' };
      this.names.set(id, name);
    }
    return name;
  }

  /** A link to an IRI (external ones marked), or its name as code when it has no http(s) link. */
  link(term: Term): string {
    if (term.termType !== 'NamedNode') return this.value(term);
    const { text, language } = this.name(term);
    const target = hrefOfIri(term.value);
    const lang = language === '' || language === this.language ? '' : ` lang="${escapeHtml(language)}"`;
    if (target === null) return `<code title="${escapeHtml(term.value)}">${escapeHtml(text)}</code>`;
    const external = target.external ? ' rel="external"' : '';
    return `<a href="${escapeHtml(target.href)}"${external}${lang} title="${escapeHtml(term.value)}">${escapeHtml(text)}</a>`;
  }

  /** A predicate's name: its label when the graph has one, with its prefixed name beside it; linked. */
  predicate(predicate: Term): string {
    const prefixed = prefixedName(predicate.value);
    const { text } = this.name(predicate);
    const aside = prefixed !== null && prefixed !== text ? ` <small><code>${escapeHtml(prefixed)}</code></small>` : '';
    return `${this.link(predicate)}${aside}`;
  }

  /** A literal's text alone, marked with its language when that differs from the page's. */
  text(literal: Term): string {
    const language = literal.termType === 'Literal' ? literal.language : '';
    const lang = language === '' || language === this.language ? '' : ` lang="${escapeHtml(language)}"`;
    return `<span${lang}>${escapeHtml(literal.value)}</span>`;
  }

  /** Any object: a link, a literal with its language or datatype, or a blank node's properties nested. */
  value(term: Term, depth = 0, seen: ReadonlySet<string> = new Set()): string {
    switch (term.termType) {
      case 'NamedNode':
        return this.link(term);
      case 'Literal': {
        const lang = term.language === '' ? '' : ` lang="${escapeHtml(term.language)}"`;
        const note =
          term.language !== ''
            ? ` <small>@${escapeHtml(term.language)}</small>`
            : term.datatype.value === xsd.string.value
              ? ''
              : ` <small>${escapeHtml(prefixedName(term.datatype.value) ?? term.datatype.value)}</small>`;
        return `<span${lang}>${escapeHtml(term.value)}</span>${note}`;
      }
      case 'BlankNode': {
        const id = key(term);
        if (depth >= MAX_BLANK_NODE_DEPTH || seen.has(id) || !this.bySubject.has(id)) return `<em>${escapeHtml(this.name(term).text)}</em>`;
        return `<div class="blank">${this.properties(term, { depth: depth + 1, seen: new Set([...seen, id]) })}</div>`;
      }
      default:
        return `<code>${escapeHtml(term.value)}</code>`;
    }
  }

  /** The types of a subject in the description, as links sorted by name; empty when it has none. */
  types(subject: Term): string {
    const types = this.objectsOf(subject).get(rdf.type.value)?.values ?? [];
    return this.sorted(types).map((type) => this.link(type)).join(', ');
  }

  /**
   * The subject's properties in the description as a `<dl>`, one entry per
   * predicate sorted by name, each value once however many graphs state it.
   * `rdf:type` leads, unless `withTypes` is false (when a heading shows it).
   */
  properties(subject: Term, options: { depth?: number; seen?: ReadonlySet<string>; withTypes?: boolean; leaveOut?: ReadonlySet<string> } = {}): string {
    const { depth = 0, seen = new Set([key(subject)]), withTypes = true, leaveOut = new Set() } = options;
    const groups = [...this.objectsOf(subject).values()].filter(
      ({ predicate }) => !leaveOut.has(predicate.value) && (withTypes || predicate.value !== rdf.type.value),
    );
    groups.sort((a, b) => {
      if (a.predicate.value === rdf.type.value || b.predicate.value === rdf.type.value) return a.predicate.value === rdf.type.value ? -1 : 1;
      return this.compare(a.predicate, b.predicate);
    });
    if (groups.length === 0) return '';
    const entries = groups.map(({ predicate, values }) => {
      const items = this.sorted(values).map((value) => `<li>${this.value(value, depth, seen)}</li>`);
      return `<dt>${this.predicate(predicate)}</dt>\n<dd><ul>${items.join('')}</ul></dd>`;
    });
    return `<dl class="properties">\n${entries.join('\n')}\n</dl>`;
  }

  /** Orders terms by the name shown, then by value, so pages are stable. */
  compare(a: Term, b: Term): number {
    return this.collator.compare(this.name(a).text, this.name(b).text) || compareCodeUnits(key(a), key(b));
  }

  /** The terms sorted by compare(). */
  sorted(terms: readonly Term[]): Term[] {
    return [...terms].sort((a, b) => this.compare(a, b));
  }

  /** The description's objects of a subject, grouped by predicate, each object once. */
  private objectsOf(subject: Term): Map<string, { predicate: Term; values: Term[] }> {
    const groups = new Map<string, { predicate: Term; values: Term[]; keys: Set<string> }>();
    for (const quad of this.bySubject.get(key(subject)) ?? []) {
      let group = groups.get(quad.predicate.value);
      if (!group) groups.set(quad.predicate.value, (group = { predicate: quad.predicate, values: [], keys: new Set() }));
      const id = key(quad.object);
      if (group.keys.has(id)) continue;
      group.keys.add(id);
      group.values.push(quad.object);
    }
    return groups;
  }
}

function key(term: Term): string {
  return termToId(term as N3Term);
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
