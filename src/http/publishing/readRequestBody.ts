import type { IncomingMessage } from 'node:http';
import { PublishError } from '../../publish/PublishError.js';

/**
 * The request's body as bytes, at most `maxBytes` of them. Throws
 * PublishError TOO_LARGE, naming the limit, as soon as `Content-Length`
 * announces more (before a byte is read) or the bytes read pass it, and
 * UNSUPPORTED_MEDIA_TYPE for a `Content-Encoding` other than identity: a
 * compressed body could unpack past any limit.
 */
export async function readRequestBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const encoding = request.headers['content-encoding']?.trim().toLowerCase();
  if (encoding !== undefined && encoding !== '' && encoding !== 'identity') {
    throw new PublishError('UNSUPPORTED_MEDIA_TYPE', `Content-Encoding "${encoding.slice(0, 40)}" is not accepted here; send the body uncompressed`);
  }
  const declared = request.headers['content-length'];
  if (declared !== undefined && Number(declared) > maxBytes) throw new PublishError('TOO_LARGE', `The request body is ${declared} bytes long, more than the limit of ${maxBytes} bytes for writes`);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const onData = (chunk: Buffer) => {
      length += chunk.length;
      if (length <= maxBytes) return void chunks.push(chunk);
      // Stop reading but keep the socket: the 413 still has to reach the client (for await would destroy it).
      request.off('data', onData).pause();
      reject(new PublishError('TOO_LARGE', `The request body is longer than the limit of ${maxBytes} bytes for writes`));
    };
    request.on('data', onData);
    request.once('end', () => resolve(Buffer.concat(chunks, length)));
    request.once('error', reject);
  });
}
