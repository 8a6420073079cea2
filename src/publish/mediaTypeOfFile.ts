import { rdfFormatOfFile, type RdfFormat } from '../rdf/RdfFormat.js';

const mediaTypes: Readonly<Record<RdfFormat, string>> = {
  jsonld: 'application/ld+json',
  turtle: 'text/turtle',
  trig: 'application/trig',
  ntriples: 'application/n-triples',
  nquads: 'application/n-quads',
};

/** The media type a file's extension stands for (`.ttl` → text/turtle), or null for one we do not read. */
export function mediaTypeOfFile(fileName: string): string | null {
  const format = rdfFormatOfFile(fileName);
  return format === null ? null : mediaTypes[format];
}
