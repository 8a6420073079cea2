/**
 * Child process of the loading benchmark: loads one dataset once and prints
 * one JSON line { ms, heapBytes, quads, maxRssBytes }. Run with
 * `node --expose-gc --import tsx bench/measureLoadOnce.ts ours <folder>` (our
 * loader over a data folder) or `… baseline <file.nt>` (n3's N-Triples parser
 * and Store, the baseline). Time includes reading the files in both cases.
 * heapBytes is the heap still in use after a full GC, minus before: what the
 * loaded store costs to keep.
 */
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { Parser, Store } from 'n3';
import { loadDataDirectory } from '../src/rdf/loadDataDirectory.js';

/** What one load measured. */
export interface LoadMeasurement {
  ms: number;
  heapBytes: number;
  quads: number;
  /** Peak resident set size of the whole process, parse buffers included. */
  maxRssBytes: number;
}

const [mode, path] = process.argv.slice(2);
const collectGarbage = (globalThis as { gc?: () => void }).gc;
if (!collectGarbage) throw new Error('run with node --expose-gc');
if ((mode !== 'ours' && mode !== 'baseline') || !path) throw new Error(`usage: measureLoadOnce.ts ours <folder> | baseline <file.nt>, not: ${process.argv.slice(2).join(' ')}`);

async function loadBaseline(file: string): Promise<Store> {
  const quads = new Parser({ format: 'N-Triples' }).parse(await readFile(file, 'utf8'));
  const store = new Store();
  store.addQuads(quads);
  return store;
}

collectGarbage();
collectGarbage();
const before = process.memoryUsage().heapUsed;
const started = performance.now();
const store = mode === 'ours' ? (await loadDataDirectory(path)).store : await loadBaseline(path);
const ms = performance.now() - started;
collectGarbage();
collectGarbage();
const heapBytes = process.memoryUsage().heapUsed - before;
const measurement: LoadMeasurement = { ms, heapBytes, quads: store.size, maxRssBytes: process.resourceUsage().maxRSS * 1024 };
console.log(JSON.stringify(measurement));
