import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Answers 413 at once, before reading a byte of the body, when the request's
 * Content-Length announces more than `maxBytes`, and closes the connection
 * so that the body is never read; returns whether it did. Body parsers check
 * the declared length too, but answer only after draining the whole body,
 * so a client that announces a terabyte and sends nothing would wait forever.
 */
export function refuseDeclaredOversizeBody(request: IncomingMessage, response: ServerResponse, maxBytes: number): boolean {
  const declared = request.headers['content-length'];
  if (declared === undefined || !(Number(declared) > maxBytes)) return false;
  const body = JSON.stringify({
    errors: [{ message: `The request body is ${declared} bytes long, larger than the limit of ${maxBytes} bytes`, extensions: { code: 'BAD_REQUEST' } }],
  });
  response.shouldKeepAlive = false;
  response.writeHead(413, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(body)), connection: 'close' });
  response.end(body, () => request.socket.destroy());
  return true;
}
