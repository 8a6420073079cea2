import { randomUUID } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import { DataFactory, Parser } from 'n3';
import type { Quad } from '@rdfjs/types';
import type { Logger } from 'pino';
import type { DatasetState, Publisher, WriteConditions, WriteResult } from '../../publish/Publisher.js';
import { PublishError } from '../../publish/PublishError.js';
import { reportAsTurtle } from '../../publish/reportAsTurtle.js';
import type { Tokens } from '../../publish/Tokens.js';
import { isDatasetSlug } from '../../store/isDatasetSlug.js';
import { kg } from '../../rdf/vocabulary.js';
import { isNotModified } from '../isNotModified.js';
import { linkedDataOffers, formatOfParameter, type LinkedDataOffer } from '../linkedData/linkedDataOffers.js';
import { negotiate, type Offer } from '../negotiate.js';
import { graphStoreTarget } from './graphStoreTarget.js';
import { HttpProblem } from './HttpProblem.js';
import { readRequestBody } from './readRequestBody.js';
import { WriteRateLimits, type WriteRateLimitOptions } from './WriteRateLimits.js';
import { writeRdfText } from '../../rdf/writeRdfText.js';

/** What the publishing routes write through, who may write, and their limits. */
export interface PublishingRouterOptions {
  publisher: Publisher;
  /** The tokens that may write; null when the server has no `TOKENS_FILE`, and then every write is refused (403) with how to enable publishing. */
  tokens: Tokens | null;
  logger: Logger;
  /** The longest body a write or validation may send, in bytes; a longer one is a 413. Default 10 MiB. */
  maxBodyBytes?: number;
  rateLimit?: WriteRateLimitOptions;
  /** The served data's version, sent as `Data-Version` on every answer of these routes, read when the answer is sent (so a write's answer names the version it made). */
  dataVersion?: () => string;
}

const DEFAULT_MAX_BODY_BYTES = 10 * 1_048_576;
/** A rollback's body is `{"version": n}`. */
const MAX_ROLLBACK_BODY_BYTES = 1024;
/** A version's content never changes: its IRI is permanent. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const GRAPH_STORE_METHODS = 'GET, HEAD, PUT, DELETE';
const POSITIVE_INTEGER = /^[1-9][0-9]{0,8}$/;

/** What a dataset's content is offered as: every RDF representation the linked-data pages have, Turtle first. */
const contentOffers = linkedDataOffers.filter((offer) => offer.writableFormat !== null);
const reportOffers: readonly Offer<'json' | 'turtle'>[] = [
  { format: 'json', mediaType: 'application/json' },
  { format: 'turtle', mediaType: 'text/turtle' },
];

/**
 * The write path over HTTP, and the history that citations point to. Mount
 * it at the root, before the linked-data routes.
 *
 * Writes, each with `Authorization: Bearer <token>` (see Tokens), a body of
 * at most `maxBodyBytes` (Content-Type names its format) and a rate limit per
 * client address and per publisher:
 * - `PUT /datasets/{slug}`: replaces the dataset. 201 when new, 200 for a new
 *   version or the same content again (`unchanged: true`), with JSON
 *   `{dataset, version, triples, etag, unchanged, added, removed}`, `ETag`,
 *   and `Location` naming the version's permanent path. `If-Match` and
 *   `If-None-Match` are passed on (412 when they fail; nothing changes).
 * - `DELETE /datasets/{slug}`: withdraws it (204); its history stays.
 * - `POST /datasets/{slug}/validate`: every check, nothing stored: 200
 *   `{conforms: true, triples}`.
 * - `POST /datasets/{slug}/rollback` with `{"version": n}`: a new version
 *   equal to version n, answered as PUT is.
 * - The SPARQL 1.1 Graph Store HTTP Protocol at `/graph-store?graph=<dataset
 *   IRI>`: PUT, DELETE (404 when the graph is not published), GET and HEAD
 *   (the current content; its ETag is the dataset's, so it can go back in
 *   If-Match). POST, the protocol's merge, is a 405: see graphStorePost.
 *
 * Reads, open to all: `GET /datasets` (every dataset's state), `GET
 * /datasets/{slug}` (its state and links), `.../versions` (its history),
 * `.../versions/{n}` (that version's content by Accept or `?format=`, strong
 * ETag, cached for good; 410 for a withdrawal), `.../diff?from=N&to=M`
 * (added and removed N-Triples lines).
 *
 * Every error is JSON `{error, code, report?, line?, column?}` with its
 * status; a 422's report is Turtle (`sh:ValidationReport`) when Accept
 * prefers text/turtle. 401s carry `WWW-Authenticate: Bearer
 * realm="kulturskolegrafen"`, 429s `Retry-After`, 413s close the connection.
 * Nothing here logs a header.
 */
