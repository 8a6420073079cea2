import type { ResultFormat } from './chooseResultFormat.js';

/** Results after the row cap: `truncated` says whether solutions were dropped. */
export interface CappedResults {
  body: string;
  truncated: boolean;
}

/**
 * Keeps the first `maxRows` solutions of SELECT results that Oxigraph
 * serialised in `format` and drops the rest, so the caller can ask the engine
 * for one solution more than it sends and learn from it whether it truncated.
 * SPARQL JSON results that lost solutions get a top-level `"truncated": true`.
 * Relies on how each format escapes values: TSV writes one solution per line,
 * CSV quotes any value with a line break, and XML escapes `<` in values.
 */
export function capSolutions(body: string, format: ResultFormat, maxRows: number): CappedResults {
  switch (format) {
    case 'json':
      return capJson(body, maxRows);
    case 'tsv':
      return capLines(body, maxRows);
    case 'csv':
      return capCsv(body, maxRows);
    case 'xml':
      return capXml(body, maxRows);
    case 'ttl':
    case 'nt':
    case 'jsonld':
      throw new Error(`capSolutions caps solutions, not graphs, but got format "${format}"`);
    default:
      throw new Error(`unexpected result format: ${JSON.stringify(format satisfies never)}`);
  }
}

function capJson(body: string, maxRows: number): CappedResults {
  const results = JSON.parse(body) as { head: unknown; results?: { bindings: unknown[] } };
  const bindings = results.results?.bindings;
  if (bindings === undefined || bindings.length <= maxRows) return { body, truncated: false };
  return {
    body: JSON.stringify({ head: results.head, truncated: true, results: { bindings: bindings.slice(0, maxRows) } }),
    truncated: true,
  };
}

/** TSV: a header line, then one line per solution, each ending in `\n`. */
function capLines(body: string, maxRows: number): CappedResults {
  let end = -1;
  for (let line = 0; line <= maxRows; line++) {
    end = body.indexOf('\n', end + 1);
    if (end === -1) return { body, truncated: false };
  }
  return end + 1 < body.length ? { body: body.slice(0, end + 1), truncated: true } : { body, truncated: false };
}

/** CSV: a header record, then one record per solution, each ending in CRLF outside quotes. */
function capCsv(body: string, maxRows: number): CappedResults {
  let records = 0;
  let quoted = false;
  for (let index = 0; index < body.length; index++) {
    const char = body[index];
    if (char === '"') quoted = !quoted;
    else if (char === '\n' && !quoted && ++records === maxRows + 1) {
      return index + 1 < body.length ? { body: body.slice(0, index + 1), truncated: true } : { body, truncated: false };
    }
  }
  return { body, truncated: false };
}

/** XML: `<result>` elements inside `<results>`; values escape `<`, so the tag cannot occur in them. */
function capXml(body: string, maxRows: number): CappedResults {
  let start = -1;
  for (let result = 0; result <= maxRows; result++) {
    start = body.indexOf('<result>', start + 1);
    if (start === -1) return { body, truncated: false };
  }
  const end = body.lastIndexOf('</results>');
  return { body: body.slice(0, start) + body.slice(end), truncated: true };
}
