/**
 * Child process of the throughput benchmark: the baseline, a plain Apollo
 * Server 5 answering `{ hello }`, started with Apollo's own
 * `startStandaloneServer` (Node's http, body-parser, CORS) and no plugins,
 * limits or data. Prints one JSON line { url }; SIGTERM stops it; SIGUSR2 starts
 * and ends an account of garbage collection (see gcAccounting.ts).
 */
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { accountGarbageCollection } from './gcAccounting.js';

accountGarbageCollection();

const apollo = new ApolloServer({
  typeDefs: 'type Query { hello: String! }',
  resolvers: { Query: { hello: () => 'world' } },
});
const { url } = await startStandaloneServer(apollo, { listen: { host: '127.0.0.1', port: 0 } });
console.log(JSON.stringify({ url: url.replace(/\/+$/, '') }));
process.once('SIGTERM', () => void apollo.stop().then(() => process.exit(0)));