export function createPublishingRouter(options: PublishingRouterOptions): Router {
  const { publisher, tokens, logger } = options;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 1) throw new Error(`createPublishingRouter: maxBodyBytes must be a positive integer but got: ${maxBodyBytes}`);
  const rateLimits = new WriteRateLimits(options.rateLimit);
  const router = express.Router();

  /** Sets what every answer of these routes carries, then sends the body (none for HEAD). */
  const send = (request: Request, response: Response, status: number, contentType: string | null, body: string | null) => {
    if (options.dataVersion !== undefined) response.setHeader('Data-Version', options.dataVersion());
    response.setHeader('X-Content-Type-Options', 'nosniff');
    if (!response.hasHeader('Cache-Control')) response.setHeader('Cache-Control', 'no-store');
    response.status(status);
    if (contentType === null || body === null) return void response.end();
    response.setHeader('Content-Type', contentType);
    response.setHeader('Content-Length', Buffer.byteLength(body));
    response.end(request.method === 'HEAD' ? undefined : body);
  };
  const sendJson = (request: Request, response: Response, status: number, value: unknown) =>
    send(request, response, status, 'application/json; charset=utf-8', `${JSON.stringify(value)}\n`);

  /** Answers an error: its own status and message as JSON, a 422's report by Accept, anything unexpected a logged 500. */
  const sendError = async (request: Request, response: Response, error: unknown) => {
    if (response.headersSent) return void response.end();
    // What a route set for the representation it meant to send is no part of an error.
    for (const name of ['ETag', 'Last-Modified', 'Location']) response.removeHeader(name);
    response.setHeader('Cache-Control', 'no-store');
    if (error instanceof HttpProblem) {
      response.set(error.headers);
      return sendJson(request, response, error.status, { error: error.message, code: error.code });
    }
    if (error instanceof PublishError) {
      if (error.code === 'TOO_LARGE') {
        // The rest of the body is never read; the connection goes with it.
        response.shouldKeepAlive = false;
        response.setHeader('Connection', 'close');
      }
      const { report, line, column } = error.details;
      if (report !== undefined) {
        response.vary('Accept');
        const chosen = negotiate(request.get('accept'), reportOffers);
        if (chosen.ok && chosen.offer.format === 'turtle') return send(request, response, error.status, 'text/turtle; charset=utf-8', await reportAsTurtle(report));
      }
      return sendJson(request, response, error.status, {
        error: error.message,
        code: error.code,
        ...(report !== undefined && { report }),
        ...(line !== undefined && { line }),
        ...(column !== undefined && { column }),
      });
    }
    const reference = randomUUID();
    logger.error({ err: error, reference, method: request.method, path: request.path }, 'unexpected error on a publishing route');
    sendJson(request, response, 500, { error: `Internal server error (reference ${reference}).` });
  };

  /** Runs a route, answering whatever it throws. */
  const handle = (route: (request: Request, response: Response) => Promise<void> | void) => async (request: Request, response: Response) => {
    try {
      await route(request, response);
    } catch (error) {
      try {
        await sendError(request, response, error);
      } catch (failure) {
        logger.error({ err: failure, method: request.method, path: request.path }, 'could not answer an error on a publishing route');
        if (!response.headersSent) response.status(500).end();
      }
    }
  };

  /** A route that answers 405, naming what the path answers. */
  const refuseMethod = (path: string, allowed: string) =>
    handle(() => {
      throw methodNotAllowed(path, allowed);
    });

  /** The publisher writing `slug` with the request's token, after the rate limits; throws the refusal. */
  const authorise = async (request: Request, slug: string): Promise<string> => {
    await rateLimits.client(request.ip ?? request.socket.remoteAddress ?? 'unknown');
    if (tokens === null) {
      throw new HttpProblem(
        403,
        'PUBLISHING_DISABLED',
        'Publishing is not enabled on this server. Its operator enables it by starting the server with TOKENS_FILE naming a tokens file, made with: npm run token -- add --publisher <name> --datasets <slugs>. Reading is unaffected.',
      );
    }
    const verdict = tokens.authorise(request.get('authorization'), slug);
    if ('publisher' in verdict) {
      await rateLimits.publisher(verdict.publisher);
      return verdict.publisher;
    }
    switch (verdict.status) {
      case 401:
        throw new HttpProblem(401, 'UNAUTHORIZED', verdict.message, { 'WWW-Authenticate': verdict.challenge });
      case 403:
        throw new HttpProblem(403, 'FORBIDDEN', verdict.message);
      case 503:
        logger.error({ err: verdict.cause, tokensFile: tokens.file }, 'the tokens file cannot be read, so every write is refused');
        throw new HttpProblem(503, 'UNAVAILABLE', verdict.message);
    }
  };

  /** Answers an accepted write: 204 for a withdrawal, else its JSON with ETag and the new version's path as Location. */
  const sendWriteResult = (request: Request, response: Response, slug: string, result: WriteResult) => {
    if (result.status === 204) return send(request, response, 204, null, null);
    if (result.etag !== null) response.setHeader('ETag', result.etag);
    response.setHeader('Location', versionPath(request, slug, result.version));
    const { dataset, version, triples, etag, unchanged, added, removed } = result;
    sendJson(request, response, result.status, { dataset, version, triples, etag, unchanged, added, removed });
  };

  const publish = async (request: Request, response: Response, slug: string) => {
    const by = await authorise(request, slug);
    const body = await readRequestBody(request, maxBodyBytes);
    const result = await publisher.publish({ slug, mediaType: request.get('content-type') ?? '', body, publisher: by, ...conditionsOf(request) });
    sendWriteResult(request, response, slug, result);
  };

  const withdraw = async (request: Request, response: Response, slug: string) => {
    const by = await authorise(request, slug);
    sendWriteResult(request, response, slug, await publisher.withdraw({ slug, publisher: by, ...conditionsOf(request) }));
  };

  /** Sends a dataset's content (canonical N-Triples) in the format Accept or `?format=` asks for. */
  const sendContent = async (request: Request, response: Response, slug: string, content: string, etagOf: (offer: LinkedDataOffer) => string, lastModified: string) => {
    response.vary('Accept');
    const offer = contentOffer(request);
    const etag = etagOf(offer);
    response.setHeader('ETag', etag);
    response.setHeader('Last-Modified', new Date(lastModified).toUTCString());
    if (isNotModified(request, etag, new Date(lastModified))) return send(request, response, 304, null, null);
    let body: string;
    try {
      body = offer.writableFormat === 'ntriples' ? content : await writeRdfText(quadsOf(content, slug), offer.writableFormat!);
    } catch (error) {
      // Only RDF/XML fails on good data: a predicate whose IRI does not end in an XML name.
      if (offer.writableFormat !== 'rdfxml') throw error;
      throw new HttpProblem(406, 'NOT_ACCEPTABLE', `This dataset cannot be written as RDF/XML: ${(error as Error).message}; ask for another format: ${offerList(contentOffers.filter((other) => other !== offer))}.`);
    }
    send(request, response, 200, `${offer.mediaType}${offer.parameters}`, body);
  };

  router.get(
    '/datasets',
    handle((request, response) => sendJson(request, response, 200, { datasets: publisher.datasets().map((state) => withLinks(request, state)) })),
  );
  router.all('/datasets', refuseMethod('/datasets', 'GET, HEAD'));

  router
    .route('/datasets/:slug')
    .get(
      handle((request, response) => {
        const slug = slugOf(request);
        const state = publisher.state(slug);
        if (state === undefined) throw new PublishError('NOT_FOUND', `No dataset is published as ${slug}`);
        response.setHeader('Cache-Control', 'no-cache');
        sendJson(request, response, 200, withLinks(request, state));
      }),
    )
    .put(handle((request, response) => publish(request, response, slugOf(request))))
    .delete(handle((request, response) => withdraw(request, response, slugOf(request))))
    .all(refuseMethod('/datasets/{slug}', 'GET, HEAD, PUT, DELETE'));

  router
    .route('/datasets/:slug/validate')
    .post(
      handle(async (request, response) => {
        const slug = slugOf(request);
        await authorise(request, slug);
        const body = await readRequestBody(request, maxBodyBytes);
        const prepared = await publisher.validate({ slug, mediaType: request.get('content-type') ?? '', body });
        sendJson(request, response, 200, { conforms: true, triples: prepared.triples });
      }),
    )
    .all(refuseMethod('/datasets/{slug}/validate', 'POST'));

  router
    .route('/datasets/:slug/rollback')
    .post(
      handle(async (request, response) => {
        const slug = slugOf(request);
        const by = await authorise(request, slug);
        const version = await rollbackVersion(request);
        sendWriteResult(request, response, slug, await publisher.rollback({ slug, version, publisher: by, ...conditionsOf(request) }));
      }),
    )
    .all(refuseMethod('/datasets/{slug}/rollback', 'POST'));

  router
    .route('/datasets/:slug/versions')
    .get(
      handle(async (request, response) => {
        const slug = slugOf(request);
        const history = await publisher.history(slug);
        response.setHeader('Cache-Control', 'no-cache');
        sendJson(request, response, 200, {
          slug,
          dataset: kg.dataset(slug).value,
          versions: history.versions.map((record) => ({ ...record, href: versionPath(request, slug, record.version) })),
        });
      }),
    )
    .all(refuseMethod('/datasets/{slug}/versions', 'GET, HEAD'));

  router
    .route('/datasets/:slug/versions/:version')
    .get(
      handle(async (request, response) => {
        const slug = slugOf(request);
        const version = positiveInteger(request.params.version, 'version number');
        const content = await publisher.content(slug, version);
        const record = (await publisher.history(slug)).versions.find((candidate) => candidate.version === version)!;
        response.setHeader('Cache-Control', IMMUTABLE);
        // N-Triples is the stored content itself, so its ETag is the content's SHA-256; every other format is written from it, one to one.
        const etagOf = (offer: LinkedDataOffer) => (offer.writableFormat === 'ntriples' ? `"${record.sha256}"` : `"${record.sha256}.${offer.format}"`);
        await sendContent(request, response, slug, content, etagOf, record.created);
      }),
    )
    .all(refuseMethod('/datasets/{slug}/versions/{n}', 'GET, HEAD'));

  router
    .route('/datasets/:slug/diff')
    .get(
      handle(async (request, response) => {
        const slug = slugOf(request);
        const from = positiveInteger(request.query.from, 'from');
        const to = positiveInteger(request.query.to, 'to');
        const { added, removed } = await publisher.diff(slug, from, to);
        response.setHeader('Cache-Control', IMMUTABLE);
        sendJson(request, response, 200, { dataset: kg.dataset(slug).value, from, to, added, removed });
      }),
    )
    .all(refuseMethod('/datasets/{slug}/diff', 'GET, HEAD'));

  router.all(
    '/graph-store',
    handle(async (request, response) => {
      const method = request.method;
      if (method === 'POST') throw graphStorePost();
      if (!GRAPH_STORE_METHODS.split(', ').includes(method)) throw methodNotAllowed('/graph-store', GRAPH_STORE_METHODS);
      const target = graphStoreTarget(request);
      if (!target.ok) throw new PublishError('BAD_REQUEST', target.message);
      const { slug } = target;
      if (method === 'PUT') return publish(request, response, slug);
      if (method === 'DELETE') return withdraw(request, response, slug);
      const state = publisher.state(slug);
      if (state === undefined || state.withdrawn) {
        throw new PublishError('NOT_FOUND', `The graph <${kg.dataset(slug).value}> is not published${state?.withdrawn ? ' now: it was withdrawn' : ''}`);
      }
      const content = await publisher.content(slug, state.version);
      response.setHeader('Cache-Control', 'no-cache');
      // The graph's ETag, the same whatever the format, so that a client can send it back in If-Match.
      await sendContent(request, response, slug, content, () => state.etag!, state.modified);
    }),
  );

  return router;
}

