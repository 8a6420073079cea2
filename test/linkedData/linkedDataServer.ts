import { spawn } from 'node:child_process';
import { request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { DataFactory, Parser, Store, termToId } from 'n3';
import type { Quad, Term } from 'n3';
import type { Quad as RdfQuad } from '@rdfjs/types';
import { pino } from 'pino';
import { createLinkedDataRouter } from '../../src/http/linkedData/createLinkedDataRouter.js';
import { dataPath } from '../../src/rdf/dataPath.js';
import type { Graph } from '../../src/rdf/Graph.js';
import { loadDataDirectory } from '../../src/rdf/loadDataDirectory.js';
import { StoreGraph } from '../../src/rdf/StoreGraph.js';
import { BASE_IRI } from '../../src/rdf/vocabulary.js';

/** A throwaway server with only the linked-data router, on 127.0.0.1 and a free port. */
export interface LinkedDataServer {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  /** The Accept header of each request, in order, as the server saw it. */
  accepts: Array<{ path: string; accept: string | undefined }>;
  close(): Promise<void>;
}

/** Mounts createLinkedDataRouter on a new express app, after its own routes and before its catch-all 404, as the server does. */
export async function startLinkedDataServer(graph: Graph): Promise<LinkedDataServer> {
  const app = express();
  app.disable('x-powered-by');
  const accepts: LinkedDataServer['accepts'] = [];
  app.use((request, _response, next) => {
    accepts.push({ path: request.path, accept: request.get('accept') });
    next();
  });
  app.use(createLinkedDataRouter({ graph, logger: pino({ level: 'silent' }) }));
  // The server's own catch-all, which requests the router passes on reach.
  app.use((request, response) => {
    response.status(404).json({ error: `No route for ${request.method} ${request.path}` });
  });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    accepts,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The shipped data, as the server loads it: its store, and the Graph over it. */
export async function shippedData(): Promise<{ store: Store; graph: Graph }> {
  const { store } = await loadDataDirectory(dataPath('graphs'));
  return { store, graph: new StoreGraph(store) };
}

/** The IRI of one of our resources. */
export function iri(path: string): string {
  return BASE_IRI + path;
}

/** An answer read in full. */
export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * Sends a request with the path exactly as given (fetch would normalise
 * `/%2e%2e/` and the like away), and reads the whole answer.
 */
export function rawRequest(url: string, path: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: hostname, port, path, method: options.method ?? 'GET', headers: options.headers }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

/** Parses Turtle, TriG, N-Triples or N-Quads with N3.js, keeping blank node labels. */
export function parseWithN3(text: string, format: string): Quad[] {
  return new Parser({ format, blankNodePrefix: '' }).parse(text);
}

/**
 * A quad as a string for set comparisons: blank nodes all read `_:` (each
 * format labels them its own way), and the graph left out unless asked for.
 */
export function quadKey(quad: RdfQuad, withGraph = true): string {
  const terms = withGraph ? [quad.subject, quad.predicate, quad.object, quad.graph] : [quad.subject, quad.predicate, quad.object];
  return terms.map((term) => (term.termType === 'BlankNode' ? '_:' : termToId(term as Term))).join(' ');
}

/** The distinct keys of quads, sorted. */
export function keysOf(quads: Iterable<RdfQuad>, withGraph = true): string[] {
  return [...new Set([...quads].map((quad) => quadKey(quad, withGraph)))].sort();
}

/** What the store says about an IRI that reaches no blank node: its triples and those that point at it. */
export function ownAndIncoming(store: Store, resource: string): Quad[] {
  const node = DataFactory.namedNode(resource);
  return [...store.getQuads(node, null, null, null), ...store.getQuads(null, null, node, null)];
}

/** What a Python program did. */
export interface PythonRun {
  code: number | null;
  stdout: string;
  stderr: string;
  startError?: Error;
}

export const INSTALL_RDFLIB =
  'the Python RDF library rdflib is needed by /usr/bin/python3: install it with `apt-get install python3-rdflib`';

/**
 * Runs a Python program with Debian's /usr/bin/python3 (the one that has
 * python3-rdflib), `input` on stdin; never rejects. Asynchronous, so the
 * test server in this process keeps answering the program's requests.
 */
export function runPython(program: string, args: readonly string[], input = ''): Promise<PythonRun> {
  return new Promise((resolve) => {
    const child = spawn('/usr/bin/python3', ['-c', program, ...args], { timeout: 60_000, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (startError) => resolve({ code: null, stdout, stderr, startError }));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

/** Fails with the install hint when rdflib is missing, and with the program's stderr when it failed otherwise. */
export function expectPythonSuccess(run: PythonRun): void {
  if (run.startError || run.code === 3) throw new Error(`${INSTALL_RDFLIB}\n${run.startError?.message ?? run.stderr}`);
  if (run.code !== 0) throw new Error(`python exited ${run.code}: ${run.stderr.slice(0, 2000)}`);
}

/** Reads RDF from stdin with rdflib in the given format (`xml`, `json-ld`, …) and prints it as N-Quads. Exits 3 without rdflib. */
export const RDFLIB_TO_NQUADS = `
import sys
try:
    from rdflib import ConjunctiveGraph
except ImportError as error:
    sys.stderr.write("rdflib is not importable: %s\\n" % error)
    sys.exit(3)
graph = ConjunctiveGraph()
graph.parse(data=sys.stdin.read(), format=sys.argv[1], publicID=sys.argv[2])
out = graph.serialize(format="nquads")
sys.stdout.write(out.decode("utf-8") if isinstance(out, bytes) else out)
`;
