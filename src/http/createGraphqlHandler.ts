import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import { isUtf8 } from 'node:buffer';
import bodyParser from 'body-parser';
import type { Logger } from 'pino';
import type { Context } from '../graphql/context.js';
import type { Graph } from '../rdf/Graph.js';
import { clientErrorAnswer, type RequestError } from './clientErrorAnswer.js';
import { contextFor } from './contextFor.js';
import { defaultGraphqlLimits } from './graphqlLimits.js';
import { refuseDeclaredOversizeBody } from './refuseDeclaredOversizeBody.js';
import { sendCompressed } from './sendCompressed.js';
import { strongEtag } from './strongEtag.js';

/** A request handler of Node's http module. */
export type NodeHandler = (request: IncomingMessage, response: ServerResponse) => void;

/** What the GraphQL handler serves, and its body limit. */
export interface GraphqlHandlerOptions {
  apollo: ApolloServer<Context>;
  graph: Graph;
  logger: Logger;
  maxBodyBytes: number;
  /** The largest answer sent; a larger one is replaced by a RESPONSE_TOO_LARGE error. Default 10 MB. */
  maxResponseBytes?: number;
  /** The version number of each dataset `graph` serves from the publishing store, by graph IRI (see Context). */
  datasetVersions?: ReadonlyMap<string, number>;
}

/**
 * GraphQL over HTTP on Node's http module: body-parser reads the JSON body
 * (size limit, UTF-8 only) and Apollo's `executeHTTPGraphQLRequest` answers,
 * as in Apollo Server's own standalone server. It runs beside Express, not
 * through it: Express 5's router more than halved the requests a second a
 * plain Apollo server answers, and the objects it kept per request were what
 * filled the old generation and set off full collections of a large graph.
 *
 * Bodies that cannot be read get a JSON error (413, 400 naming JSON, 415
 * naming the charset). GET answers carry an ETag of their body and answer 304
 * when `If-None-Match` names it.
 */
export function createGraphqlHandler({ apollo, graph, logger, maxBodyBytes, maxResponseBytes = defaultGraphqlLimits.maxResponseBytes, datasetVersions }: GraphqlHandlerOptions): NodeHandler {
  const readJson = bodyParser.json({ limit: maxBodyBytes, verify: refuseInvalidUtf8 });
  return (request, response) => {
    if (refuseDeclaredOversizeBody(request, response, maxBodyBytes)) return;
    readJson(request, response, (error?: RequestError) => {
      if (error) {
        sendError(response, error, logger);
        return;
      }
      answer(apollo, graph, datasetVersions, request, response, maxResponseBytes).catch((failure: unknown) => {
        if (!response.headersSent) sendError(response, failure as RequestError, logger);
        else response.destroy();
      });
    });
  };
}

async function answer(apollo: ApolloServer<Context>, graph: Graph, datasetVersions: ReadonlyMap<string, number> | undefined, request: IncomingMessage, response: ServerResponse, maxResponseBytes: number): Promise<void> {
  const url = request.url ?? '/';
  const query = url.indexOf('?');
  if (query !== -1 && !isUtf8QueryString(url.slice(query + 1))) {
    throw Object.assign(new Error('The URL\'s query string is not valid UTF-8: a %-escape is malformed or encodes bytes that are no UTF-8'), { status: 400 });
  }
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const result = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: {
      method: request.method?.toUpperCase() ?? 'GET',
      headers,
      search: query === -1 ? '' : url.slice(query),
      body: (request as IncomingMessage & { body?: unknown }).body,
    },
    context: async () => contextFor(graph, request.headers['accept-language'], datasetVersions),
  });
  let status = result.status ?? 200;
  const responseHeaders: Record<string, string> = Object.fromEntries(result.headers);
  if (result.body.kind === 'chunked') {
    response.writeHead(status, responseHeaders);
    for await (const chunk of result.body.asyncIterator) response.write(chunk);
    response.end();
    return;
  }
  let body = result.body.string;
  // A string of n UTF-16 units is at most 3n bytes of UTF-8: most answers need no count.
  if (body.length * 3 > maxResponseBytes && Buffer.byteLength(body) > maxResponseBytes) {
    ({ status, body } = responseTooLarge(Buffer.byteLength(body), maxResponseBytes, responseHeaders['content-type'] ?? ''));
  }
  if (request.method === 'GET' && status === 200) {
    const etag = strongEtag(body);
    // sendCompressed answers 304 when If-None-Match names it (for the coding sent), with the validators only.
    responseHeaders.etag = etag;
  }
  send(response, status, responseHeaders, body);
}

function sendError(response: ServerResponse, error: RequestError, logger: Logger): void {
  const { status, body } = clientErrorAnswer(error, logger);
  send(response, status, { 'content-type': 'application/json; charset=utf-8' }, JSON.stringify(body));
}

/** Sends the body, compressed as Accept-Encoding asks when over a kilobyte; an ETag then carries the coding (see sendCompressed). */
function send(response: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  const { etag, ...rest } = headers;
  sendCompressed(response.req, response, { status, headers: rest, body, ...(etag !== undefined && { etag }) });
}

/** body-parser's check of the raw body: bytes that are no UTF-8 are refused, not read as U+FFFD. */
function refuseInvalidUtf8(_request: IncomingMessage, _response: ServerResponse, body: Buffer): void {
  if (!isUtf8(body)) throw Object.assign(new Error('The request body is not valid UTF-8'), { status: 400, type: 'encoding.invalid' });
}

/** Whether every `name=value` of a query string percent-decodes to UTF-8 text. */
function isUtf8QueryString(search: string): boolean {
  try {
    for (const part of search.split('&')) decodeURIComponent(part.replace(/\+/g, ' '));
    return true;
  } catch {
    return false;
  }
}

/**
 * What is sent instead of an answer over the byte limit: a GraphQL error, never a cut body. It has
 * no `data`, so it is a 400 as `application/graphql-response+json` and a 200 as `application/json`
 * (see graphqlOverHttpStatusPlugin).
 */
function responseTooLarge(bytes: number, maxResponseBytes: number, contentType: string): { status: number; body: string } {
  const message = `The answer is ${bytes.toLocaleString('en')} bytes long, over the limit of ${maxResponseBytes.toLocaleString('en')} bytes; ask for fewer fields, or page with "first" and "after"`;
  const status = contentType.startsWith('application/graphql-response+json') ? 400 : 200;
  return { status, body: JSON.stringify({ errors: [{ message, extensions: { code: 'RESPONSE_TOO_LARGE', limit: maxResponseBytes, bytes } }] }) };
}
