import { Writable } from 'node:stream';
import type { Quad } from '@rdfjs/types';
import { writeRdf, type WritableFormat } from './writeRdf.js';

/** The quads in one RDF format as text (see writeRdf); JSON-LD with our context inlined, so it expands with no fetch. */
export async function writeRdfText(quads: Iterable<Quad>, format: WritableFormat): Promise<string> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, 'utf8'));
      done();
    },
  });
  await writeRdf(quads, format, sink, { jsonLdContext: 'inline' });
  return Buffer.concat(chunks).toString('utf8');
}
