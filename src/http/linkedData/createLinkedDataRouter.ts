import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import express from 'express';
import type { ErrorRequestHandler, Request, Response, Router } from 'express';
import type { Logger } from 'pino';
import type { Quad } from '@rdfjs/types';
import { DataFactory, Store, termToId } from 'n3';
import type { NamedNode, Quad as N3Quad, Term as N3Term } from 'n3';
import { bundledContexts } from '../../rdf/bundledContexts.js';
import type { Graph } from '../../rdf/Graph.js';
import { StoreGraph } from '../../rdf/StoreGraph.js';
import { CONTEXT_IRI, dcat, kg } from '../../rdf/vocabulary.js';
import { writeRdfText } from '../../rdf/writeRdfText.js';
import { preferredLanguage, SERVED_LANGUAGES } from '../preferredLanguage.js';
import { strongEtag } from '../strongEtag.js';
import { negotiate } from '../negotiate.js';
import { negotiateEncoding, notAcceptableEncoding } from '../negotiateEncoding.js';
import { sendCompressed } from '../sendCompressed.js';
import type { Offer } from '../negotiate.js';
import { describeResource } from './describeResource.js';
import { describeVocabulary } from './describeVocabulary.js';
import { escapeHtml } from './escapeHtml.js';
import { hrefOfIri } from './hrefOfIri.js';
import { HTML_CONTENT_SECURITY_POLICY, htmlDocument } from './htmlDocument.js';
import type { Alternate } from './htmlDocument.js';
import { iriOfRequestPath } from './iriOfRequestPath.js';
import { formatOfParameter, linkedDataOffers } from './linkedDataOffers.js';
import type { LinkedDataOffer } from './linkedDataOffers.js';
import type { PageLanguage } from './pageText.js';
import { renderResourcePage } from './renderResourcePage.js';
import { renderVocabularyPage } from './renderVocabularyPage.js';
import { isOrganisationType, typeOfResource } from '../../graphql/typeOfResource.js';
import { GRAPHML_MEDIA_TYPE } from '../../network/graphmlOf.js';
import { drawRelationshipPicture } from './drawRelationshipPicture.js';
import { relationshipsOf } from './relationshipsOf.js';

/** What the linked-data routes serve, and where the catalogue they point to lives. */
export interface LinkedDataRouterOptions {
  graph: Graph;
  logger: Logger;
  /** Path of the data catalogue, sent in every resource answer's `Link: <…>; rel="describedby"`. Default `/catalog`. */
  catalogPath?: string;
  /**
   * Documents served at fixed paths instead of a resource's description, such
   * as the catalogue: their quads (made when first asked for) and the
   * resource an HTML page is about.
   */
  documents?: ReadonlyMap<string, ServedDocument>;
  /** The version each published dataset is served at, by its named graph's IRI (none when nothing is published): resource pages name it beside their sources. */
  datasetVersions?: ReadonlyMap<string, number>;
}

/** A document of quads served at a fixed path. */
export interface ServedDocument {
  subject: NamedNode;
  quads(): readonly Quad[];
  /** Its HTML page, when it has one of its own (the home page) rather than the description's; `alternates` are the other formats. */
  page?(input: { language: PageLanguage; alternates: readonly Alternate[] }): string;
}

const ALLOWED_METHODS = 'GET, HEAD';

/** How much of a client's header a message repeats. */
const MAX_ECHO = 200;

const contextOffers: readonly Offer<'jsonld'>[] = [{ format: 'jsonld', mediaType: 'application/ld+json', aliases: ['application/json'] }];
const errorOffers: readonly Offer<'text' | 'html'>[] = [
  { format: 'text', mediaType: 'text/plain' },
  { format: 'html', mediaType: 'text/html' },
];

