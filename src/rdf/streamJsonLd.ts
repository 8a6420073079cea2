import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Quad } from '@rdfjs/types';
import { JsonLdSerializer } from 'jsonld-streaming-serializer';

/**
 * Streams `quads` to `output` as one JSON-LD document compacted with
 * `context` (written inline, so the document stands alone), with one object
 * per named graph. Quads should come grouped by graph and subject, as a
 * store's index yields them, for the most compact output; any order is
 * still correct JSON-LD. Never holds the whole document in memory, never
 * ends `output`, and resolves when everything has been handed to it.
 */
export async function streamJsonLd(quads: Iterable<Quad>, context: Record<string, unknown>, output: Writable): Promise<void> {
  const serializer = new JsonLdSerializer({ context, space: '  ' });
  serializer.setEncoding('utf8');
  const forwarded = (async () => {
    for await (const chunk of serializer) {
      if (!output.write(chunk)) await once(output, 'drain');
    }
  })();
  for (const quad of quads) {
    if (!serializer.write(quad)) await once(serializer, 'drain');
  }
  serializer.end();
  await forwarded;
}
