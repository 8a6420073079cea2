import type { Writable } from 'node:stream';
import { Router } from 'express';
import { DataFactory, type NamedNode } from 'n3';
import type { Logger } from 'pino';
import type { Graph } from '../rdf/Graph.js';
import { standards } from '../rdf/vocabulary.js';
import { GRAPHML_MEDIA_TYPE, graphmlOf } from '../network/graphmlOf.js';
import { networkCsvOf } from '../network/networkCsvOf.js';
import { neighbourhoodTable, wholeNetworkTable } from '../network/networkTable.js';
import { iriOfRequestPath } from './linkedData/iriOfRequestPath.js';
import { sendCompressed } from './sendCompressed.js';
import { serveCachedDownloads } from './serveCachedDownloads.js';
import { strongEtag } from './strongEtag.js';


/** One download of the whole organisation network. */
export interface NetworkDownload {
  path: string;
  /** What it is served as. */
  mediaType: string;
  /** The IANA-registered type a catalogue gives for it (DCAT-AP wants one from IANA's registry). */
  registeredMediaType: string;
  /** The standard its format is. */
  conformsTo: NamedNode;
  title: string;
  /** The ETag's suffix after the data version. */
  tag: string;
  write(graph: Graph): string;
}

/** The network downloads, in the order a catalogue lists them. */
export const networkDownloads: readonly NetworkDownload[] = [
  {
    path: '/network.graphml',
    mediaType: GRAPHML_MEDIA_TYPE,
    registeredMediaType: 'application/xml',
    conformsTo: standards.graphml,
    title: 'The organisation network (GraphML)',
    tag: 'graphml',
    write: (graph) => graphmlOf(wholeNetworkTable(graph)),
  },
  {
    path: '/network/nodes.csv',
    mediaType: 'text/csv',
    registeredMediaType: 'text/csv',
    conformsTo: standards.csv,
    title: 'The organisation network: node list (CSV)',
    tag: 'nodes-csv',
    write: (graph) => networkCsvOf(wholeNetworkTable(graph)).nodes,
  },
  {
    path: '/network/edges.csv',
    mediaType: 'text/csv',
    registeredMediaType: 'text/csv',
    conformsTo: standards.csv,
    title: 'The organisation network: edge list (CSV)',
    tag: 'edges-csv',
    write: (graph) => networkCsvOf(wholeNetworkTable(graph)).edges,
  },
];

/** Content-Type parameters of each download: UTF-8, and for CSV that the first row names the columns (RFC 4180). */
function contentType(download: NetworkDownload): string {
  return download.mediaType === 'text/csv' ? 'text/csv; charset=utf-8; header=present' : `${download.mediaType}; charset=utf-8`;
}

/** What the network is made of and which version of the data that is. */
export interface NetworkRouterOptions {
  /** An immutable snapshot: each download is produced from it once. */
  graph: Graph;
  /** Changes whenever the data changes; the ETags are made from it. */
  digest: string;
  lastModified: Date;
  logger: Logger;
}

/**
 * Serves the organisation network (see organisationNetworkOf) for
 * network-analysis tools: the whole network at /network.graphml (GraphML),
 * /network/nodes.csv and /network/edges.csv (RFC 4180), and one
 * organisation's neighbourhood (it, its relations and the organisations at
 * their other ends) as GraphML at its page with `?format=graphml`.
 *
 * The whole-network downloads are served as the dumps are (see
 * serveCachedDownloads): produced once per data version, on the first
 * request, compressed once per coding, with ETags such as
 * `"<digest>-graphml-gz"`, 304s and byte ranges. A neighbourhood has a strong ETag of its bytes; a path
 * that names no organisation of the network gets a 404 saying so, a path
 * that names nothing a 400 (or 414), as on resource pages.
 */
export function createNetworkRouter({ graph, digest, lastModified, logger }: NetworkRouterOptions): Router & { close(): Promise<void> } {
  const router = Router();
  const close = serveCachedDownloads(
    router,
    networkDownloads.map((download) => ({
      path: download.path,
      contentType: contentType(download),
      tag: download.tag,
      filename: `kulturskolegrafen-${download.path.slice(1).replace(/\//g, '-')}`,
      write: (output: Writable) => new Promise<void>((resolve, reject) => output.write(download.write(graph), (error) => (error ? reject(error) : resolve()))),
    })),
    { digest, lastModified, logger },
  );

  // An organisation's page with ?format=graphml: its neighbourhood. Every other ?format is the resource pages' own.
  router.use((request, response, next) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || request.query.format !== 'graphml') return next();
    response.setHeader('Access-Control-Allow-Origin', '*');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    const path = iriOfRequestPath(request.path);
    if (!path.ok) {
      response.status(path.status).type('text/plain; charset=utf-8').send(`${path.message}\n`);
      return;
    }
    const table = neighbourhoodTable(graph, DataFactory.namedNode(path.iri));
    if (table === null) {
      response
        .status(404)
        .type('text/plain; charset=utf-8')
        .send(`<${path.iri}> is no organisation of the network, so it has no neighbourhood to give as GraphML; ?format=graphml is offered on organisations' pages (municipalities, collaborations, projects, other organisations and units).\n`);
      return;
    }
    const body = Buffer.from(graphmlOf(table), 'utf8');
    sendCompressed(request, response, { status: 200, headers: { 'Content-Type': `${GRAPHML_MEDIA_TYPE}; charset=utf-8` }, body, etag: strongEtag(body) });
  });

  return Object.assign(router, { close });
}
