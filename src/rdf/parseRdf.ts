import jsonld from 'jsonld';
import { DataFactory, Parser } from 'n3';
import type { NamedNode, Quad, Quad_Graph, Quad_Object, Quad_Predicate, Quad_Subject } from 'n3';
import { DataLoadError } from './DataLoadError.js';
import type { RdfFormat } from './RdfFormat.js';
import { defaultTermLimits, findTermProblem, type TermLimits } from './checkTerms.js';
import { offlineDocumentLoader, RemoteDocumentRefused } from './offlineDocumentLoader.js';

const { quad, namedNode, blankNode, literal } = DataFactory;

/** How to parse one document. */
export interface ParseOptions {
  /** Named in every error message. */
  file: string;
  format: RdfFormat;
  /** Triples in the document's default graph are put in this named graph. */
  graph: NamedNode;
  /** Prefix that keeps this document's blank nodes apart from every other document's. */
  blankNodePrefix: string;
  maxJsonDepth?: number;
  termLimits?: TermLimits;
}

/** Nesting deeper than this is refused before jsonld.js sees it (it overflows its stack near 1,000). */
export const DEFAULT_MAX_JSON_DEPTH = 64;

/**
 * Parses one RDF document into quads, strictly: JSON-LD in safe mode with
 * bundled contexts only, Turtle/TriG/N-Triples/N-Quads with N3.js, and every
 * term checked. Throws a DataLoadError naming the file and the problem.
 */
export async function parseRdf(text: string, options: ParseOptions): Promise<Quad[]> {
  const quads = options.format === 'jsonld' ? await parseJsonLd(text, options) : parseWithN3(text, options);
  const limits = options.termLimits ?? defaultTermLimits;
  for (const parsed of quads) {
    const problem = findTermProblem(parsed, limits);
    if (problem !== null) throw new DataLoadError(options.file, problem.code, problem.message);
  }
  if (quads.length === 0) throw new DataLoadError(options.file, 'NO_DATA', 'the document contains no triples');
  return quads;
}

const n3Formats: Readonly<Record<Exclude<RdfFormat, 'jsonld'>, string>> = {
  turtle: 'text/turtle',
  trig: 'application/trig',
  ntriples: 'application/n-triples',
  nquads: 'application/n-quads',
};

function parseWithN3(text: string, options: ParseOptions): Quad[] {
  const format = n3Formats[options.format as Exclude<RdfFormat, 'jsonld'>];
  const parser = new Parser({ format, blankNodePrefix: options.blankNodePrefix });
  let parsed: Quad[];
  try {
    parsed = parser.parse(text);
  } catch (error) {
    throw new DataLoadError(options.file, 'SYNTAX_ERROR', (error as Error).message);
  }
  return parsed.map((q) => (q.graph.termType === 'DefaultGraph' ? quad(q.subject, q.predicate, q.object, options.graph) : q));
}

async function parseJsonLd(text: string, options: ParseOptions): Promise<Quad[]> {
  let document: unknown;
  try {
    document = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new DataLoadError(options.file, 'SYNTAX_ERROR', `not valid JSON: ${(error as Error).message}`);
  }
  const maxDepth = options.maxJsonDepth ?? DEFAULT_MAX_JSON_DEPTH;
  if (exceedsDepth(document, maxDepth)) {
    throw new DataLoadError(options.file, 'TOO_DEEP', `JSON nesting is deeper than ${maxDepth} levels`);
  }
  let dataset: JsonLdQuad[];
  try {
    dataset = (await jsonld.toRDF(document as jsonld.JsonLdDocument, {
      safe: true,
      documentLoader: offlineDocumentLoader,
    } as jsonld.Options.ToRdf)) as unknown as JsonLdQuad[];
  } catch (error) {
    throw jsonLdError(options.file, error);
  }
  const blankNodes = new Map<string, ReturnType<typeof blankNode>>();
  const toTerm = (term: JsonLdTerm) => {
    switch (term.termType) {
      case 'NamedNode':
        return namedNode(term.value);
      case 'BlankNode': {
        let node = blankNodes.get(term.value);
        if (node === undefined) {
          node = blankNode(`${options.blankNodePrefix}${term.value.replace(/^_:/, '')}`);
          blankNodes.set(term.value, node);
        }
        return node;
      }
      case 'Literal':
        return term.language ? literal(term.value, term.language) : literal(term.value, namedNode(term.datatype!.value));
      case 'DefaultGraph':
        return options.graph;
    }
  };
  return dataset.map((q) =>
    quad(
      toTerm(q.subject) as Quad_Subject,
      toTerm(q.predicate) as Quad_Predicate,
      toTerm(q.object) as Quad_Object,
      toTerm(q.graph) as Quad_Graph,
    ),
  );
}

interface JsonLdTerm {
  termType: 'NamedNode' | 'BlankNode' | 'Literal' | 'DefaultGraph';
  value: string;
  language?: string;
  datatype?: { value: string };
}
interface JsonLdQuad {
  subject: JsonLdTerm;
  predicate: JsonLdTerm;
  object: JsonLdTerm;
  graph: JsonLdTerm;
}

function jsonLdError(file: string, error: unknown): DataLoadError {
  const refused = findCause(error, (cause) => cause instanceof RemoteDocumentRefused);
  if (refused) return new DataLoadError(file, 'REMOTE_DOCUMENT_REFUSED', refused.message);
  const details = error as { name?: string; message?: string; details?: { code?: string; event?: { message?: string } } };
  const code = details.details?.code ?? details.details?.event?.message;
  const problem = code ? `${details.message} (${code})` : (details.message ?? String(error));
  return new DataLoadError(file, 'INVALID_JSON_LD', problem);
}

function findCause(error: unknown, test: (cause: unknown) => boolean): Error | null {
  for (let current = error, hops = 0; current && hops < 10; hops++) {
    if (test(current)) return current as Error;
    const next = current as { cause?: unknown; details?: { cause?: unknown } };
    current = next.details?.cause ?? next.cause;
  }
  return null;
}

function exceedsDepth(root: unknown, maxDepth: number): boolean {
  const stack: Array<[unknown, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth > maxDepth) return true;
    for (const child of Array.isArray(value) ? value : Object.values(value)) stack.push([child, depth + 1]);
  }
  return false;
}
