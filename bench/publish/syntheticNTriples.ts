import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataFactory, Writer } from 'n3';
import type { Quad } from 'n3';
import { dataPath } from '../../src/rdf/dataPath.js';
import { BASE_IRI, rdf, skos } from '../../src/rdf/vocabulary.js';
import { generateNationalDataset, type Probes } from '../generateNationalDataset.js';
import { readReferenceData } from '../referenceData.js';

/** A synthetic national dataset as canonical N-Triples, with what the GraphQL benchmark asks of it. */
export interface SyntheticNTriples {
  /** Sorted, unique N-Triples lines, each ending in '\n': the content a store keeps. */
  content: string;
  triples: number;
  probes: Probes;
}

/** The IRI segment the generator puts every synthetic resource under. */
const GENERATED_SEGMENT = `${BASE_IRI}synth/`;

const benchDirectory = fileURLToPath(new URL('..', import.meta.url));
const generatorSources = ['prng.ts', 'referenceData.ts', 'syntheticGraph.ts', 'generateNationalDataset.ts', 'publish/syntheticNTriples.ts'];

/**
 * The generator's dataset of about `triples` triples from `seed`, with its
 * resources under `${BASE_IRI}${segment}/` instead of `synth/` (so that two
 * datasets made with different segments share no resource of their own), as
 * canonical N-Triples. Cached in the system's temporary folder, keyed by the
 * generator's sources and the shipped files it reads, as prepareDataset does.
 */
export async function syntheticNTriples(triples: number, seed: number, segment = 'synth'): Promise<SyntheticNTriples> {
  const hash = createHash('sha256').update(`${seed}\0${triples}\0${segment}\0`);
  for (const source of generatorSources) hash.update(await readFile(join(benchDirectory, source)));
  for (const shipped of ['context.jsonld', 'graphs/kommuner.jsonld', 'graphs/vokabular.jsonld']) hash.update(await readFile(dataPath(shipped)));
  const folder = join(tmpdir(), 'kulturskolegrafen-bench', 'publish');
  const file = join(folder, `${segment}-${triples}-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(`${file}.json`)) {
    const { triples: count, probes } = JSON.parse(await readFile(`${file}.json`, 'utf8')) as Omit<SyntheticNTriples, 'content'>;
    return { content: await readFile(`${file}.nt`, 'utf8'), triples: count, probes };
  }
  const dataset = generateNationalDataset(await readReferenceData(), triples, seed);
  const renamed = (iri: string) => (iri.startsWith(GENERATED_SEGMENT) ? `${BASE_IRI}${segment}/${iri.slice(GENERATED_SEGMENT.length)}` : iri);
  const quads = [...dataset.graph.quads()].map(({ subject, predicate, object }) =>
    DataFactory.quad(
      subject.termType === 'NamedNode' ? DataFactory.namedNode(renamed(subject.value)) : subject,
      predicate,
      object.termType === 'NamedNode' ? DataFactory.namedNode(renamed(object.value)) : object,
    ),
  );
  // The generator puts its themes in a scheme it never declares, which SHACL asks for of a published dataset.
  const themes = DataFactory.namedNode(`${BASE_IRI}${segment}/tema`);
  quads.push(
    DataFactory.quad(themes, rdf.type, skos.ConceptScheme),
    DataFactory.quad(themes, skos.prefLabel, DataFactory.literal('Teman', 'sv')),
    DataFactory.quad(themes, skos.prefLabel, DataFactory.literal('Themes', 'en')),
  );
  const lines = [...new Set((await nTriples(quads)).split('\n').filter((line) => line !== ''))].sort();
  const content = lines.map((line) => `${line}\n`).join('');
  const probes = { ...dataset.probes, collaboration: renamed(dataset.probes.collaboration) };
  await mkdir(folder, { recursive: true });
  await writeFile(`${file}.nt`, content);
  await writeFile(`${file}.json.partial`, JSON.stringify({ triples: lines.length, probes }));
  await rename(`${file}.json.partial`, `${file}.json`);
  return { content, triples: lines.length, probes };
}

function nTriples(quads: Quad[]): Promise<string> {
  const writer = new Writer({ format: 'N-Triples' });
  writer.addQuads(quads);
  return new Promise((resolve, reject) => writer.end((error, result: string) => (error ? reject(error) : resolve(result))));
}