/**
 * Makes our IRIs resolve. Mounted after the other routes, it answers GET and
 * HEAD for every path P with the description of the IRI `BASE_IRI` + P (see
 * iriOfRequestPath): `/kommun/1883` describes `https://w3id.org/kulturskola/kommun/1883`.
 *
 * - A description is the resource's triples, its blank nodes' (recursively)
 *   and the triples that point at it, each with its named graph where the
 *   format keeps graphs (see describeResource). A dataset of the catalogue
 *   (every named graph `/dataset/{slug}`, shipped or published) is described
 *   by the catalogue's account of it as well: its distributions, VoID
 *   figures, versions and the services that serve it. `/def` describes the ontology
 *   and every `ks:` term (see describeVocabulary). `/context.jsonld` is the
 *   bundled JSON-LD context.
 * - Formats by `Accept` (q-values; Turtle by default) or `?format=` (`ttl`,
 *   `nt`, `nq`, `jsonld`, `rdf` or `xml`, `trig`, `html`): see linkedDataOffers.
 *   JSON-LD is compacted with our context inlined, so it expands with no
 *   fetch. HTML is in Swedish or English, chosen by `?lang=sv|en` or else
 *   by `Accept-Language`; a collaboration's page opens with the picture of
 *   its relationships (see drawRelationshipPicture), and a document with a
 *   page of its own (the home page at `/`) is shown as that page.
 * - Every answer says `Vary: Accept` (HTML also `Accept-Language`); resource
 *   answers carry a strong ETag of the body (`If-None-Match` → 304) and
 *   `Link` to the catalogue (`rel="describedby"`) and the other formats.
 *   Those over a kilobyte are sent with brotli or gzip when `Accept-Encoding`
 *   asks for it (`Vary: Accept-Encoding`, the ETag suffixed `-br`/`-gz`).
 * - 400 bad path, `?format` or `?lang`, 404 unknown resource (nothing has it as
 *   subject or object), 405 other methods on what GET answers (`Allow: GET,
 *   HEAD`; on other paths they go on to the next handler), 406 nothing
 *   acceptable (or RDF/XML asked for a predicate it cannot write, or
 *   `Accept-Encoding` refusing identity, brotli and gzip), 414 path
 *   over 2 kB: each with a message (HTML when the client prefers it), never
 *   a 500 for bad input. Nothing here writes to the graph.
 */
export function createLinkedDataRouter(options: LinkedDataRouterOptions): Router {
  const { graph, logger } = options;
  const catalogPath = options.catalogPath ?? '/catalog';
  const router = express.Router();
  const catalog = options.documents?.get(catalogPath);
  /** The catalogue's description of a dataset it lists, or nothing for any other IRI. */
  const catalogEntry = (iri: string): readonly Quad[] => {
    if (catalog === undefined) return [];
    const catalogGraph = catalogGraphOf(catalog.quads());
    const dataset = DataFactory.namedNode(iri);
    return catalogGraph.has(catalog.subject, dcat.dataset, dataset) ? describeResource(catalogGraph, dataset) : [];
  };

  router.use(async (request, response, next) => {
    const path = iriOfRequestPath(request.path);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      // A POST to a path that names nothing is no business of ours: the server's own 404 answers it.
      if (!path.ok || (!options.documents?.has(request.path) && !isServed(graph, path.iri) && catalogEntry(path.iri).length === 0)) return next();
      setCommonHeaders(response);
      response.setHeader('Allow', ALLOWED_METHODS);
      return sendProblem(request, response, 405, `The method ${request.method} is not allowed here; resources answer ${ALLOWED_METHODS}.`);
    }
    setCommonHeaders(response);
    if (!path.ok) return sendProblem(request, response, path.status, path.message);
    const format = formatParameter(request);
    if (!format.ok) return sendProblem(request, response, 400, format.message);
    const language = pageLanguage(request);
    if (!language.ok) return sendProblem(request, response, 400, language.message);

    if (path.iri === CONTEXT_IRI) return sendContext(request, response, format.value);

    const document = options.documents?.get(request.path);
    const resource = document?.subject ?? DataFactory.namedNode(path.iri);
    const negotiated = negotiate(request.get('accept'), linkedDataOffers, format.value);
    if (!negotiated.ok && negotiated.status === 400) return sendProblem(request, response, 400, negotiated.message);
    const vocabulary = !document && resource.equals(kg.ontology) ? describeVocabulary(graph) : null;
    const description = document?.quads() ?? vocabulary?.quads ?? union(describeResource(graph, resource), catalogEntry(resource.value));
    if (description.length === 0) {
      return sendProblem(request, response, 404, `Nothing is known about <${path.iri}>: no triple here has it as subject or object.`);
    }
    if (!negotiated.ok) return sendProblem(request, response, 406, notAcceptable(request.get('accept'), linkedDataOffers));
    const offer = negotiated.offer as LinkedDataOffer;

    const alternates = alternatesOf(document ? request.path : hrefOfIri(path.iri)!.href);
    // An organisation's neighbourhood in the network export (see createNetworkRouter).
    if (!document && isOrganisationType(typeOfResource(graph, resource))) {
      alternates.push({ title: 'GraphML', mediaType: GRAPHML_MEDIA_TYPE, href: `${hrefOfIri(path.iri)!.href}?format=graphml` });
    }
    let body: string;
    if (offer.writableFormat === null) {
      const pageInput = { graph, language: language.value, alternates: alternates.filter((alternate) => alternate.mediaType !== offer.mediaType), catalogPath };
      if (document?.page) body = document.page(pageInput);
      else if (vocabulary) body = renderVocabularyPage({ ...pageInput, vocabulary });
      else {
        // A collaboration's page opens with the picture of its relationships.
        const relationships = document ? null : relationshipsOf(graph, resource);
        const figure = relationships === null ? undefined : drawRelationshipPicture(graph, relationships, language.value);
        body = renderResourcePage({ ...pageInput, resource, description, ...(figure !== undefined && { figure }), ...(options.datasetVersions && { datasetVersions: options.datasetVersions }) });
      }
      response.vary('Accept-Language');
      response.setHeader('Content-Language', language.value);
      response.setHeader('Content-Security-Policy', HTML_CONTENT_SECURITY_POLICY);
    } else {
      try {
        body = await writeRdfText(description, offer.writableFormat);
      } catch (error) {
        // Only RDF/XML can fail on good data: a predicate whose IRI does not end in an XML name.
        if (offer.writableFormat !== 'rdfxml') throw error;
        const others = linkedDataOffers.filter((other) => other !== offer);
        return sendProblem(request, response, 406, `This description cannot be written as RDF/XML: ${(error as Error).message}; ask for another format: ${offerList(others)}.`);
      }
    }
    const links = [
      `<${catalogPath}>; rel="describedby"`,
      ...alternates.filter((alternate) => alternate.mediaType !== offer.mediaType).map((alternate) => `<${alternate.href}>; rel="alternate"; type="${alternate.mediaType}"`),
    ];
    response.setHeader('Link', links.join(', '));
    // The server's front door may already expose more (X-Request-Id, …); keep its list.
    if (!response.hasHeader('Access-Control-Expose-Headers')) response.setHeader('Access-Control-Expose-Headers', 'Link, ETag');
    sendRepresentation(request, response, `${offer.mediaType}${offer.parameters}`, body);
  });

  router.use(((error, request, response, next) => {
    if (response.headersSent) return next(error);
    const reference = randomUUID();
    logger.error({ err: error, reference, path: request.path }, 'unexpected error answering a linked-data request');
    response.status(500).type('text/plain; charset=utf-8').send(`Internal server error (reference ${reference}).\n`);
  }) satisfies ErrorRequestHandler);

  return router;
}