/** The `:slug` parameter; a 400 when it cannot name a dataset. */
function slugOf(request: Request): string {
  const slug = String(request.params.slug);
  if (!isDatasetSlug(slug)) {
    throw new PublishError('BAD_REQUEST', `"${slug.slice(0, 80)}" is no dataset name: use 2–64 lowercase letters, digits and hyphens, starting and ending with a letter or digit`);
  }
  return slug;
}

function conditionsOf(request: Request): WriteConditions {
  const ifMatch = request.get('if-match');
  const ifNoneMatch = request.get('if-none-match');
  return { ...(ifMatch !== undefined && { ifMatch }), ...(ifNoneMatch !== undefined && { ifNoneMatch }) };
}

function positiveInteger(value: unknown, name: string): number {
  if (typeof value !== 'string' || !POSITIVE_INTEGER.test(value)) {
    const shown = typeof value === 'string' ? `"${value.slice(0, 40)}"` : value === undefined ? 'nothing' : 'a list';
    throw new PublishError('BAD_REQUEST', `The ${name} must be a whole number from 1, but got ${shown}`);
  }
  return Number(value);
}

/** Reads a rollback's `{"version": n}`. */
async function rollbackVersion(request: Request): Promise<number> {
  const type = request.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new PublishError('UNSUPPORTED_MEDIA_TYPE', `A rollback's body is JSON, {"version": n}, sent as application/json, not ${type === undefined ? 'without a Content-Type' : `"${type.slice(0, 60)}"`}`);
  }
  const body = await readRequestBody(request, MAX_ROLLBACK_BODY_BYTES);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new PublishError('BAD_REQUEST', `The body is not JSON: ${(error as Error).message}`);
  }
  const version = (parsed as { version?: unknown } | null)?.version;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    throw new PublishError('BAD_REQUEST', 'A rollback\'s body names the version to restore as {"version": n}, n a whole number from 1');
  }
  return version;
}

