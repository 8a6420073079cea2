import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import jsonld from 'jsonld';
import { Parser, Writer, type Quad } from 'n3';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDumpRouter, dumps } from '../../src/http/createDumpRouter.js';
import { expectPythonSuccess, runPython } from '../linkedData/linkedDataServer.js';
import type { RunningServer } from '../../src/http/startServer.js';
import { startShippedServer } from '../support/startShippedServer.js';
import type { LoadedData } from '../../src/rdf/loadDataDirectory.js';
import { StoreGraph } from '../../src/rdf/StoreGraph.js';

let data: LoadedData;
let server: RunningServer;

beforeAll(async () => {
  ({ server, data } = await startShippedServer());
});

afterAll(async () => {
  await server.stop();
});

describe('GET /dump.nq', () => {
  it('holds every quad, named graphs included, as N-Quads of a known length', async () => {
    const response = await fetch(`${server.url}/dump.nq`, { headers: { 'Accept-Encoding': 'identity' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/n-quads; charset=utf-8');
    expect(response.headers.get('transfer-encoding')).toBeNull();
    const text = await response.text();
    expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
    const quads = new Parser({ format: 'application/n-quads' }).parse(text);
    expect(quads).toHaveLength(data.store.size);
    expect(new Set(quads.map((quad) => quad.graph.value))).toEqual(new Set(data.files.map((file) => file.graph.value)));
  });
});

describe('GET /dump.trig', () => {
  it('holds the same quads as TriG', async () => {
    const response = await fetch(`${server.url}/dump.trig`);
    expect(response.headers.get('content-type')).toBe('application/trig; charset=utf-8');
    expect(new Parser({ format: 'application/trig' }).parse(await response.text())).toHaveLength(data.store.size);
  });
});

describe('GET /dump.ttl', () => {
  it('holds every triple once, without graphs, as Turtle', async () => {
    const response = await fetch(`${server.url}/dump.ttl`);
    expect(response.headers.get('content-type')).toBe('text/turtle; charset=utf-8');
    const triples = new Parser({ format: 'text/turtle' }).parse(await response.text());
    const key = (quad: Quad) => `${quad.subject.id} ${quad.predicate.id} ${quad.object.id}`;
    const distinct = new Set(data.store.getQuads(null, null, null, null).map(key));
    expect(triples).toHaveLength(distinct.size);
    // Blank node labels differ between store and dump; every other triple is the same.
    const named = (keys: Iterable<string>) => new Set([...keys].filter((k) => !k.includes('_:')));
    expect(named(triples.map(key))).toEqual(named(distinct));
  });
});

describe('GET /dump.jsonld', () => {
  it('is a self-contained JSON-LD document that expands to every quad, named graphs included', async () => {
    const response = await fetch(`${server.url}/dump.jsonld`);
    expect(response.headers.get('content-type')).toBe('application/ld+json; charset=utf-8');
    const document = (await response.json()) as { '@context': unknown };
    expect(typeof document['@context']).toBe('object');
    const refuseAll = async (url: string) => {
      throw new Error(`the dump needed ${url}`);
    };
    const nquads = (await jsonld.toRDF(document as jsonld.JsonLdDocument, {
      documentLoader: refuseAll,
      format: 'application/n-quads',
    } as jsonld.Options.ToRdf)) as unknown as string;
    const quads = new Parser({ format: 'application/n-quads' }).parse(nquads);
    expect(quads).toHaveLength(data.store.size);
    // Blank node labels differ between store and dump; every other quad is the same.
    const key = (quad: Quad) => `${quad.subject.id} ${quad.predicate.id} ${quad.object.id} ${quad.graph.id}`;
    const named = (all: Quad[]) => new Set(all.map(key).filter((k) => !k.includes('_:')));
    expect(named(quads)).toEqual(named(data.store.getQuads(null, null, null, null)));
  });
});

describe('the dumps', () => {
  it.each(['/dump.nq', '/dump.trig', '/dump.ttl', '/dump.jsonld'])('%s answers 304 to If-None-Match with its ETag', async (path) => {
    const first = await fetch(`${server.url}${path}`);
    await first.arrayBuffer();
    const etag = first.headers.get('etag');
    // fetch asks for gzip (and decodes it), so this is the gzip dump's tag.
    expect(etag).toMatch(/^"[0-9a-f]{32}-[a-z]+-gz"$/);
    const again = await fetch(`${server.url}${path}`, { headers: { 'If-None-Match': etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('give each format its own ETag, made from the data version', async () => {
    const tags = await Promise.all(
      ['/dump.nq', '/dump.ttl'].map(async (path) => {
        const response = await fetch(`${server.url}${path}`, { method: 'HEAD' });
        return response.headers.get('etag');
      }),
    );
    expect(tags[0]).not.toBe(tags[1]);
    expect(tags[0]).toContain(data.digest.slice(0, 32));
  });

  it('answer 304 to If-Modified-Since at or after Last-Modified, and 200 with a stale ETag', async () => {
    const head = await fetch(`${server.url}/dump.nq`, { method: 'HEAD' });
    const lastModified = head.headers.get('last-modified')!;
    expect(new Date(lastModified).getTime()).toBe(Math.floor(data.lastModified.getTime() / 1000) * 1000);
    expect((await fetch(`${server.url}/dump.nq`, { method: 'HEAD', headers: { 'If-Modified-Since': lastModified } })).status).toBe(304);
    const stale = await fetch(`${server.url}/dump.nq`, { headers: { 'If-None-Match': '"0000-nq"' } });
    expect(stale.status).toBe(200);
    await stale.arrayBuffer();
  });

  it('answer HEAD with the headers and no body', async () => {
    const response = await fetch(`${server.url}/dump.jsonld`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/ld+json; charset=utf-8');
    expect(await response.text()).toBe('');
  });

  it('survive a client that hangs up halfway', async () => {
    const controller = new AbortController();
    const response = await fetch(`${server.url}/dump.nq`, { signal: controller.signal });
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
  });
});

/**
 * Reads RDF files with rdflib (Debian's python3-rdflib, an RDF processor
 * that shares no code with ours) and compares each with the first, the
 * reference, as sets of quads (of triples, where a file's format has no
 * graphs), blank nodes matched by rdflib's canonical labelling and literals
 * kept exactly as written. Arguments: pairs of a path and an rdflib format.
 * Prints, per file, how many quads it read and which differ from the
 * reference (up to five each way). Nothing is fetched: rdflib would load a
 * remote JSON-LD context over the network, and is refused.
 */
const compareWithRdflib = String.raw`
import hashlib, json, sys
try:
    import rdflib, rdflib.parser
    from rdflib.compare import to_canonical_graph
except ImportError as error:
    sys.stderr.write("rdflib is not importable: %s\n" % error)
    sys.exit(3)

def refuse(request, *args, **kwargs):
    raise RuntimeError("rdflib tried to fetch %s" % getattr(request, "full_url", request))
rdflib.parser.urlopen = refuse
rdflib.NORMALIZE_LITERALS = False

def read(path, fmt):
    dataset = rdflib.Dataset()
    dataset.parse(path, format=fmt)
    return [(s, p, o, getattr(g, "identifier", g)) for s, p, o, g in dataset.quads((None, None, None, None))]

def canonical(quads, keep_graphs):
    # Canonical labelling works on a graph, so each (predicate, graph) pair becomes one predicate.
    keys, graph = {}, rdflib.Graph()
    for s, p, o, g in quads:
        key = "%s %s" % (p.n3(), g.n3()) if keep_graphs else p.n3()
        predicate = rdflib.URIRef("urn:sha1:" + hashlib.sha1(key.encode("utf-8")).hexdigest())
        keys[predicate] = key
        graph.add((s, predicate, o))
    return {"%s %s %s" % (s.n3(), keys[p], o.n3()) for s, p, o in to_canonical_graph(graph)}

files = list(zip(sys.argv[1::2], sys.argv[2::2]))
reference = read(*files[0])
expected = {keep_graphs: canonical(reference, keep_graphs) for keep_graphs in (True, False)}
report = {}
for path, fmt in files:
    quads = read(path, fmt)
    keep_graphs = fmt in ("nquads", "trig", "json-ld")
    found = canonical(quads, keep_graphs)
    report[path] = {
        "quads": len(quads),
        "graphs": len({g for _, _, _, g in quads}),
        "missing": sorted(expected[keep_graphs] - found)[:5],
        "extra": sorted(found - expected[keep_graphs])[:5],
    }
print(json.dumps(report))
`;

/** The rdflib parser for each dump's media type; a dump in another format fails the spec until it is added here. */
const rdflibFormats: Record<string, string> = {
  'application/n-quads': 'nquads',
  'application/trig': 'trig',
  'text/turtle': 'turtle',
  'application/ld+json': 'json-ld',
};

describe('every dump, read back by an independent processor (Python rdflib)', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'kulturskolegrafen-dumps-'));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('holds exactly the quads of the loaded data, as /dump.nq does, with every named graph where its format has graphs', async () => {
    // The reference is the data the server loaded, written by this spec; /dump.nq is one of the files compared with it.
    const reference = join(directory, 'loaded.nq');
    await writeFile(reference, new Writer({ format: 'N-Quads' }).quadsToString(data.store.getQuads(null, null, null, null)));
    const files: string[] = [reference, 'nquads'];
    for (const dump of dumps) {
      const format = rdflibFormats[dump.mediaType];
      if (format === undefined) throw new Error(`no rdflib format for ${dump.path} (${dump.mediaType}): add it to rdflibFormats`);
      const response = await fetch(`${server.url}${dump.path}`, { headers: { 'Accept-Encoding': 'identity' } });
      expect(response.status, dump.path).toBe(200);
      const file = join(directory, dump.path.slice(1));
      await writeFile(file, Buffer.from(await response.arrayBuffer()));
      files.push(file, format);
    }

    const run = await runPython(compareWithRdflib, files);
    expectPythonSuccess(run);
    const report = JSON.parse(run.stdout) as Record<string, { quads: number; graphs: number; missing: string[]; extra: string[] }>;
    const graphs = data.store.getGraphs(null, null, null).length;
    const distinctTriples = new Set(data.store.getQuads(null, null, null, null).map((quad) => `${quad.subject.id} ${quad.predicate.id} ${quad.object.id}`)).size;
    expect(report[reference]).toEqual({ quads: data.store.size, graphs, missing: [], extra: [] });
    for (const dump of dumps) {
      expect(report[join(directory, dump.path.slice(1))], dump.path).toEqual(
        dump.keepsGraphs ? { quads: data.store.size, graphs, missing: [], extra: [] } : { quads: distinctTriples, graphs: 1, missing: [], extra: [] },
      );
    }
  }, 60_000);
});

describe('the dumps, when too large to keep in memory', () => {
  it('are served from files: whole, coded and by range, with the same bytes', async () => {
    const app = express();
    const graph = new StoreGraph(data.store);
    app.use(createDumpRouter({ graph, digest: data.digest, lastModified: data.lastModified, logger: pino({ level: 'silent' }), memoryLimitBytes: 0 }));
    const files = app.listen(0, '127.0.0.1');
    await once(files, 'listening');
    try {
      const base = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
      const fromMemory = Buffer.from(await (await fetch(`${server.url}/dump.nq`, { headers: { 'Accept-Encoding': 'identity' } })).arrayBuffer());
      const fromFile = await fetch(`${base}/dump.nq`, { headers: { 'Accept-Encoding': 'identity' } });
      expect(fromFile.headers.get('content-length')).toBe(String(fromMemory.length));
      expect(Buffer.from(await fromFile.arrayBuffer()).equals(fromMemory)).toBe(true);
      const gzip = await fetch(`${base}/dump.nq`);
      expect(gzip.headers.get('content-encoding')).toBe('gzip');
      expect(Buffer.from(await gzip.arrayBuffer()).equals(fromMemory)).toBe(true);
      const part = await fetch(`${base}/dump.nq`, { headers: { 'Accept-Encoding': 'identity', Range: 'bytes=1000-1999' } });
      expect(part.status).toBe(206);
      expect(Buffer.from(await part.arrayBuffer()).equals(fromMemory.subarray(1000, 2000))).toBe(true);
    } finally {
      files.close();
    }
  });
});
