import { once } from 'node:events';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import jsonld from 'jsonld';
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

/** Whether a format keeps named graphs; a format that does not writes every triple once, graph dropped. */
export function keepsNamedGraphs(format: ExportFormat): boolean {
  return format !== 'turtle';
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
 *   its IRI (`CONTEXT_IRI`), with one `graph` object per named graph. Nothing
 *   is fetched. The whole document is built in memory (jsonld.js cannot stream).
 *
 * Rejects with the first error of serialising or of `output`.
 */
export async function writeRdf(quads: Iterable<Quad>, format: ExportFormat, output: Writable): Promise<void> {
  switch (format) {
    case 'nquads':
      return streamWithN3(quads, 'application/n-quads', output);
    case 'trig':
      return streamWithN3(quads, 'application/trig', output);
    case 'turtle':
      return streamWithN3(distinctTriples(quads), 'text/turtle', output);
    case 'jsonld':
      return writeText(`${JSON.stringify(await toCompactJsonLd(quads), null, 2)}\n`, output);
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
  const lineBased = format === 'application/n-quads';
  const writer = new StreamWriter({ format, ...(!lineBased && { prefixes: contextPrefixes() }) });
  await pipeline(Readable.from(quads, { objectMode: true }), writer, output, { end: false });
}

/** The triples of `quads` in the default graph, each once, grouped by subject. */
function distinctTriples(quads: Iterable<Quad>): Iterable<Quad> {
  const triples = new Store();
  for (const { subject, predicate, object } of quads) triples.addQuad(DataFactory.quad(subject, predicate, object));
  return triples.getQuads(null, null, null, null);
}

async function toCompactJsonLd(quads: Iterable<Quad>): Promise<object> {
  // jsonld.js reads RDF/JS quads (termType, value, language, datatype) as they are.
  const expanded = await jsonld.fromRDF([...quads] as unknown as Parameters<typeof jsonld.fromRDF>[0]);
  // jsonld.js takes a context IRI where the types only allow a context object.
  const context = CONTEXT_IRI as unknown as Parameters<typeof jsonld.compact>[1];
  return jsonld.compact(expanded, context, { documentLoader: offlineDocumentLoader, safe: true } as jsonld.Options.Compact);
}

async function writeText(text: string, output: Writable): Promise<void> {
  if (output.write(text)) return;
  // Wait for the buffer to drain, failing (not hanging) if the output breaks meanwhile.
  await once(output, 'drain');
}