/** The path of a version, its permanent, citable address. */
function versionPath(request: Request, slug: string, version: number): string {
  return `${request.baseUrl}/datasets/${slug}/versions/${version}`;
}

/** A dataset's state with the paths to follow from it. */
function withLinks(request: Request, state: DatasetState): DatasetState & { links: Record<string, string | null> } {
  const base = `${request.baseUrl}/datasets/${state.slug}`;
  return {
    ...state,
    links: {
      self: base,
      versions: `${base}/versions`,
      current: state.withdrawn ? null : `${base}/versions/${state.version}`,
      graphStore: `${request.baseUrl}/graph-store?graph=${encodeURIComponent(state.dataset)}`,
    },
  };
}

/** The format to send content in, by `?format=` or Accept; a 400 for an unknown `?format=`, a 406 when nothing acceptable is offered. */
function contentOffer(request: Request): LinkedDataOffer {
  const format = request.query.format;
  if (format !== undefined && typeof format !== 'string') throw new PublishError('BAD_REQUEST', `Give ?format once, as one of: ${offerList(contentOffers)}`);
  const negotiated = negotiate(request.get('accept'), contentOffers, format === undefined ? undefined : formatOfParameter(format));
  if (negotiated.ok) return negotiated.offer as LinkedDataOffer;
  if (negotiated.status === 400) throw new PublishError('BAD_REQUEST', negotiated.message);
  throw new HttpProblem(406, 'NOT_ACCEPTABLE', `${negotiated.message} (or ?format=)`);
}

