import { pino } from 'pino';
import { startServer, type RunningServer, type ServerOptions } from '../../src/http/startServer.js';
import { dataPath } from '../../src/rdf/dataPath.js';
import { loadDataDirectory, type LoadedData } from '../../src/rdf/loadDataDirectory.js';
import { StoreGraph } from '../../src/rdf/StoreGraph.js';

/** The whole server over the shipped data on 127.0.0.1 and a free port, silent, as `npm start` runs it. */
export async function startShippedServer(options: Partial<ServerOptions> = {}): Promise<{ server: RunningServer; data: LoadedData }> {
  const data = await loadDataDirectory(dataPath('graphs'));
  const server = await startServer({
    graph: new StoreGraph(data.store),
    logger: pino({ level: 'silent' }),
    host: '127.0.0.1',
    port: 0,
    version: { digest: data.digest, lastModified: data.lastModified },
    ...options,
  });
  return { server, data };
}
