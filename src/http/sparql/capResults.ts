import type { ResultFormat } from './chooseResultFormat.js';

/** Results after the caps: `truncated` says which cap dropped solutions (or triples), if any. */
export interface CappedResults {
  body: string;
  truncated: false | 'rows' | 'bytes';
}

/** How much of a serialised answer may be sent. */
export interface ResultCaps {
  /** The most solutions; graph formats ignore it (their triples are not solutions). */
  maxRows: number;
  /** The most UTF-8 bytes of the whole body, including what closes it after a cut. */
  maxBytes: number;
}

/** Where the items of a body lie: they start at `start`, and `closing` ends a body that was cut. */
interface Layout {
  start: number;
  closing: string;
  /** The end of the item that starts at or after `from` (separators skipped), or -1 when no item follows. */
  nextEnd(from: number): number;
}

/**
 * Cuts results that Oxigraph serialised in `format` at an item boundary (a
 * solution, or a statement of a graph) so that at most `caps.maxRows`
 * solutions and `caps.maxBytes` bytes remain; the caller asks the engine for
 * one solution more than `maxRows` and learns from it whether there were
 * more. A body within both caps comes back whole, however much longer the
 * ending of a cut one would be. A cut SPARQL JSON answer gets a top-level
 * `"truncated": true`; every cut body stays well-formed and within
 * `caps.maxBytes` (empty when not even its start and that ending fit). The
 * body is scanned, never parsed, and only up to the cap, so a huge answer
 * costs no more memory than its string. Relies on how Oxigraph writes each
 * format: JSON strings escape quotes, TSV, N-Triples and Turtle escape line
 * breaks (so a line ending in ` .` ends a Turtle statement), CSV quotes
 * values with line breaks, XML escapes `<` (so in SPARQL XML and RDF/XML
 * every `<` starts a tag; an RDF/XML item is one node element, all that it
 * describes).
 */
export function capResults(body: string, format: ResultFormat, caps: ResultCaps): CappedResults {
  const graph = format === 'ttl' || format === 'nt' || format === 'jsonld' || format === 'rdf';
  const maxRows = graph ? Number.POSITIVE_INFINITY : caps.maxRows;
  const fitsBytes = Buffer.byteLength(body) <= caps.maxBytes;
  if (fitsBytes && maxRows === Number.POSITIVE_INFINITY) return { body, truncated: false };
  const layout = layoutOf(body, format);
  if (layout === undefined) return fitsBytes ? { body, truncated: false } : { body: '', truncated: 'bytes' };

  const closingBytes = Buffer.byteLength(layout.closing);
  // The end of the last item after which the body, closed as a cut one, fits maxBytes; -1 while none does.
  let fitting = -1;
  let end = layout.start;
  let bytes = utf8Length(body, 0, end);
  for (let rows = 0; ; rows++) {
    if (bytes + closingBytes <= caps.maxBytes) fitting = end;
    // A body that fits is scanned to its end for the row cap; one that does not, only while a cut could fit.
    else if (!fitsBytes) break;
    const next = layout.nextEnd(end);
    // After the last item the body ends as it is, not as a cut one: whole, it fits or it does not.
    if (next === -1) {
      if (fitsBytes) return { body, truncated: false };
      break;
    }
    if (rows === maxRows) {
      if (fitting === end) return cut(body, end, layout, 'rows');
      break;
    }
    bytes += utf8Length(body, end, next);
    end = next;
  }
  return fitting === -1 ? { body: '', truncated: 'bytes' } : cut(body, fitting, layout, 'bytes');
}

function cut(body: string, end: number, layout: Layout, reason: 'rows' | 'bytes'): CappedResults {
  return { body: body.slice(0, end) + layout.closing, truncated: reason };
}

