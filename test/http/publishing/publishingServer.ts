import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import express from 'express';
import { pino } from 'pino';
import { createFrontDoor } from '../../../src/http/createFrontDoor.js';
import { createPublishingRouter, type PublishingRouterOptions } from '../../../src/http/publishing/createPublishingRouter.js';
import { Preparer } from '../../../src/publish/Preparer.js';
import { Publisher } from '../../../src/publish/Publisher.js';
import { addToken, Tokens } from '../../../src/publish/Tokens.js';
import { dataPath } from '../../../src/rdf/dataPath.js';
import { FolderStore } from '../../../src/store/FolderStore.js';

/** A server of the publishing routes alone, over a real store seeded with the shipped data, behind the real front door. */
export interface PublishingServer {
  url: string;
  /** Tokens made for this server: `orebro` may write orebro-lan and test-*, `vastmanland` vastmanland-*. */
  token: { orebro: string; vastmanland: string };
  tokensFile: string;
  publisher: Publisher;
  /** Everything logged so far, one JSON line per entry. */
  log(): string;
  close(): Promise<void>;
}

/** Starts one; `publishing: false` gives it no tokens file (tokens null), `seeded: false` an empty store. */
export async function startPublishingServer(
  options: { publishing?: boolean; seeded?: boolean } & Pick<PublishingRouterOptions, 'maxBodyBytes' | 'rateLimit'> = {},
): Promise<PublishingServer> {
  const folder = await mkdtemp(join(tmpdir(), 'publishing-'));
  const tokensFile = join(folder, 'tokens.json');
  const token = {
    orebro: addToken(tokensFile, { publisher: 'Region Örebro län', datasets: ['orebro-lan', 'test-*'] }),
    vastmanland: addToken(tokensFile, { publisher: 'Regional kulturskola Västmanland', datasets: ['vastmanland-*'] }),
  };
  const lines: string[] = [];
  const logger = pino(
    { level: 'debug' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    }),
  );
  const store = await FolderStore.open(join(folder, 'store'));
  const preparation = new Preparer();
  const publisher = await Publisher.open({ store, preparation, ...(options.seeded !== false && { seedDirectory: dataPath('graphs') }) });
  const app = express();
  app.use(
    createPublishingRouter({
      publisher,
      tokens: options.publishing === false ? null : Tokens.load(tokensFile),
      logger,
      dataVersion: () => publisher.datasets().map((state) => `${state.slug}@${state.version}`).join(','),
      ...(options.maxBodyBytes !== undefined && { maxBodyBytes: options.maxBodyBytes }),
      ...(options.rateLimit !== undefined && { rateLimit: options.rateLimit }),
    }),
  );
  const frontDoor = createFrontDoor(logger);
  frontDoor.serve(app, { health: {}, sparqlStats: () => ({ ready: true, loading: 0, queued: 0, running: 0, timeouts: 0, workerRestarts: 0, engineFailures: 0 }) });
  const server = createServer(frontDoor.listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    tokensFile,
    publisher,
    log: () => lines.join(''),
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await preparation.close();
      await publisher.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

/** A small conforming regional dataset in Turtle: a collaboration (5 triples) and one membership per municipality code (4 triples each). */
export function collaboration(slug: string, codes: readonly string[], label = 'Testsamverkan'): string {
  return [
    '@base <https://w3id.org/kulturskola/> .',
    '@prefix org: <http://www.w3.org/ns/org#> .',
    '@prefix skos: <http://www.w3.org/2004/02/skos/core#> .',
    '@prefix dcterms: <http://purl.org/dc/terms/> .',
    '@prefix foaf: <http://xmlns.com/foaf/0.1/> .',
    `<samverkan/${slug}> a org:OrganizationalCollaboration ;`,
    `  skos:prefLabel "${label}"@sv , "Test collaboration"@en ;`,
    `  foaf:homepage <https://example.org/${slug}> ;`,
    '  dcterms:spatial <lan/18> .',
    ...codes.map(
      (code) => `<samverkan/${slug}/medlemskap/${code}> a org:Membership ; org:member <kommun/${code}> ; org:organization <samverkan/${slug}> ; org:role <roll/medlem> .`,
    ),
    '',
  ].join('\n');
}
