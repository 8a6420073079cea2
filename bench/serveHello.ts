/**
 * Child process of the throughput benchmark: the baseline, a plain Apollo
 * Server 5 answering `{ hello }`, wired exactly like ours (Express 5,
 * express.json, @as-integrations/express5, the drain plugin) but with no
 * plugins, limits or data. Prints one JSON line { url }; SIGTERM stops it.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';

const app = express();
app.disable('x-powered-by');
const httpServer = createServer(app);
const apollo = new ApolloServer({
  typeDefs: 'type Query { hello: String! }',
  resolvers: { Query: { hello: () => 'world' } },
  plugins: [ApolloServerPluginDrainHttpServer({ httpServer })],
});
await apollo.start();
app.use('/graphql', express.json({ limit: 100 * 1024 }), expressMiddleware(apollo));
await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
const { port } = httpServer.address() as AddressInfo;
console.log(JSON.stringify({ url: `http://127.0.0.1:${port}` }));
process.once('SIGTERM', () => void apollo.stop().then(() => process.exit(0)));
