import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { openPublishedData } from '../../src/http/openPublishedData.js';
import { startServer, type RunningServer, type ServerOptions } from '../../src/http/startServer.js';
import { addToken } from '../../src/publish/Tokens.js';

/** The whole server as `npm start` runs it with a store and TOKENS_FILE, on 127.0.0.1 and a free port. */
export interface ServerWithPublishing {
  server: RunningServer;
  /** A token that may write `test-*`. */
  token: string;
  /** Stops the server, releases the store and removes its folder. */
  close(): Promise<void>;
}

/** Starts one over a new store seeded with the shipped data, silent; `options` are passed to startServer (e.g. corsWriteOrigins). */
export async function startServerWithPublishing(options: Partial<ServerOptions> = {}): Promise<ServerWithPublishing> {
  const folder = await mkdtemp(join(tmpdir(), 'kulturskolegrafen-publishing-'));
  const tokensFile = join(folder, 'tokens.json');
  const token = addToken(tokensFile, { publisher: 'Testutgivaren', datasets: ['test-*'] });
  const logger = pino({ level: 'silent' });
  const published = await openPublishedData({ storeDirectory: join(folder, 'store'), tokensFile, logger });
  let server: RunningServer;
  try {
    server = await startServer({ ...published.served, logger, host: '127.0.0.1', port: 0, ...options });
  } catch (error) {
    await published.close();
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
  return {
    server,
    token,
    async close() {
      await server.stop();
      await published.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
}
