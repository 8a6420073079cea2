/**
 * `npm run bench:publish`: issue 10's "Speed" targets. For each size (100k
 * and 1M by default; `--sizes 100k,1M`), serves a store holding a synthetic
 * national dataset of that size beside the shipped ones, puts a steady
 * GraphQL load on it, publishes a fresh 10k-triple dataset with PUT and
 * measures when it is visible, the server's event-loop delay meanwhile and
 * what the load kept and lost; then does the same again with another one,
 * since the first publish after a start is not like the later ones (a row
 * each: "1M, first publish" and "1M"). Prints a table on stdout (progress on
 * stderr), writes bench/results/publish-latest.json, and exits 0 whether or
 * not the targets are met: only a crash fails it.
 *
 * `--cpu-prof DIR` writes a CPU profile of each server into DIR.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_SEED } from '../generateNationalDataset.js';
import { machineInfo } from '../machineInfo.js';
import { measurePublish, type PublishRow } from './measurePublish.js';
import { checkPublishTargets, publishResultsTable, type PublishResults } from './publishResultsTable.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100k,1M' },
    'publish-triples': { type: 'string', default: '10000' },
    connections: { type: 'string', default: '10' },
    'baseline-seconds': { type: 'string', default: '5' },
    'cpu-prof': { type: 'string' },
  },
});

function sizeOf(label: string): number {
  const match = /^(\d+)([kM]?)$/.exec(label);
  if (match === null) throw new Error(`--sizes takes labels like 100k or 1M, not "${label}"`);
  return Number(match[1]) * (match[2] === 'M' ? 1e6 : match[2] === 'k' ? 1e3 : 1);
}

function progress(message: string): void {
  process.stderr.write(`[bench:publish ${(performance.now() / 1000).toFixed(0).padStart(3)} s] ${message}\n`);
}

const started = performance.now();
const machine = machineInfo();
const connections = Number(values.connections);
const rows: PublishRow[] = [];
for (const label of values.sizes.split(',').map((size) => size.trim())) {
  rows.push(
    ...(await measurePublish({
      label,
      storeTriples: sizeOf(label),
      publishTriples: Number(values['publish-triples']),
      connections,
      warmupSeconds: 2,
      baselineSeconds: Number(values['baseline-seconds']),
      afterSeconds: 2,
      ...(values['cpu-prof'] && { cpuProfileDirectory: resolve(values['cpu-prof']) }),
      progress,
    })),
  );
}
const results: PublishResults = { machine, seed: DEFAULT_SEED, connections, rows, targets: checkPublishTargets(rows), elapsedSeconds: (performance.now() - started) / 1000 };
const resultsFile = fileURLToPath(new URL('../results/publish-latest.json', import.meta.url));
await mkdir(fileURLToPath(new URL('../results/', import.meta.url)), { recursive: true });
await writeFile(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
console.log(publishResultsTable(results));
progress(`wrote ${resultsFile}`);