const catalogGraphs = new WeakMap<readonly Quad[], StoreGraph>();

/** The catalogue's quads as a graph to describe its datasets from, made once per catalogue. */
function catalogGraphOf(quads: readonly Quad[]): StoreGraph {
  let catalogGraph = catalogGraphs.get(quads);
  if (catalogGraph === undefined) {
    catalogGraph = new StoreGraph(new Store(quads as N3Quad[]));
    catalogGraphs.set(quads, catalogGraph);
  }
  return catalogGraph;
}

/** The quads of both descriptions, each once, in order. */
function union(first: readonly Quad[], second: readonly Quad[]): Quad[] {
  if (second.length === 0) return [...first];
  const keys = new Set<string>();
  return [...first, ...second].filter((quad) => {
    const key = [quad.subject, quad.predicate, quad.object, quad.graph].map((term) => termToId(term as N3Term)).join(' ');
    if (keys.has(key)) return false;
    keys.add(key);
    return true;
  });
}

/** Headers of every answer: what it varies by, no sniffing, and open to any web page (the data is open). */
function setCommonHeaders(response: Response): void {
  response.vary('Accept');
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Access-Control-Allow-Origin', '*');
}

/** Whether GET would answer 200 for the IRI: the context, the ontology, or a resource some triple has as subject or object. */
function isServed(graph: Graph, iri: string): boolean {
  if (iri === CONTEXT_IRI || graph.describes(iri)) return true;
  return !graph.match(null, null, DataFactory.namedNode(iri), null)[Symbol.iterator]().next().done;
}

/** `?format=` once (its `xml` spelling mapped), absent, or why it is unusable. */
function formatParameter(request: Request): { ok: true; value: string | undefined } | { ok: false; message: string } {
  const value: unknown = request.query.format;
  if (value === undefined) return { ok: true, value: undefined };
  if (typeof value !== 'string') return { ok: false, message: `Give ?format once, as one of: ${offerList(linkedDataOffers)}.` };
  return { ok: true, value: formatOfParameter(value) };
}

