/**
 * Child process of the in-process measurements: loads one dataset folder,
 * counts the Graph reads of each benchmark query, measures questions (a)–(c)
 * against GraphQL-LD, and prints one JSON line (a PeerMeasurement). Usage:
 * `node bench/measurePeer.js <label> <folder> '<probes JSON>' '<RepeatOptions JSON>'`.
 */
import { loadDataDirectory } from '../src/rdf/loadDataDirectory.js';
import type { Probes } from './generateNationalDataset.js';
import { benchmarkGraphqlLdPeer, type PeerRow } from './graphqlLdPeer.js';
import { countGraphReads, type GraphReadsRow } from './graphReads.js';
import type { RepeatOptions } from './measureInProcess.js';

/** What the child measured. */
export interface PeerMeasurement {
  graphReads: GraphReadsRow[];
  peer: PeerRow[];
}

const [label, directory, probes, options] = process.argv.slice(2);
if (!label || !directory || !probes || !options) throw new Error('usage: measurePeer.js <label> <folder> <probes JSON> <options JSON>');
const { store } = await loadDataDirectory(directory);
const parsedProbes = JSON.parse(probes) as Probes;
const measurement: PeerMeasurement = {
  graphReads: await countGraphReads(label, store, parsedProbes),
  peer: await benchmarkGraphqlLdPeer(label, store, parsedProbes, JSON.parse(options) as RepeatOptions),
};
console.log(JSON.stringify(measurement));
