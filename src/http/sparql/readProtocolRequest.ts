import express, { type Request, type RequestHandler, type Response } from 'express';
import { findIriProblem } from './findIriProblem.js';
import type { ProtocolDataset } from './QueryJob.js';
import { refuseInvalidUtf8, refuseInvalidUtf8Parameters } from './refuseInvalidUtf8.js';
import { SparqlHttpError } from './SparqlHttpError.js';

/** A SPARQL 1.1 Protocol query request, read from any of its three forms. */
export interface ProtocolRequest {
  query: string;
  /** Absent when the request names no graphs: then the default graph is the union of all named graphs. */
  dataset?: ProtocolDataset;
  /** The first `format` parameter, if any. */
  format?: string;
}

/** The content types of a POST that carry a query. */
const FORM = 'application/x-www-form-urlencoded';
const QUERY = 'application/sparql-query';
const UPDATE = 'application/sparql-update';

/** The type of the error that a failed UTF-8 check in a body parser's `verify` hook carries. */
const INVALID_UTF8 = 'encoding.invalid-utf8';

/** Form fields a client may send beside the query (graph IRIs, format); more fail the request. */
const MAX_FORM_FIELDS = 200;

/**
 * Reads the query operation of the SPARQL 1.1 Protocol from `request`:
 * GET with `?query=`, POST of a form with `query=`, or POST of the query
 * itself as `application/sparql-query` (then the other parameters come from
 * the URL). Repeatable `default-graph-uri` and `named-graph-uri` describe the
 * dataset; `format` may override Accept; unknown parameters are ignored.
 * Throws a SparqlHttpError: 405 for other methods, 415 for other bodies, 413
 * when the query (or a body) exceeds `maxQueryBytes`, and 400 for a missing
 * or repeated query, an update (the endpoint is read-only), a bad graph IRI,
 * or bytes that are not UTF-8 (raw or percent-encoded, in the URL or the
 * body), which the parsers would otherwise replace with U+FFFD. A query is
 * UTF-8: a body that declares another charset is a 415, and a query holding
 * U+0000 (UTF-16 read as UTF-8) a 400.
 */
export async function readProtocolRequest(request: Request, response: Response, maxQueryBytes: number): Promise<ProtocolRequest> {
  const url = request.originalUrl;
  const search = url.indexOf('?');
  if (search !== -1) refuseInvalidUtf8Parameters(url.slice(search + 1));
  const fromUrl = request.query as Record<string, unknown>;
  let parameters: Record<string, unknown>;
  let bodyQuery: string | undefined;
  switch (request.method) {
    case 'GET':
    case 'HEAD':
      parameters = fromUrl;
      break;
    case 'POST': {
      const contentType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (contentType === FORM || contentType === QUERY) {
        refuseOtherCharset(request.headers['content-type']!);
        // The body is UTF-8 then: the parsers are told nothing else, so that they decode it as UTF-8 and
        // verifyUtf8 checks it, whatever else the header says (a second `charset`, one in a quoted value).
        request.headers['content-type'] = contentType;
      }
      if (contentType === FORM) {
        await parseBody(
          request,
          response,
          express.urlencoded({
            extended: false,
            limit: maxProtocolBodyBytes(maxQueryBytes),
            parameterLimit: MAX_FORM_FIELDS,
            verify: verifyUtf8((body) => refuseInvalidUtf8Parameters(body.toString('latin1'))),
          }),
        );
        const form = (request.body ?? {}) as Record<string, unknown>;
        parameters = { ...form, format: form.format ?? fromUrl.format };
      } else if (contentType === QUERY) {
        await parseBody(request, response, express.text({ type: () => true, limit: maxQueryBytes, verify: verifyUtf8(refuseNonUtf8Query) }));
        parameters = fromUrl;
        bodyQuery = typeof request.body === 'string' ? request.body : '';
        if (parameters.query !== undefined) {
          throw new SparqlHttpError(400, `A POST of ${QUERY} carries the query as its body; do not also send a query parameter`);
        }
      } else if (contentType === UPDATE) {
        throw readOnly();
      } else {
        throw new SparqlHttpError(
          415,
          `A POST to the SPARQL endpoint needs Content-Type ${FORM} (with query=…) or ${QUERY}, but got: ${JSON.stringify(request.headers['content-type'] ?? '')}`,
        );
      }
      break;
    }
    default:
      throw new SparqlHttpError(405, `The SPARQL endpoint answers GET and POST, not ${request.method}`, { headers: { Allow: 'GET, HEAD, POST' } });
  }

  if (parameters.update !== undefined) throw readOnly();
  const query = bodyQuery ?? single(parameters.query, 'query');
  if (query === undefined || query.trim() === '') {
    throw new SparqlHttpError(
      400,
      `Missing the query: send it as ?query=… (GET), as the form field query=… (POST ${FORM}) or as the body of a POST of ${QUERY}`,
    );
  }
  const nul = query.indexOf('\u0000');
  if (nul !== -1) {
    // Counted in characters (code points), as a person or an editor counts them, not in UTF-16 units.
    const at = [...query.slice(0, nul)].length;
    throw new SparqlHttpError(
      400,
      `The query holds the character U+0000 (NUL) at character ${at}, which no query needs: was it sent as UTF-16? The SPARQL endpoint reads queries as UTF-8`,
    );
  }
  const bytes = Buffer.byteLength(query);
  if (bytes > maxQueryBytes) throw new SparqlHttpError(413, `The query is ${bytes} bytes long; the limit is ${maxQueryBytes} bytes`);

  const defaultGraphs = iris(parameters['default-graph-uri'], 'default-graph-uri');
  const namedGraphs = iris(parameters['named-graph-uri'], 'named-graph-uri');
  const format = texts(parameters.format, 'format')[0];
  return {
    query,
    ...(defaultGraphs.length + namedGraphs.length > 0 && { dataset: { defaultGraphs, namedGraphs } }),
    ...(format !== undefined && { format }),
  };
}

