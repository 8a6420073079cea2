import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Store } from 'n3';
import type { NamedNode, Quad } from 'n3';
import { DataLoadError } from './DataLoadError.js';
import { rdfFormatOfFile, readableExtensions } from './RdfFormat.js';
import { parseRdf } from './parseRdf.js';
import { kg } from './vocabulary.js';

/** Limits for one load; the defaults suit the shipped data and the benchmark sizes. */
export interface LoadOptions {
  maxFileBytes?: number;
  maxJsonDepth?: number;
  maxLiteralLength?: number;
}

/** One file's contribution to the graph. */
export interface LoadedFile {
  file: string;
  /** The named graph for the file's default-graph triples: `dataset/{file name without extension}`. */
  graph: NamedNode;
  quadCount: number;
  /** SHA-256 of the file's bytes, hex. */
  sha256: string;
  modified: Date;
}

/** The result of a successful load. */
export interface LoadedData {
  store: Store;
  files: LoadedFile[];
  /** Changes whenever any file's name or content changes: a version of the whole data, e.g. for ETags. */
  digest: string;
  /** The newest modification time among the files. */
  lastModified: Date;
}

const DEFAULT_MAX_FILE_BYTES = 512 * 1024 * 1024;

/**
 * Loads every RDF file in `directory` (sorted by name) into one new store,
 * each file's triples in its own named graph. All files are parsed and
 * checked before the store is built, so a bad file leaves nothing half-loaded:
 * it throws a DataLoadError naming that file and its problem.
 */
export async function loadDataDirectory(directory: string, options: LoadOptions = {}): Promise<LoadedData> {
  let names: string[];
  try {
    names = (await readdir(directory)).filter((name) => !name.startsWith('.')).sort();
  } catch (error) {
    throw new DataLoadError(directory, 'FILE_UNREADABLE', (error as Error).message);
  }
  if (names.length === 0) throw new DataLoadError(directory, 'NO_DATA', 'the folder holds no data files');
  const parsed: Array<{ file: LoadedFile; quads: Quad[] }> = [];
  const fileOfGraph = new Map<string, string>();
  for (const [index, name] of names.entries()) {
    const loaded = await loadFile(join(directory, name), `f${index}_`, options);
    const earlier = fileOfGraph.get(loaded.file.graph.value);
    if (earlier !== undefined) {
      throw new DataLoadError(loaded.file.file, 'DUPLICATE_GRAPH', `its named graph <${loaded.file.graph.value}> is already that of ${earlier}; give each file its own name`);
    }
    fileOfGraph.set(loaded.file.graph.value, loaded.file.file);
    parsed.push(loaded);
  }
  // A file may name its own graphs (N-Quads, TriG, JSON-LD), but not another file's: that would blur what each file says.
  for (const { file, quads } of parsed) {
    for (const { graph } of quads) {
      const owner = fileOfGraph.get(graph.value);
      if (owner !== undefined && owner !== file.file) {
        throw new DataLoadError(file.file, 'DUPLICATE_GRAPH', `it writes into the named graph <${graph.value}>, which is that of ${owner}`);
      }
    }
  }
  const store = new Store();
  for (const { quads } of parsed) store.addQuads(quads);
  const files = parsed.map(({ file }) => file);
  const digest = createHash('sha256');
  for (const file of files) digest.update(`${basename(file.file)}\0${file.sha256}\0`);
  const lastModified = new Date(Math.max(...files.map((file) => file.modified.getTime())));
  return { store, files, digest: digest.digest('hex'), lastModified };
}

/** Parses one file; exported for callers that load a single document. */
export async function loadFile(
  path: string,
  blankNodePrefix: string,
  options: LoadOptions = {},
): Promise<{ file: LoadedFile; quads: Quad[] }> {
  const name = basename(path);
  const format = rdfFormatOfFile(name);
  if (format === null) {
    throw new DataLoadError(path, 'UNSUPPORTED_FORMAT', `unknown file type; expected one of ${readableExtensions.join(', ')}`);
  }
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  let bytes: Buffer;
  let modified: Date;
  try {
    const { size, mtime } = await stat(path);
    if (size > maxBytes) throw new DataLoadError(path, 'FILE_TOO_LARGE', `${size} bytes exceeds the limit of ${maxBytes}`);
    bytes = await readFile(path);
    modified = mtime;
  } catch (error) {
    if (error instanceof DataLoadError) throw error;
    throw new DataLoadError(path, 'FILE_UNREADABLE', (error as Error).message);
  }
  const graph = kg.dataset(name.slice(0, name.lastIndexOf('.')));
  let text: string;
  try {
    // Strict: Buffer#toString would put U+FFFD in place of bytes that are no UTF-8, and load the damage silently.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new DataLoadError(path, 'SYNTAX_ERROR', 'the file is not valid UTF-8');
  }
  const quads = await parseRdf(text, {
    file: path,
    format,
    graph,
    blankNodePrefix,
    ...(options.maxJsonDepth !== undefined && { maxJsonDepth: options.maxJsonDepth }),
    ...(options.maxLiteralLength !== undefined && { termLimits: { maxLiteralLength: options.maxLiteralLength } }),
  });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { file: { file: path, graph, quadCount: quads.length, sha256, modified }, quads };
}
