import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { refuseDeclaredOversizeBody } from '../../src/http/refuseDeclaredOversizeBody.js';
import { sendRequest } from '../support/sendRaw.js';

const LIMIT = 10;

let server: Server;
let url: string;
/** What refuseDeclaredOversizeBody returned for each request, and the bodies read after it let one through. */
const returned: boolean[] = [];
const read: string[] = [];

beforeAll(async () => {
  // /graphql answers refusals as GraphQL errors (the default), /sparql as text.
  server = createServer((request, response) => {
    const refused = request.url === '/sparql' ? refuseDeclaredOversizeBody(request, response, LIMIT, 'text') : refuseDeclaredOversizeBody(request, response, LIMIT);
    returned.push(refused);
    if (refused || response.headersSent) return;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      read.push(Buffer.concat(chunks).toString());
      response.end(`read ${Buffer.concat(chunks).length} bytes`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

beforeEach(() => {
  returned.length = 0;
  read.length = 0;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Sends the head of a POST announcing `declared` bytes and nothing more; resolves with all the server sent once it closes the connection. */
function announce(path: string, declared: string): Promise<string> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: Number(port) });
    let received = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the connection stayed open; received ${JSON.stringify(received)}`));
    }, 5000);
    socket.on('connect', () => socket.write(`POST ${path} HTTP/1.1\r\nhost: test\r\ncontent-type: application/json\r\ncontent-length: ${declared}\r\n\r\n`));
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(received);
    });
  });
}

describe('refuseDeclaredOversizeBody', () => {
  it('answers 413 with a GraphQL error naming the declared length and the limit, before a byte of the body is read', async () => {
    const answer = await sendRequest(url, { method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json', 'content-length': '11' } });
    const body = JSON.stringify({ errors: [{ message: 'The request body is 11 bytes long, larger than the limit of 10 bytes', extensions: { code: 'BAD_REQUEST' } }] });
    expect(answer.status).toBe(413);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(answer.headers['content-length']).toBe(String(body.length));
    expect(answer.headers.connection).toBe('close');
    expect(answer.text).toBe(body);
    expect(returned).toEqual([true]);
    expect(read).toEqual([]);
  });

  it('answers 413 with a line of text for other endpoints', async () => {
    const answer = await sendRequest(url, { method: 'POST', path: '/sparql', headers: { 'content-length': '1000000000000' } });
    const body = 'The request body is 1000000000000 bytes long, larger than the limit of 10 bytes\n';
    expect(answer.status).toBe(413);
    expect(answer.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(answer.headers['content-length']).toBe(String(body.length));
    expect(answer.headers.connection).toBe('close');
    expect(answer.text).toBe(body);
    expect(returned).toEqual([true]);
  });

  it('closes the connection after the refusal, so that a body announced and never sent is not waited for', async () => {
    const received = await announce('/graphql', '1000000000000');
    expect(received).toMatch(/^HTTP\/1\.1 413 /);
    expect(received).toMatch(/\r\n\r\n\{"errors":\[\{"message":"The request body is 1000000000000 bytes long, larger than the limit of 10 bytes"/);
    expect(returned).toEqual([true]);
    expect(read).toEqual([]);
  });

  it('lets a body of exactly the limit through to be read', async () => {
    const answer = await sendRequest(url, { method: 'POST', path: '/graphql', body: '0123456789' });
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('read 10 bytes');
    expect(returned).toEqual([false]);
    expect(read).toEqual(['0123456789']);
    expect((await sendRequest(url, { method: 'POST', path: '/sparql', body: '0123456789' })).status).toBe(200);
  });

  it('lets a body through that declares no length (chunked), leaving its size to the reader', async () => {
    const answer = await sendRequest(url, { method: 'POST', path: '/graphql', headers: { 'transfer-encoding': 'chunked' }, body: '10\r\n0123456789abcdef\r\n0\r\n\r\n', contentLength: false });
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('read 16 bytes');
    expect(returned).toEqual([false]);
  });

  it('lets a request without a body through', async () => {
    expect((await sendRequest(url, { method: 'GET', path: '/graphql' })).status).toBe(200);
    expect((await sendRequest(url, { method: 'POST', path: '/graphql', headers: { 'content-length': '0' } })).status).toBe(200);
    expect(returned).toEqual([false, false]);
  });
});
