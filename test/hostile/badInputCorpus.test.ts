import { createHash } from 'node:crypto';
import net, { type Socket } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningServer } from '../../src/http/startServer.js';
import { DataLoadError } from '../../src/rdf/DataLoadError.js';
import { loadDataDirectory } from '../../src/rdf/loadDataDirectory.js';
import { startShippedServer } from '../support/startShippedServer.js';
import { hostileData, hostileRequests, type HostileArea, type HostileRequestCase } from './corpus.js';
import { sendRaw, sendRequest, type RawAnswer } from '../support/sendRaw.js';
import { stubNetwork } from '../support/stubNetwork.js';

const KARLSKOGA_QUERY = '{ municipality(code: "1883") { name code county { code } } }';
const KARLSKOGA_DATA = { municipality: { name: 'Karlskoga', code: '1883', county: { code: '18' } } };
const AREAS: readonly HostileArea[] = ['GraphQL', 'resource paths', 'Accept headers', 'SPARQL', 'raw HTTP'];

let server: RunningServer;
let dataBefore: DataFingerprint;

beforeAll(async () => {
  ({ server } = await startShippedServer());
  dataBefore = await fingerprint(server.url);
});

afterAll(async () => {
  await server?.stop();
});

describe('the bad-input corpus', () => {
  it('holds at least 60 hostile requests, in every area', () => {
    expect(hostileRequests.length).toBeGreaterThanOrEqual(60);
    for (const area of AREAS) expect(hostileRequests.filter((testCase) => testCase.area === area).length, area).toBeGreaterThan(0);
    expect(new Set(hostileRequests.map(({ area, name }) => `${area}: ${name}`)).size).toBe(hostileRequests.length);
  });

  for (const area of AREAS) {
    describe(area, () => {
      for (const testCase of hostileRequests.filter((each) => each.area === area)) {
        it(`answers ${testCase.name} with ${testCase.status}`, async () => {
          const answer = await send(testCase);
          expect(answer.status, `${testCase.name}: ${answer.text.slice(0, 500)}`).toBe(testCase.status);
          if (testCase.says) expect(readable(answer)).toMatch(testCase.says);
          if (testCase.never) expect(answer.text).not.toMatch(testCase.never);
          if (testCase.code) expect(firstErrorCode(answer)).toBe(testCase.code);
          for (const [name, value] of Object.entries(testCase.headers ?? {})) expect(answer.headers[name], name).toMatch(value);
          // A refusal never shows the server's insides.
          expect(answer.text).not.toMatch(/\bat .+\.(?:ts|js):\d+|stacktrace/i);
        });
      }
    });
  }

  describe('raw HTTP, slowly', () => {
    it('keeps answering while 200 connections sit idle', async () => {
      const { hostname, port } = new URL(server.url);
      const idle = await Promise.all(
        Array.from(
          { length: 200 },
          () =>
            new Promise<Socket>((resolve, reject) => {
              const socket = net.connect({ host: hostname, port: Number(port) }, () => resolve(socket));
              socket.on('error', reject);
            }),
        ),
      );
      try {
        expect((await fetch(`${server.url}/health`)).status).toBe(200);
        expect(await karlskoga(server.url)).toEqual(KARLSKOGA_DATA);
      } finally {
        for (const socket of idle) socket.destroy();
      }
    });

    it('keeps answering while 20 connections hold half-sent headers, which Node closes after headersTimeout (at most 60 s)', async () => {
      const { hostname, port } = new URL(server.url);
      const slow: Socket[] = await Promise.all(
        Array.from(
          { length: 20 },
          () =>
            new Promise<Socket>((resolve, reject) => {
              const socket = net.connect({ host: hostname, port: Number(port) }, () => {
                socket.write(`GET /health HTTP/1.1\r\nHost: ${hostname}\r\nX-Slow: a`);
                resolve(socket);
              });
              socket.on('error', reject);
            }),
        ),
      );
      try {
        for (const socket of slow) socket.write('a');
        expect((await fetch(`${server.url}/health`)).status).toBe(200);
        expect(await karlskoga(server.url)).toEqual(KARLSKOGA_DATA);
        for (const socket of slow) expect(socket.destroyed).toBe(false);
      } finally {
        for (const socket of slow) socket.destroy();
      }
      // Node closes a connection whose headers have not all arrived within headersTimeout (408).
      expect(server.httpServer.headersTimeout).toBeGreaterThan(0);
      expect(server.httpServer.headersTimeout).toBeLessThanOrEqual(60_000);
    });
  });
});

