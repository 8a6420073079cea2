import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataFactory, Writer } from 'n3';
import type { Quad } from 'n3';
import { dataPath } from '../src/rdf/dataPath.js';
import { kg } from '../src/rdf/vocabulary.js';
import { DEFAULT_SEED, generateNationalDataset, type NationalDataset, type Probes } from './generateNationalDataset.js';
import { readReferenceData } from './referenceData.js';

/** The serialisations each dataset is written in. */
export const DATASET_FORMATS = ['nquads', 'turtle', 'jsonld'] as const;
/** One of DATASET_FORMATS. */
export type DatasetFormat = (typeof DATASET_FORMATS)[number];

const extensionOf: Readonly<Record<DatasetFormat, string>> = { nquads: 'nq', turtle: 'ttl', jsonld: 'jsonld' };

/** A size to generate, e.g. { label: '100k', triples: 100_000 }. */
export interface DatasetSize {
  label: string;
  triples: number;
}

/** A generated dataset on disk, ready for the loader. */
export interface PreparedDataset {
  label: string;
  /** Triples of the synthetic file. */
  syntheticTriples: number;
  /** Quads a load of one of `directories` must give: the synthetic file and the shipped reference files. */
  expectedQuads: number;
  /**
   * One folder per format, each holding the synthetic file in that format
   * beside copies of the shipped `kommuner.jsonld` and `vokabular.jsonld`.
   */
  directories: Record<DatasetFormat, string>;
  /** The same graph (synthetic and reference triples) as one N-Triples file, for the n3 baseline. */
  nTriplesFile: string;
  /** File sizes in bytes of the synthetic file in each format. */
  bytes: Record<DatasetFormat, number>;
  /** Size in bytes of `nTriplesFile`. */
  nTriplesBytes: number;
  probes: Probes;
  counts: NationalDataset['counts'];
}

const benchDirectory = fileURLToPath(new URL('.', import.meta.url));
// Everything the files depend on: when any of these changes, the cache key does too.
const generatorSources = ['prng.ts', 'referenceData.ts', 'syntheticGraph.ts', 'generateNationalDataset.ts', 'prepareDataset.ts'];

/**
 * The dataset of this size and seed, generated and written on first use and
 * taken from the cache in the system's temporary folder afterwards (the key
 * hashes the generator's sources and the shipped files it reads, so a change
 * to either regenerates). A cache entry counts only once its manifest exists.
 */
export async function prepareDataset(size: DatasetSize, seed = DEFAULT_SEED): Promise<PreparedDataset> {
  const hash = createHash('sha256').update(`${seed}\0${size.triples}\0`);
  for (const source of generatorSources) hash.update(await readFile(join(benchDirectory, source)));
  for (const shipped of ['context.jsonld', 'graphs/kommuner.jsonld', 'graphs/vokabular.jsonld']) hash.update(await readFile(dataPath(shipped)));
  const folder = join(tmpdir(), 'kulturskolegrafen-bench', `${size.label}-${hash.digest('hex').slice(0, 16)}`);
  const manifestFile = join(folder, 'manifest.json');
  if (existsSync(manifestFile)) return JSON.parse(await readFile(manifestFile, 'utf8')) as PreparedDataset;

  // Entries of older generator versions of this size are of no more use.
  for (const entry of await readdir(dirname(folder)).catch(() => [])) {
    if (entry.startsWith(`${size.label}-`)) await rm(join(dirname(folder), entry), { recursive: true, force: true });
  }
  const reference = await readReferenceData();
  const dataset = generateNationalDataset(reference, size.triples, seed);
  const name = `synth-${size.label.toLowerCase()}`;
  const synthetic = [...dataset.graph.quads()];
  const directories = {} as Record<DatasetFormat, string>;
  const bytes = {} as Record<DatasetFormat, number>;
  for (const format of DATASET_FORMATS) {
    const directory = join(folder, format);
    await mkdir(directory, { recursive: true });
    const text =
      format === 'jsonld' ? dataset.graph.toJsonLd(kg.dataset(name)) : await serialise(synthetic, format === 'nquads' ? 'N-Quads' : 'Turtle', dataset.graph.namespaces);
    await writeFile(join(directory, `${name}.${extensionOf[format]}`), text);
    for (const shipped of Object.values(reference.files)) await copyFile(shipped, join(directory, basename(shipped)));
    directories[format] = directory;
    bytes[format] = Buffer.byteLength(text);
  }
  // In the order the loader adds them (files sorted by name): n3's Store indexes the same quads
  // up to twice as fast in half the memory when the shipped reference terms get the first ids.
  const nTriplesFile = join(folder, `${name}-all.nt`);
  const [before, after] = [basename(reference.files.municipalities), basename(reference.files.vocabulary)];
  if (!(before < `${name}.nq` && `${name}.nq` < after)) throw new Error(`expected ${name} to sort between ${before} and ${after}`);
  const [municipalityQuads, vocabularyQuads] = reference.quadsByFile.map(withoutGraphs);
  const nTriples = await serialise([...municipalityQuads!, ...synthetic, ...vocabularyQuads!], 'N-Triples', {});
  await writeFile(nTriplesFile, nTriples);

  const prepared: PreparedDataset = {
    label: size.label,
    syntheticTriples: synthetic.length,
    expectedQuads: synthetic.length + reference.quads.length,
    directories,
    nTriplesFile,
    bytes,
    nTriplesBytes: Buffer.byteLength(nTriples),
    probes: dataset.probes,
    counts: dataset.counts,
  };
  if (prepared.syntheticTriples !== dataset.graph.tripleCount) {
    throw new Error(`The generator counted ${dataset.graph.tripleCount} triples but wrote ${prepared.syntheticTriples}`);
  }
  await writeFile(`${manifestFile}.partial`, JSON.stringify(prepared, null, 2));
  await rename(`${manifestFile}.partial`, manifestFile);
  return prepared;
}

function withoutGraphs(quads: readonly Quad[]): Quad[] {
  return quads.map((quad) => DataFactory.quad(quad.subject, quad.predicate, quad.object));
}

function serialise(quads: Quad[], format: 'N-Quads' | 'N-Triples' | 'Turtle', prefixes: Record<string, string>): Promise<string> {
  const writer = new Writer({ format, prefixes });
  writer.addQuads(quads);
  return new Promise((resolve, reject) => writer.end((error, result: string) => (error ? reject(error) : resolve(result))));
}