/** Sends the bundled JSON-LD context (`/context.jsonld`), the same bytes every time. */
function sendContext(request: Request, response: Response, format: string | undefined): void {
  const negotiated = negotiate(request.get('accept'), contextOffers, format);
  if (!negotiated.ok) {
    const message = negotiated.status === 400 ? negotiated.message : notAcceptable(request.get('accept'), contextOffers);
    return sendProblem(request, response, negotiated.status, message);
  }
  sendRepresentation(request, response, 'application/ld+json', contextBody());
}

let contextText: string | undefined;
function contextBody(): string {
  contextText ??= `${JSON.stringify(bundledContexts.get(CONTEXT_IRI), null, 2)}\n`;
  return contextText;
}

/**
 * Sends a 200 with the body, its length and a strong ETag of its bytes, or a
 * 304 without a body when `If-None-Match` names that ETag (or is `*`),
 * compressed as `Accept-Encoding` asks when over a kilobyte (see
 * sendCompressed; the ETag then carries the coding), or a 406 when that
 * header accepts neither identity nor a coding we send. HEAD gets the same
 * headers and no body.
 */
function sendRepresentation(request: Request, response: Response, contentType: string, body: string): void {
  const acceptEncoding = request.get('accept-encoding');
  if (negotiateEncoding(acceptEncoding) === null) {
    response.vary('Accept-Encoding');
    return sendProblem(request, response, 406, notAcceptableEncoding(acceptEncoding));
  }
  const bytes = Buffer.from(body, 'utf8');
  sendCompressed(request, response, { status: 200, headers: { 'Content-Type': contentType }, body: bytes, etag: strongEtag(bytes) });
}

/**
 * Sends an error status with a message, as an HTML page when the client
 * prefers HTML over plain text (by Accept, or `?format=html`), otherwise as
 * text. The message is escaped, and never set in a header.
 */
function sendProblem(request: Request, response: Response, status: number, message: string): void {
  let html = false;
  try {
    const negotiated = negotiate(request.get('accept'), errorOffers, request.query.format === 'html' ? 'html' : undefined);
    html = negotiated.ok && negotiated.offer.format === 'html';
  } catch {
    // A query string that cannot be read is no reason to withhold the message.
  }
  response.status(status);
  if (!html) {
    response.setHeader('Content-Type', 'text/plain; charset=utf-8');
    response.end(request.method === 'HEAD' ? undefined : `${message}\n`);
    return;
  }
  // Messages are in English, as the API's other errors are, so the page says so.
  const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
  const body = `<header><h1>${escapeHtml(title)}</h1></header>\n<main><p>${escapeHtml(message)}</p></main>`;
  response.setHeader('Content-Type', 'text/html; charset=utf-8');
  response.setHeader('Content-Security-Policy', HTML_CONTENT_SECURITY_POLICY);
  response.end(request.method === 'HEAD' ? undefined : htmlDocument({ language: 'en', title, body }));
}


/** The representations at a path, as links: the path with `?format=`. */
function alternatesOf(path: string): Alternate[] {
  return linkedDataOffers.map((offer) => ({ title: offer.title, mediaType: offer.mediaType, href: `${path}?format=${offer.format}` }));
}

/**
 * The language of an HTML page: `?lang=` when given (one of the served
 * languages, once), else the one Accept-Language prefers (Swedish by
 * default and for a header that cannot be read); or why `?lang=` is unusable.
 */
function pageLanguage(request: Request): { ok: true; value: PageLanguage } | { ok: false; message: string } {
  const value: unknown = request.query.lang;
  if (value === undefined) return { ok: true, value: preferredLanguage(request.get('accept-language')) };
  const served = SERVED_LANGUAGES.find((language) => language === value);
  if (served !== undefined) return { ok: true, value: served };
  const given = typeof value === 'string' ? `as ${JSON.stringify(value.length > MAX_ECHO ? `${value.slice(0, MAX_ECHO)}…` : value)}` : 'more than once or as a list';
  return { ok: false, message: `Give ?lang once, as one of: ${SERVED_LANGUAGES.join(', ')}; it was given ${given}.` };
}

/** The 406 message: the Accept header (cut to MAX_ECHO characters) and what is offered. */
function notAcceptable(accept: string | undefined, offers: readonly Offer[]): string {
  const shown = accept === undefined ? '' : accept.length > MAX_ECHO ? `${accept.slice(0, MAX_ECHO)}…` : accept;
  return `None of the media types in Accept: ${JSON.stringify(shown)} is offered here; offered: ${offerList(offers)} (or ?format=).`;
}

function offerList(offers: readonly Offer[]): string {
  return offers.map((offer) => `${offer.format} (${offer.mediaType})`).join(', ');
}
