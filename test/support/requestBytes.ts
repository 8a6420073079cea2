import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';

/** An answer as node:http gives it: the bytes as they came, not decoded. */
export interface AnswerBytes {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Sends a request with node:http, which (unlike fetch) neither decodes a Content-Encoding nor adds an Accept-Encoding. */
export function requestBytes(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<AnswerBytes> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}
