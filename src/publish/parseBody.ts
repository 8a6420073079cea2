import type { Quad } from 'n3';
import { DataLoadError } from '../rdf/DataLoadError.js';
import type { RdfFormat } from '../rdf/RdfFormat.js';
import { parseRdf } from '../rdf/parseRdf.js';
import { kg } from '../rdf/vocabulary.js';
import { PublishError } from './PublishError.js';

const FILE = 'body';

/** Blank nodes are labelled `_:b_{label as sent}`; N3.js names anonymous ones `n3-…`, so the two never meet. */
const BLANK_NODE_PREFIX = 'b_';

const formatNames: Readonly<Record<RdfFormat, string>> = {
  jsonld: 'JSON-LD',
  turtle: 'Turtle',
  trig: 'TriG',
  ntriples: 'N-Triples',
  nquads: 'N-Quads',
};

/**
 * Parses a body with the project's strict loader (bundled JSON-LD contexts
 * only, every term checked, nesting limited); its default graph becomes the
 * dataset's named graph. Throws PublishError SYNTAX_ERROR naming the problem,
 * with the line (and column) in `details` where the parser tells them.
 */
export async function parseBody(body: Uint8Array, format: RdfFormat, slug: string): Promise<Quad[]> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new PublishError('SYNTAX_ERROR', 'The body is not valid UTF-8');
  }
  try {
    return await parseRdf(text, { file: FILE, format, graph: kg.dataset(slug), blankNodePrefix: BLANK_NODE_PREFIX });
  } catch (error) {
    if (!(error instanceof DataLoadError)) throw error;
    const problem = error.message.slice(FILE.length + 2);
    const message =
      error.code === 'SYNTAX_ERROR' || error.code === 'INVALID_JSON_LD'
        ? `The body is not valid ${formatNames[format]}: ${problem}`
        : `The body cannot be published: ${problem}`;
    throw new PublishError('SYNTAX_ERROR', message, whereIn(text, problem));
  }
}

/** The line and column a parser's message gives: N3.js says "on line 3", JSON.parse "at position 42" (or "line 3 column 5"). */
function whereIn(text: string, problem: string): { line?: number; column?: number } {
  const lineAndColumn = /\bline (\d+) column (\d+)/.exec(problem);
  if (lineAndColumn) return { line: Number(lineAndColumn[1]), column: Number(lineAndColumn[2]) };
  const line = /\bon line (\d+)/.exec(problem);
  if (line) return { line: Number(line[1]) };
  const position = /\bin JSON at position (\d+)/.exec(problem);
  if (position) {
    // JSON.parse counts from after a byte order mark, which parseRdf strips.
    const before = text.replace(/^\uFEFF/, '').slice(0, Number(position[1]));
    const lines = before.split('\n');
    return { line: lines.length, column: lines.at(-1)!.length + 1 };
  }
  return {};
}
