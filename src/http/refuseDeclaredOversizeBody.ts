import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Answers 413 at once, before reading a byte of the body, when the request's
 * Content-Length announces more than `maxBytes`, and closes the connection
 * so that the body is never read; returns whether it did. Body parsers check
 * the declared length too, but answer only after draining the whole body,
 * so a client that announces a terabyte and sends nothing would wait forever.
 * The answer is a GraphQL error, or for other endpoints a line of text.
 */
export function refuseDeclaredOversizeBody(request: IncomingMessage, response: ServerResponse, maxBytes: number, as: 'graphql' | 'text' = 'graphql'): boolean {
  const declared = request.headers['content-length'];
  if (declared === undefined || !(Number(declared) > maxBytes)) return false;
  const message = `The request body is ${declared} bytes long, larger than the limit of ${maxBytes} bytes`;
  const [contentType, body] =
    as === 'graphql'
      ? ['application/json; charset=utf-8', JSON.stringify({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] })]
      : ['text/plain; charset=utf-8', `${message}\n`];
  response.shouldKeepAlive = false;
  response.writeHead(413, { 'content-type': contentType, 'content-length': String(Buffer.byteLength(body)), connection: 'close' });
  response.end(body, () => request.socket.destroy());
  return true;
}