describe('after the corpus', () => {
  it('answers a GraphQL query', async () => {
    expect(await karlskoga(server.url)).toEqual(KARLSKOGA_DATA);
  });

  it('answers a SPARQL query', async () => {
    const response = await fetch(`${server.url}/sparql?query=${encodeURIComponent(`ASK { <https://w3id.org/kulturskola/kommun/1883> ?p ?o }`)}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ head: {}, boolean: true });
  });

  it('serves the same data: the same number of quads on /health and the same /dump.nq', async () => {
    expect(await fingerprint(server.url)).toEqual(dataBefore);
  });
});

describe('hostile data files', () => {
  let folder: string | undefined;

  afterEach(async () => {
    vi.restoreAllMocks();
    if (folder) await rm(folder, { recursive: true, force: true });
    folder = undefined;
  });

  for (const { name, files, code, file, says } of hostileData) {
    it(`refuses ${name} with ${code}, naming the file, and opens no socket`, async () => {
      folder = await mkdtemp(join(tmpdir(), 'hostile-data-'));
      for (const [fileName, content] of Object.entries(files)) await writeFile(join(folder, fileName), content);
      const network = stubNetwork();
      const error = await loadDataDirectory(folder).then(
        () => new Error('the folder loaded, but it should have been refused'),
        (failure: unknown) => failure,
      );
      expect(error).toBeInstanceOf(DataLoadError);
      const loadError = error as DataLoadError;
      expect(loadError.code, loadError.message).toBe(code);
      expect(loadError.file).toBe(join(folder, file));
      expect(loadError.message.startsWith(`${join(folder, file)}: `)).toBe(true);
      if (says) expect(loadError.message).toMatch(says);
      network.expectUntouched();
    });
  }
});

// ---------------------------------------------------------------- helpers

interface DataFingerprint {
  quads: number;
  dumpSha256: string;
}

async function fingerprint(url: string): Promise<DataFingerprint> {
  const health = (await (await fetch(`${url}/health`)).json()) as { quads: number };
  const dump = await fetch(`${url}/dump.nq`);
  expect(dump.status).toBe(200);
  return { quads: health.quads, dumpSha256: createHash('sha256').update(Buffer.from(await dump.arrayBuffer())).digest('hex') };
}

async function karlskoga(url: string): Promise<unknown> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: KARLSKOGA_QUERY }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { data?: unknown }).data;
}

function send(testCase: HostileRequestCase): Promise<RawAnswer> {
  if ('raw' in testCase.send) return sendRaw(server.url, testCase.send.raw(new URL(server.url).host));
  return sendRequest(server.url, testCase.send);
}

/** A GraphQL answer's error messages (JSON escapes read), else the body as text. */
function readable(answer: RawAnswer): string {
  const errors = graphqlErrors(answer);
  return errors ? errors.map(({ message }) => message).join('\n') : answer.text;
}

function firstErrorCode(answer: RawAnswer): string | undefined {
  return graphqlErrors(answer)?.[0]?.extensions?.code;
}

function graphqlErrors(answer: RawAnswer): Array<{ message: string; extensions?: { code?: string } }> | undefined {
  if (!answer.headers['content-type']?.startsWith('application/')) return undefined;
  try {
    const body = JSON.parse(answer.text) as { errors?: Array<{ message: string; extensions?: { code?: string } }> };
    return Array.isArray(body.errors) ? body.errors : undefined;
  } catch {
    return undefined;
  }
}