/** How the items of `body` lie in `format`, or undefined when it holds none (an ASK result). */
function layoutOf(body: string, format: ResultFormat): Layout | undefined {
  switch (format) {
    case 'json': {
      const bindings = body.indexOf('"bindings":[');
      if (bindings === -1) return undefined;
      return { start: bindings + '"bindings":['.length, closing: ']},"truncated":true}', nextEnd: (from) => jsonElementEnd(body, from) };
    }
    case 'jsonld':
      return body.startsWith('[') ? { start: 1, closing: ']', nextEnd: (from) => jsonElementEnd(body, from) } : undefined;
    case 'xml': {
      const results = body.indexOf('<results>');
      if (results === -1) return undefined;
      return {
        start: results + '<results>'.length,
        closing: '</results></sparql>',
        nextEnd: (from) => (body.startsWith('<result>', from) ? body.indexOf('</result>', from) + '</result>'.length : -1),
      };
    }
    case 'rdf': {
      const root = body.indexOf('<rdf:RDF');
      if (root === -1) return undefined;
      return { start: body.indexOf('>', root) + 1, closing: '\n</rdf:RDF>', nextEnd: (from) => xmlElementEnd(body, from) };
    }
    case 'csv':
      return { start: csvRecordEnd(body, 0), closing: '', nextEnd: (from) => (from < body.length ? csvRecordEnd(body, from) : -1) };
    case 'tsv':
    case 'nt':
      return { start: format === 'tsv' ? lineEnd(body, 0, '\n') : 0, closing: '', nextEnd: (from) => (from < body.length ? lineEnd(body, from, '\n') : -1) };
    case 'ttl':
      return { start: 0, closing: '', nextEnd: (from) => (from < body.length ? lineEnd(body, from, ' .\n') : -1) };
    default:
      throw new Error(`unexpected result format: ${JSON.stringify(format satisfies never)}`);
  }
}

/** The end of the JSON object or array at or after `from` (after commas and white space), or -1 at the end of the enclosing array. */
function jsonElementEnd(body: string, from: number): number {
  let index = from;
  while (index < body.length && (body[index] === ',' || body[index] === ' ' || body[index] === '\n')) index++;
  if (index >= body.length || body[index] === ']') return -1;
  let depth = 0;
  let quoted = false;
  for (; index < body.length; index++) {
    const char = body[index];
    if (quoted) {
      if (char === '\\') index++;
      else if (char === '"') quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === '{' || char === '[') depth++;
    else if ((char === '}' || char === ']') && --depth === 0) return index + 1;
  }
  return -1;
}

/**
 * The end of the XML element at or after `from` (white space skipped), or -1
 * where the enclosing element closes. Counts start and end tags; attribute
 * values are skipped whole, as they may hold `>`.
 */
function xmlElementEnd(body: string, from: number): number {
  let index = from;
  while (index < body.length && /\s/.test(body[index]!)) index++;
  if (index >= body.length || body.startsWith('</', index)) return -1;
  let depth = 0;
  while (index < body.length) {
    const open = body.indexOf('<', index);
    if (open === -1) return -1;
    const closing = body[open + 1] === '/';
    let end = open + 1;
    let quote: string | undefined;
    for (; end < body.length; end++) {
      const char = body[end];
      if (quote !== undefined) {
        if (char === quote) quote = undefined;
      } else if (char === '"' || char === "'") quote = char;
      else if (char === '>') break;
    }
    if (end >= body.length) return -1;
    if (closing) depth--;
    else if (body[end - 1] !== '/') depth++;
    index = end + 1;
    if (depth === 0) return index;
  }
  return -1;
}

/** The index after the CSV record starting at `from`: its CRLF outside quotes, or the end of the body. */
function csvRecordEnd(body: string, from: number): number {
  let quoted = false;
  for (let index = from; index < body.length; index++) {
    const char = body[index];
    if (char === '"') quoted = !quoted;
    else if (char === '\n' && !quoted) return index + 1;
  }
  return body.length;
}

/** The index after the next `terminator` at or after `from`, or the end of the body. */
function lineEnd(body: string, from: number, terminator: string): number {
  const index = body.indexOf(terminator, from);
  return index === -1 ? body.length : index + terminator.length;
}

/** The UTF-8 length of `body` from `start` to `end`, without copying it. */
function utf8Length(body: string, start: number, end: number): number {
  let bytes = 0;
  for (let index = start; index < end; index++) {
    const code = body.charCodeAt(index);
    // A surrogate is half of a four-byte character.
    bytes += code < 0x80 ? 1 : code < 0x800 || (code >= 0xd800 && code <= 0xdfff) ? 2 : 3;
  }
  return bytes;
}