/**
 * The largest body a protocol request may have: a form, whose percent-encoding
 * can triple the query's size on the wire, with room for the other fields.
 * The query itself is measured after decoding.
 */
export function maxProtocolBodyBytes(maxQueryBytes: number): number {
  return 3 * maxQueryBytes + 16_384;
}

/** A parameter of a media type (RFC 9110 §5.6.6): a token name, and a token or a quoted string as its value. */
const PARAMETER = /;\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;\s]*)/g;

/**
 * A query is UTF-8 (the registration of application/sparql-query says so,
 * and a form percent-encodes UTF-8), so a body that declares another charset
 * is refused with a 415 naming it, rather than decoded: the SPARQL 1.1
 * Protocol tests expect a UTF-16 query to be refused. Every `charset`
 * parameter is looked at, and one inside another's quoted value is none.
 */
function refuseOtherCharset(contentType: string): void {
  for (const [, name, value] of contentType.matchAll(PARAMETER)) {
    if (name!.toLowerCase() !== 'charset') continue;
    const charset = value!.startsWith('"') ? value!.slice(1, -1).replace(/\\(.)/g, '$1') : value!;
    if (!['utf-8', 'utf8'].includes(charset.toLowerCase())) throw otherCharset(charset);
  }
}

function otherCharset(charset: string): SparqlHttpError {
  return new SparqlHttpError(
    415,
    `The SPARQL endpoint reads queries as UTF-8 only, but the request declares charset=${JSON.stringify(charset.slice(0, 40))}: send the query encoded as UTF-8`,
  );
}
/** Refuses a query body that is not UTF-8, first naming a UTF-16 byte order mark, the usual cause. */
function refuseNonUtf8Query(body: Buffer): void {
  if ((body[0] === 0xff && body[1] === 0xfe) || (body[0] === 0xfe && body[1] === 0xff)) {
    throw new SparqlHttpError(400, 'The query starts with a UTF-16 byte order mark; the SPARQL endpoint reads queries as UTF-8');
  }
  refuseInvalidUtf8(body, 'The query');
}

function readOnly(): SparqlHttpError {
  return new SparqlHttpError(400, 'This endpoint is read-only: SPARQL Update is not accepted, only queries (SELECT, ASK, CONSTRUCT, DESCRIBE)');
}

function single(value: unknown, name: string): string | undefined {
  const values = texts(value, name);
  if (values.length > 1) throw new SparqlHttpError(400, `The ${name} parameter is given ${values.length} times; send exactly one`);
  return values[0];
}

/** The values of a graph parameter, each an absolute IRI by the rules the engine applies (see findIriProblem), so that none can make it throw. */
function iris(value: unknown, name: string): string[] {
  const values = texts(value, name);
  for (const iri of values) {
    const problem = findIriProblem(iri);
    if (problem !== undefined) throw new SparqlHttpError(400, `The ${name} parameter must be an absolute IRI, but got: ${JSON.stringify(iri.slice(0, 200))}; ${problem}`);
  }
  return values;
}

/** The values of a parameter; an application's query parser may also produce objects (`a[b]=c`), which are refused. */
function texts(value: unknown, name: string): string[] {
  const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
  if (values.some((item) => typeof item !== 'string')) throw new SparqlHttpError(400, `The ${name} parameter must be plain text, not a structure`);
  return values as string[];
}

/** A body parser's `verify` hook that checks a UTF-8 body (the default charset) with `check`; a body in another declared charset is left to the parser. */
function verifyUtf8(check: (body: Buffer) => void): (request: unknown, response: unknown, body: Buffer, encoding: string) => void {
  return (_request, _response, body, encoding) => {
    if (encoding.toLowerCase().replace('-', '') !== 'utf8') return;
    try {
      check(body);
    } catch (error) {
      // body-parser answers a failed verify with 403 unless told the error's type.
      throw Object.assign(new Error((error as Error).message), { type: INVALID_UTF8 });
    }
  };
}

/** Runs a body parser, turning its errors into SparqlHttpErrors. */
function parseBody(request: Request, response: Response, parser: RequestHandler): Promise<void> {
  return new Promise((resolve, reject) => {
    parser(request, response, (error?: unknown) => (error === undefined ? resolve() : reject(bodyError(error))));
  });
}

function bodyError(error: unknown): SparqlHttpError {
  const { type, limit, message } = error as { type?: string; limit?: number; message?: string };
  switch (type) {
    case 'entity.too.large':
      return new SparqlHttpError(413, `The request body is larger than the limit of ${limit} bytes`, { cause: error });
    case 'parameters.too.many':
      return new SparqlHttpError(413, `The form has more than the limit of ${MAX_FORM_FIELDS} fields`, { cause: error });
    case INVALID_UTF8:
      return new SparqlHttpError(400, message ?? 'The request body is not valid UTF-8', { cause: error });
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new SparqlHttpError(415, `The request body cannot be read: ${message}`, { cause: error });
    default:
      return new SparqlHttpError(400, `The request body cannot be read: ${message}`, { cause: error });
  }
}
