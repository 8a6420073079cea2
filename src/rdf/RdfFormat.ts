/** The serialisations the loader reads and the exporter writes. */
export type RdfFormat = 'jsonld' | 'turtle' | 'trig' | 'ntriples' | 'nquads';

const byExtension: Readonly<Record<string, RdfFormat>> = {
  '.jsonld': 'jsonld',
  '.json': 'jsonld',
  '.ttl': 'turtle',
  '.trig': 'trig',
  '.nt': 'ntriples',
  '.nq': 'nquads',
};

/** The format a file name's extension stands for, or null when it stands for none we read. */
export function rdfFormatOfFile(fileName: string): RdfFormat | null {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? null : (byExtension[fileName.slice(dot).toLowerCase()] ?? null);
}

/** File extensions the loader reads, for messages. */
export const readableExtensions: readonly string[] = Object.keys(byExtension);
