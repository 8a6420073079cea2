import type { RdfFormat } from '../rdf/RdfFormat.js';
import { PublishError } from './PublishError.js';

const formats: ReadonlyMap<string, RdfFormat> = new Map([
  ['application/ld+json', 'jsonld'],
  ['application/json', 'jsonld'],
  ['text/turtle', 'turtle'],
  ['application/n-triples', 'ntriples'],
  ['application/n-quads', 'nquads'],
]);

/** The media types a body may be sent in, for messages. */
export const PUBLISHABLE_MEDIA_TYPES: readonly string[] = [...formats.keys()];

/**
 * The RDF format a Content-Type names (parameters allowed; a charset must be
 * UTF-8). Throws PublishError UNSUPPORTED_MEDIA_TYPE naming the accepted
 * types for anything else, a missing header included.
 */
export function rdfFormatOfContentType(contentType: string): RdfFormat {
  const [essence = '', ...parameters] = contentType.split(';');
  const mediaType = essence.trim().toLowerCase();
  const format = formats.get(mediaType);
  if (format === undefined) {
    const sent = mediaType === '' ? 'A body without a Content-Type' : `The media type ${JSON.stringify(mediaType.slice(0, 100))}`;
    throw new PublishError('UNSUPPORTED_MEDIA_TYPE', `${sent} cannot be published; send one of ${PUBLISHABLE_MEDIA_TYPES.join(', ')}`);
  }
  for (const parameter of parameters) {
    const [name = '', value = ''] = parameter.split('=', 2).map((part) => part.trim());
    const charset = value.replace(/^"(.*)"$/, '$1').toLowerCase();
    if (name.toLowerCase() === 'charset' && charset !== 'utf-8' && charset !== 'utf8') {
      throw new PublishError('UNSUPPORTED_MEDIA_TYPE', `The charset ${JSON.stringify(charset.slice(0, 40))} is not supported; send the body in UTF-8`);
    }
  }
  return format;
}