/** The content's triples in the dataset's named graph. */
function quadsOf(content: string, slug: string): Quad[] {
  const graph = kg.dataset(slug);
  return new Parser({ format: 'N-Triples' }).parse(content).map((triple) => DataFactory.quad(triple.subject, triple.predicate, triple.object, graph));
}

function methodNotAllowed(path: string, allowed: string): HttpProblem {
  return new HttpProblem(405, 'METHOD_NOT_ALLOWED', `${path} answers ${allowed}.`, { Allow: allowed });
}

/**
 * The Graph Store Protocol's POST merges the body into the graph. It is not
 * offered: a publisher states a dataset whole, and a merge gives a body's
 * blank nodes new identities each time, so the same POST twice would make
 * two versions where a PUT makes one.
 */
function graphStorePost(): HttpProblem {
  return new HttpProblem(
    405,
    'METHOD_NOT_ALLOWED',
    `POST (merging into a graph) is not offered: a dataset is replaced whole, so send all of it with PUT to the same URL. /graph-store answers ${GRAPH_STORE_METHODS}.`,
    { Allow: GRAPH_STORE_METHODS },
  );
}

function offerList(offers: readonly Offer[]): string {
  return offers.map((offer) => `${offer.format} (${offer.mediaType})`).join(', ');
}
