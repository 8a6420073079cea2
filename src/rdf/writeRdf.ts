import { once } from 'node:events';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import jsonld from 'jsonld';
import * as oxigraph from 'oxigraph';
import { DataFactory, Store, StreamWriter } from 'n3';
import type { Quad } from '@rdfjs/types';
import type { RdfFormat } from './RdfFormat.js';
import { bundledContexts } from './bundledContexts.js';
import { offlineDocumentLoader } from './offlineDocumentLoader.js';
import { CONTEXT_IRI } from './vocabulary.js';

/** The serialisations the exporter writes. */
export type ExportFormat = Extract<RdfFormat, 'nquads' | 'trig' | 'turtle' | 'jsonld'>;

/** Every ExportFormat, in the order they are offered to users (the first is the default). */
export const exportFormats: readonly ExportFormat[] = ['nquads', 'trig', 'turtle', 'jsonld'];

/** Whether `value` names a format the exporter writes. */
export function isExportFormat(value: string): value is ExportFormat {
  return (exportFormats as readonly string[]).includes(value);
}

/**
 * Every serialisation writeRdf writes: the export formats, plus N-Triples and
 * RDF/XML, which the linked-data answers offer but dumps do not.
 */
export type WritableFormat = ExportFormat | 'ntriples' | 'rdfxml';

/** How writeRdf writes what a format leaves open. */
export interface WriteOptions {
  /**
   * JSON-LD only: `reference` (the default) names the bundled context by its
   * IRI (`CONTEXT_IRI`), as the data files do; `inline` writes the context
   * object itself, so the document expands with no document loader at all.
   */
  jsonLdContext?: 'reference' | 'inline';
}

/** Whether a format keeps named graphs; a format that does not writes every triple once, graph dropped. */
export function keepsNamedGraphs(format: WritableFormat): boolean {
  return format === 'nquads' || format === 'trig' || format === 'jsonld';
}

/**
 * Writes `quads` to `output` in `format`, and resolves once everything has
 * been handed to `output`; it never ends `output` (so it can be stdout).
 *
 * - `nquads`, `trig`: every quad, named graphs kept; streamed through N3.js.
 *   TriG uses the prefixes of the bundled JSON-LD context.
 * - `turtle`: Turtle has no named graphs, so the graph is dropped and a triple
 *   that sits in several graphs is written once (this format collects all
 *   triples in memory first). Callers should tell the user.
 * - `jsonld`: one document compacted with the bundled context, referenced by
 *   its IRI (`CONTEXT_IRI`) or inlined (`options.jsonLdContext`), with one
 *   `graph` object per named graph. Nothing is fetched. The whole document is
 *   built in memory (jsonld.js cannot stream).
 * - `ntriples`: like `turtle`, every triple once, graph dropped.
 * - `rdfxml`: like `turtle`, every triple once, graph dropped; written by
 *   Oxigraph from a temporary store, in memory. Rejects, naming it, when a
 *   predicate's IRI does not end in an XML name (`…/123`), since RDF/XML
 *   writes predicates as elements.
 *
 * Rejects with the first error of serialising or of `output`.
 */
export async function writeRdf(
  quads: Iterable<Quad>,
  format: WritableFormat,
  output: Writable,
  options: WriteOptions = {},
): Promise<void> {
  switch (format) {
    case 'nquads':
      return streamWithN3(quads, 'application/n-quads', output);
    case 'trig':
      return streamWithN3(quads, 'application/trig', output);
    case 'turtle':
      return streamWithN3(distinctTriples(quads), 'text/turtle', output);
    case 'ntriples':
      return streamWithN3(distinctTriples(quads), 'application/n-triples', output);
    case 'jsonld':
      return writeText(`${JSON.stringify(await toCompactJsonLd(quads, options.jsonLdContext ?? 'reference'), null, 2)}\n`, output);
    case 'rdfxml':
      return writeText(toRdfXml(distinctTriples(quads)), output);
  }
}

/**
 * The prefixes declared in the bundled context: every term whose value is an
 * IRI ending in `/` or `#` (`org`, `skos`, `dcterms`, `kg`, …), so that Turtle
 * and TriG use the same prefixes as the JSON-LD data files.
 */
export function contextPrefixes(): Record<string, string> {
  const document = bundledContexts.get(CONTEXT_IRI) as { '@context'?: Record<string, unknown> } | undefined;
  const prefixes: Record<string, string> = {};
  for (const [term, value] of Object.entries(document?.['@context'] ?? {})) {
    if (typeof value === 'string' && !term.startsWith('@') && /^https?:\/\/.*[/#]$/.test(value)) prefixes[term] = value;
  }
  return prefixes;
}

async function streamWithN3(quads: Iterable<Quad>, format: string, output: Writable): Promise<void> {
  const lineBased = format === 'application/n-quads' || format === 'application/n-triples';
  const writer = new StreamWriter({ format, ...(!lineBased && { prefixes: contextPrefixes() }) });
  await pipeline(Readable.from(quads, { objectMode: true }), writer, output, { end: false });
}

/** The triples of `quads` in the default graph, each once, grouped by subject. */
function distinctTriples(quads: Iterable<Quad>): Iterable<Quad> {
  const triples = new Store();
  for (const { subject, predicate, object } of quads) triples.addQuad(DataFactory.quad(subject, predicate, object));
  return triples.getQuads(null, null, null, null);
}

async function toCompactJsonLd(quads: Iterable<Quad>, contextStyle: 'reference' | 'inline'): Promise<object> {
  // jsonld.js reads RDF/JS quads (termType, value, language, datatype) as they are.
  const expanded = await jsonld.fromRDF([...quads] as unknown as Parameters<typeof jsonld.fromRDF>[0]);
  // jsonld.js takes a context IRI where the types only allow a context object.
  const context = CONTEXT_IRI as unknown as Parameters<typeof jsonld.compact>[1];
  const compacted = await jsonld.compact(expanded, context, { documentLoader: offlineDocumentLoader, safe: true } as jsonld.Options.Compact);
  if (contextStyle === 'reference') return compacted;
  // Compacted with the very same context, so only how the document names it changes.
  const bundled = bundledContexts.get(CONTEXT_IRI) as { '@context': unknown };
  return { ...compacted, '@context': structuredClone(bundled['@context']) };
}

/** An IRI that ends in an XML name, which RDF/XML can split off as an element's local name. */
const endsInXmlName = /[A-Za-z_\u00C0-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD][\w.\-\u00B7\u00C0-\u02FF\u0300-\u037D\u037F-\u1FFF\u200C-\u200D\u203F-\u2040\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD]*$/;

/** RDF/XML of the triples (graphs ignored), written by Oxigraph from a temporary store. */
function toRdfXml(triples: Iterable<Quad>): string {
  const store = new oxigraph.Store();
  for (const { subject, predicate, object } of triples) {
    // Oxigraph 0.5 would write such a predicate as an element with an empty local name: XML no parser reads.
    if (!endsInXmlName.test(predicate.value)) {
      throw new Error(`RDF/XML cannot write the predicate <${predicate.value}>: its IRI does not end in an XML name`);
    }
    store.add(oxigraph.fromQuad(DataFactory.quad(subject, predicate, object)));
  }
  return store.dump({ format: 'application/rdf+xml', from_graph_name: oxigraph.defaultGraph() });
}

async function writeText(text: string, output: Writable): Promise<void> {
  if (output.write(text)) return;
  // Wait for the buffer to drain, failing (not hanging) if the output breaks meanwhile.
  await once(output, 'drain');
}
