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
  const serializer = new PrefixSafeJsonLdSerializer({ context, space: '  ' });
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

/** The parsed context as the serializer compacts with it. */
interface CompactingContext {
  compactIri(iri: string, vocab: boolean): string;
  getContextRaw(): Record<string, unknown>;
}

/**
 * jsonld-streaming-serializer compacts an IRI with any term as its prefix
 * (jsonld-context-parser's compactIri), so org:memberOf became "member:Of"
 * beside the term `member`, which a JSON-LD 1.1 reader takes as an IRI of
 * the scheme "member:". As JSON-LD 1.1 compaction has it, a prefix must be a
 * simple term ending in a gen-delim character, or declare `@prefix: true`;
 * any other compact IRI is written out in full.
 */
class PrefixSafeJsonLdSerializer extends JsonLdSerializer {
  private readonly safeContexts = new WeakMap<CompactingContext, CompactingContext>();

  protected override transformQuad(quad: Quad, context: CompactingContext): void {
    let safe = this.safeContexts.get(context);
    if (safe === undefined) {
      safe = Object.create(context, {
        compactIri: { value: (iri: string, vocab: boolean) => prefixSafeCompactIri(context, iri, vocab) },
      }) as CompactingContext;
      this.safeContexts.set(context, safe);
    }
    super.transformQuad(quad, safe as Parameters<JsonLdSerializer['pushId']>[2]);
  }
}

function prefixSafeCompactIri(context: CompactingContext, iri: string, vocab: boolean): string {
  const compacted = context.compactIri(iri, vocab);
  const colon = compacted.indexOf(':');
  if (compacted === iri || colon < 0) return compacted;
  const definition = context.getContextRaw()[compacted.slice(0, colon)];
  const prefixIri = typeof definition === 'string' ? definition : (definition as { '@id'?: unknown; '@prefix'?: unknown } | undefined)?.['@id'];
  const simple = typeof definition === 'string' && typeof prefixIri === 'string' && /[:/?#[\]@]$/.test(prefixIri);
  const declared = typeof definition === 'object' && definition !== null && (definition as { '@prefix'?: unknown })['@prefix'] === true;
  return simple || declared ? compacted : iri;
}
