import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import express, { type Request, type Response } from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { maxProtocolBodyBytes, readProtocolRequest } from '../../../src/http/sparql/readProtocolRequest.js';
import { SparqlHttpError } from '../../../src/http/sparql/SparqlHttpError.js';
import { sendRequest, type WireRequest } from '../../support/sendRaw.js';

/**
 * readProtocolRequest on its own: a tiny app of the test's own whose /sparql route answers what
 * readProtocolRequest read, as JSON, or the SparqlHttpError it threw, as createSparqlRouter's
 * sendError does (status, headers, the message and a line break as text/plain). The specs under
 * test/sparql reach the same code through the whole endpoint and its worker threads; here each case
 * starts its own app, so that mutation testing credits every line to the cases that ran it, and a
 * case takes milliseconds.
 */

/** The longest query the app accepts, in UTF-8 bytes. */
const LIMIT = 100;
/** The largest form body the app accepts: 3 × LIMIT + 16,384, written out, not computed with maxProtocolBodyBytes. */
const FORM_LIMIT = 16_684;

const FORM = 'application/x-www-form-urlencoded';
const QUERY = 'application/sparql-query';

const MISSING =
  'Missing the query: send it as ?query=… (GET), as the form field query=… (POST application/x-www-form-urlencoded) or as the body of a POST of application/sparql-query\n';
const READ_ONLY = 'This endpoint is read-only: SPARQL Update is not accepted, only queries (SELECT, ASK, CONSTRUCT, DESCRIBE)\n';
const NEEDS_TYPE = 'A POST to the SPARQL endpoint needs Content-Type application/x-www-form-urlencoded (with query=…) or application/sparql-query, but got: ';

/** The servers this case started; closed after it. */
let servers: Server[];
/** The app's /sparql, with Express's default ("simple") query parser, as the real server has. */
let endpoint: string;

/**
 * Starts an app whose /sparql (and anything under it) answers with readProtocolRequest(request,
 * response, LIMIT). A property present but undefined is written as null, so that none hides. An
 * error's cause is not sent by the real endpoint (it is for the log); here its `type` (or `code`)
 * goes in an `x-cause` header, so that a case can see that it is kept.
 */
async function open(queryParser?: 'extended'): Promise<string> {
  const app = express();
  if (queryParser !== undefined) app.set('query parser', queryParser);
  app.use('/sparql', async (request: Request, response: Response) => {
    try {
      const read = await readProtocolRequest(request, response, LIMIT);
      response
        .status(200)
        .type('application/json')
        .send(JSON.stringify(read, (_key, value: unknown) => (value === undefined ? null : value)));
    } catch (error) {
      const known = error instanceof SparqlHttpError ? error : undefined;
      const cause = known?.cause as { type?: unknown; code?: unknown } | undefined;
      response.status(known?.status ?? 500).set(known?.headers ?? {});
      if (cause !== undefined) response.set('x-cause', String(cause.type ?? cause.code));
      response.type('text/plain; charset=utf-8').send(`${known?.message ?? 'Internal server error'}\n`);
    }
  });
  const server = app.listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/sparql`;
}

beforeEach(async () => {
  servers = [];
  endpoint = await open();
});

afterEach(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

/** An answer: its status, headers (lower-case names) and body as text. */
interface Answer {
  status: number;
  headers: Record<string, string>;
  text: string;
}

async function answerOf(response: globalThis.Response): Promise<Answer> {
  return { status: response.status, headers: Object.fromEntries(response.headers), text: await response.text() };
}

/** GET of the endpoint with `search` (from its `?`) as written. */
async function get(search: string, base = endpoint): Promise<Answer> {
  return answerOf(await fetch(`${base}${search}`));
}

/** POST of `body` with this Content-Type (none when undefined), to the endpoint with `search`. */
async function post(contentType: string | undefined, body: string | Uint8Array, search = ''): Promise<Answer> {
  return answerOf(await fetch(`${endpoint}${search}`, { method: 'POST', headers: contentType === undefined ? {} : { 'content-type': contentType }, body }));
}

/** The request as bytes on the wire (see sendRaw), to the endpoint's path plus `path`. */
async function raw(request: Omit<WireRequest, 'path'> & { path?: string }): Promise<Answer> {
  const answer = await sendRequest(endpoint, { ...request, path: `/sparql${request.path ?? ''}` });
  return { status: answer.status, headers: answer.headers, text: answer.text };
}

/** What readProtocolRequest read, from a 200 answer. */
function read(answer: Answer): unknown {
  expect(answer.status, answer.text).toBe(200);
  return JSON.parse(answer.text);
}

/** `text` with every byte percent-encoded, as a form may send it. */
function percentEncoded(text: string): string {
  return [...Buffer.from(text)].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}

/** The bytes of `parts` one after the other: text as UTF-8, numbers as bytes. */
const bytes = (...parts: Array<string | readonly number[] | Buffer>): Buffer =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.isBuffer(part) ? part : Buffer.from(part))));

describe('a GET', () => {
  it('gives the query of ?query=, with neither dataset nor format when the request names none', async () => {
    expect(read(await get('?query=ASK%20%7B%7D'))).toEqual({ query: 'ASK {}' });
  });

  it('ignores parameters it does not know', async () => {
    expect(read(await get('?timeout=0&query=ASK+%7B%7D&debug=on'))).toEqual({ query: 'ASK {}' });
  });

  it('gives every default-graph-uri and named-graph-uri, in order, and the first format', async () => {
    const answer = await get('?query=ASK&default-graph-uri=http://a.example/1&named-graph-uri=urn:x:b&default-graph-uri=http://a.example/2&format=csv&format=xml');
    expect(read(answer)).toEqual({
      query: 'ASK',
      dataset: { defaultGraphs: ['http://a.example/1', 'http://a.example/2'], namedGraphs: ['urn:x:b'] },
      format: 'csv',
    });
  });

  it('gives a dataset with an empty list beside named graphs alone, or beside default graphs alone', async () => {
    expect(read(await get('?query=ASK&named-graph-uri=http://g.example/'))).toEqual({ query: 'ASK', dataset: { defaultGraphs: [], namedGraphs: ['http://g.example/'] } });
    expect(read(await get('?query=ASK&default-graph-uri=http://g.example/'))).toEqual({ query: 'ASK', dataset: { defaultGraphs: ['http://g.example/'], namedGraphs: [] } });
  });

  it('gives a format without a dataset', async () => {
    expect(read(await get('?query=ASK&format=json'))).toEqual({ query: 'ASK', format: 'json' });
  });

  it('keeps a % that starts no percent-escape as it is', async () => {
    expect(read(await get('?query=ASK%zz%2'))).toEqual({ query: 'ASK%zz%2' });
  });

  it('is answered the same way for HEAD: a query is read, a missing one refused', async () => {
    const withQuery = await fetch(`${endpoint}?query=ASK`, { method: 'HEAD' });
    expect(withQuery.status).toBe(200);
    expect(withQuery.headers.get('allow')).toBeNull();
    const without = await fetch(endpoint, { method: 'HEAD' });
    expect(without.status).toBe(400);
  });

  it('without a query, or with an empty or blank one, is answered with 400 saying how to send one', async () => {
    for (const search of ['', '?format=json', '?query=', '?query=%20%0A%09+']) {
      const answer = await get(search);
      expect(answer.status, search).toBe(400);
      expect(answer.text, search).toBe(MISSING);
    }
  });

  it('with the query parameter twice or thrice is answered with 400 naming the count', async () => {
    const twice = await get('?query=ASK&query=ASK');
    expect(twice.status).toBe(400);
    expect(twice.text).toBe('The query parameter is given 2 times; send exactly one\n');
    expect((await get('?query=ASK&query=ASK&query=SELECT')).text).toBe('The query parameter is given 3 times; send exactly one\n');
  });

  it('with an update parameter is refused as read-only with 400, even an empty one beside a query', async () => {
    for (const search of ['?update=CLEAR%20ALL', '?query=ASK&update=']) {
      const answer = await get(search);
      expect(answer.status, search).toBe(400);
      expect(answer.text, search).toBe(READ_ONLY);
    }
  });
});

describe('a POST of a form (application/x-www-form-urlencoded)', () => {
  it('gives the query, graphs and format of its fields', async () => {
    const body = 'query=ASK+%7B%7D&default-graph-uri=http%3A%2F%2Fa.example%2F&named-graph-uri=http%3A%2F%2Fb.example%2F&named-graph-uri=urn%3Ac&format=tsv';
    expect(read(await post(FORM, body))).toEqual({
      query: 'ASK {}',
      dataset: { defaultGraphs: ['http://a.example/'], namedGraphs: ['http://b.example/', 'urn:c'] },
      format: 'tsv',
    });
  });

  it('takes the format from the URL when the form has none, and from the form when both have one', async () => {
    expect(read(await post(FORM, 'query=ASK', '?format=csv'))).toEqual({ query: 'ASK', format: 'csv' });
    expect(read(await post(FORM, 'query=ASK&format=xml', '?format=csv'))).toEqual({ query: 'ASK', format: 'xml' });
  });

  it('takes the query and the graphs from the form alone, not from the URL', async () => {
    expect(read(await post(FORM, 'query=ASK', '?query=SELECT&default-graph-uri=http://a.example/&named-graph-uri=http://b.example/'))).toEqual({ query: 'ASK' });
    const urlOnly = await post(FORM, 'format=json', '?query=ASK');
    expect(urlOnly.status).toBe(400);
    expect(urlOnly.text).toBe(MISSING);
  });

  it('reads field names as they are: query[a]= is not the query field', async () => {
    const answer = await post(FORM, 'query%5Ba%5D=ASK&query[b]=ASK');
    expect(answer.status).toBe(400);
    expect(answer.text).toBe(MISSING);
  });

  it('without a query field, with an empty body or none at all, is answered with 400 saying how to send one', async () => {
    for (const body of ['format=json', '', 'query=+']) {
      const answer = await post(FORM, body);
      expect(answer.status, body).toBe(400);
      expect(answer.text, body).toBe(MISSING);
    }
    const noBody = await raw({ method: 'POST', headers: { 'content-type': FORM } });
    expect(noBody.status).toBe(400);
    expect(noBody.text).toBe(MISSING);
  });

  it('with the query field twice is answered with 400 naming the count', async () => {
    const answer = await post(FORM, 'query=ASK&query=ASK');
    expect(answer.status).toBe(400);
    expect(answer.text).toBe('The query parameter is given 2 times; send exactly one\n');
  });

  it('with an update field is refused as read-only with 400', async () => {
    const answer = await post(FORM, 'update=CLEAR+ALL');
    expect(answer.status).toBe(400);
    expect(answer.text).toBe(READ_ONLY);
  });

  it('may have 200 fields; 201 are refused with 413 naming the limit', async () => {
    const fields = (count: number) => ['query=ASK', ...Array.from({ length: count - 1 }, (_, index) => `f${index}=1`)].join('&');
    expect(read(await post(FORM, fields(200)))).toEqual({ query: 'ASK' });
    const over = await post(FORM, fields(201));
    expect(over.status).toBe(413);
    expect(over.text).toBe('The form has more than the limit of 200 fields\n');
    expect(over.headers['x-cause']).toBe('parameters.too.many');
  });

  it('may be three times the longest query plus 16 KiB, so that a query percent-encoded whole fits; a byte more is refused with 413', async () => {
    const query = `ASK {} #${'x'.repeat(92)}`;
    const form = (bodyBytes: number) => {
      const fields = `query=${percentEncoded(query)}&pad=`;
      return fields + 'p'.repeat(bodyBytes - fields.length);
    };
    expect(read(await post(FORM, form(FORM_LIMIT)))).toEqual({ query });
    const over = await post(FORM, form(FORM_LIMIT + 1));
    expect(over.status).toBe(413);
    expect(over.text).toBe('The request body is larger than the limit of 16684 bytes\n');
    expect(over.headers['x-cause']).toBe('entity.too.large');
  });

  it('with a query of one byte more than the limit, once decoded, is answered with 413 naming both', async () => {
    const answer = await post(FORM, `query=${percentEncoded(`ASK {} #${'x'.repeat(93)}`)}`);
    expect(answer.status).toBe(413);
    expect(answer.text).toBe('The query is 101 bytes long; the limit is 100 bytes\n');
  });

  it('may declare charset UTF-8', async () => {
    for (const contentType of [`${FORM}; charset=UTF-8`, `${FORM};charset="utf-8"`, `${FORM}; charset=utf8`, `${FORM}; charset=UTF8`]) {
      expect(read(await post(contentType, 'query=%C3%96rebro')), contentType).toEqual({ query: 'Örebro' });
    }
  });

  it('that declares another charset is refused with 415 naming it', async () => {
    const answer = await post(`${FORM}; charset=ISO-8859-1`, 'query=%D6rebro');
    expect(answer.status).toBe(415);
    expect(answer.text).toBe('The SPARQL endpoint reads queries as UTF-8 only, but the request declares charset="ISO-8859-1": send the query encoded as UTF-8\n');
  });

  it('with bytes that are not UTF-8, percent-encoded or raw, is answered with 400 naming the field, the bytes and where they are', async () => {
    const encoded = await post(FORM, 'format=json&query=ASK+%7B%7D+%23%E2%82');
    expect(encoded.status).toBe(400);
    expect(encoded.text).toBe('The query parameter is not valid UTF-8: the bytes %E2%82 at byte 8 are not a UTF-8 character\n');
    expect(encoded.headers['x-cause']).toBe('encoding.invalid-utf8');
    const rawByte = await post(FORM, bytes('query=A', [0xff]));
    expect(rawByte.status).toBe(400);
    expect(rawByte.text).toBe('The query parameter is not valid UTF-8: the bytes %FF at byte 1 are not a UTF-8 character\n');
    const name = await post(FORM, 'query=ASK&%C3=1');
    expect(name.status).toBe(400);
    expect(name.text).toBe('A parameter name is not valid UTF-8: the bytes %C3 at byte 0 are not a UTF-8 character\n');
  });
});

describe('a POST of the query itself (application/sparql-query)', () => {
  it('gives the body as the query, and the graphs and format from the URL', async () => {
    const answer = await post(QUERY, 'ASK { FILTER("Örebro" != "ö") }', '?default-graph-uri=http://a.example/&named-graph-uri=http://b.example/&format=xml');
    expect(read(answer)).toEqual({
      query: 'ASK { FILTER("Örebro" != "ö") }',
      dataset: { defaultGraphs: ['http://a.example/'], namedGraphs: ['http://b.example/'] },
      format: 'xml',
    });
  });

  it('recognises its content type in any case, with spaces before the parameters and a charset of UTF-8 in any spelling', async () => {
    for (const contentType of ['Application/SPARQL-Query', `${QUERY} ; charset=utf-8`, `${QUERY}; charset="UTF-8"`, `${QUERY};charset=UTF8`]) {
      expect(read(await post(contentType, 'ASK {}')), contentType).toEqual({ query: 'ASK {}' });
    }
  });

  it('with a query parameter beside the body is answered with 400', async () => {
    const answer = await post(QUERY, 'ASK {}', '?query=ASK');
    expect(answer.status).toBe(400);
    expect(answer.text).toBe('A POST of application/sparql-query carries the query as its body; do not also send a query parameter\n');
  });

  it('with an update parameter in the URL is refused as read-only with 400', async () => {
    const answer = await post(QUERY, 'ASK {}', '?update=CLEAR%20ALL');
    expect(answer.status).toBe(400);
    expect(answer.text).toBe(READ_ONLY);
  });

  it('with an empty body, a blank one or none at all, is answered with 400 saying how to send a query', async () => {
    for (const body of ['', ' \n\t']) {
      const answer = await post(QUERY, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.text, JSON.stringify(body)).toBe(MISSING);
    }
    const noBody = await raw({ method: 'POST', headers: { 'content-type': QUERY } });
    expect(noBody.status).toBe(400);
    expect(noBody.text).toBe(MISSING);
  });

  it('drops a UTF-8 byte order mark from the query', async () => {
    expect(read(await post(QUERY, bytes([0xef, 0xbb, 0xbf], 'ASK {}')))).toEqual({ query: 'ASK {}' });
  });

  it('reads a gzip-compressed body', async () => {
    const answer = await raw({ method: 'POST', headers: { 'content-type': QUERY, 'content-encoding': 'gzip' }, body: gzipSync('ASK {}') });
    expect(read(answer)).toEqual({ query: 'ASK {}' });
  });

  it('that declares another charset is refused with 415 naming it (its first 40 characters), however the parameter is spaced or quoted', async () => {
    const utf16 = Buffer.from('ASK {}', 'utf16le');
    for (const contentType of [`${QUERY}; charset=UTF-16`, `${QUERY};charset=UTF-16`, `${QUERY}; a=b; Charset = "UTF-16"`]) {
      const answer = await post(contentType, utf16);
      expect(answer.status, contentType).toBe(415);
      expect(answer.text, contentType).toBe('The SPARQL endpoint reads queries as UTF-8 only, but the request declares charset="UTF-16": send the query encoded as UTF-8\n');
    }
    const long = await post(`${QUERY}; charset=${'x'.repeat(30)}-${'y'.repeat(30)}`, 'ASK {}');
    expect(long.status).toBe(415);
    expect(long.text).toBe(`The SPARQL endpoint reads queries as UTF-8 only, but the request declares charset="${'x'.repeat(30)}-${'y'.repeat(9)}": send the query encoded as UTF-8\n`);
  });

  it('that declares another charset after a quoted parameter is refused with 415 naming it', async () => {
    const answer = await post(`${QUERY}; a="x; charset=utf-8"; charset=nonesuch`, 'ASK {}');
    expect(answer.status).toBe(415);
    expect(answer.text).toBe('The SPARQL endpoint reads queries as UTF-8 only, but the request declares charset="nonesuch": send the query encoded as UTF-8\n');
  });

  it('cannot pass off another charset behind a "charset=utf-8" inside a quoted value: it is refused, and its bytes are never decoded as Latin-1', async () => {
    const latin1 = bytes([0x41, 0x53, 0x4b, 0x20, 0x7b, 0xe5, 0x7d]);
    const declared = await post(`${QUERY}; a="x; charset=utf-8"; charset=latin1`, latin1);
    expect(declared.status).toBe(415);
    expect(declared.text).toBe('The SPARQL endpoint reads queries as UTF-8 only, but the request declares charset="latin1": send the query encoded as UTF-8\n');
    const form = await post(`${FORM}; a="x; charset=utf-8"; charset=latin1`, 'query=ASK+%7B%E5%7D');
    expect(form.status).toBe(415);
    const quotedOnly = await post(`${QUERY}; a="charset=latin1"`, latin1);
    expect(quotedOnly.status).toBe(400);
    expect(quotedOnly.text).toMatch(/^The query is not valid UTF-8/);
  });

  it('in UTF-16 with a byte order mark, little- or big-endian, is answered with 400 naming the mark', async () => {
    for (const mark of [
      [0xff, 0xfe],
      [0xfe, 0xff],
    ]) {
      const answer = await post(QUERY, bytes(mark, Buffer.from('ASK {}', 'utf16le')));
      expect(answer.status, String(mark)).toBe(400);
      expect(answer.text, String(mark)).toBe('The query starts with a UTF-16 byte order mark; the SPARQL endpoint reads queries as UTF-8\n');
      expect(answer.headers['x-cause']).toBe('encoding.invalid-utf8');
    }
  });

  it('with a stray 0xFF or 0xFE that is no byte order mark is answered with 400 naming the byte and where it is', async () => {
    for (const [body, at] of [
      [bytes([0xff], 'ASK'), '%FF at byte 0'],
      [bytes([0xfe], 'ASK'), '%FE at byte 0'],
      [bytes('A', [0xfe], 'SK'), '%FE at byte 1'],
      [bytes('A', [0xff], 'SK'), '%FF at byte 1'],
    ] as const) {
      const answer = await post(QUERY, body);
      expect(answer.status, at).toBe(400);
      expect(answer.text).toBe(`The query is not valid UTF-8: the bytes ${at} are not a UTF-8 character\n`);
    }
  });

  it('with bytes that are not UTF-8 is answered with 400 naming them and where they are', async () => {
    const answer = await post(QUERY, bytes('ASK {} # ', [0xc3, 0x28]));
    expect(answer.status).toBe(400);
    expect(answer.text).toBe('The query is not valid UTF-8: the bytes %C3%28 at byte 9 are not a UTF-8 character\n');
  });

  it('in UTF-16 without a byte order mark is answered with 400 naming the NUL it holds', async () => {
    const answer = await post(QUERY, Buffer.from('ASK {}', 'utf16le'));
    expect(answer.status).toBe(400);
    expect(answer.text).toBe(
      'The query holds the character U+0000 (NUL) at character 1, which no query needs: was it sent as UTF-16? The SPARQL endpoint reads queries as UTF-8\n',
    );
  });

  it('may be as long as the limit in bytes; a body one byte longer, declared or chunked, is refused with 413 naming the limit', async () => {
    const atLimit = `ASK {} #${'å'.repeat(46)}`;
    expect(read(await post(QUERY, atLimit))).toEqual({ query: atLimit });
    const declared = await raw({ method: 'POST', headers: { 'content-type': QUERY }, body: `${atLimit}x` });
    expect(declared.status).toBe(413);
    expect(declared.text).toBe('The request body is larger than the limit of 100 bytes\n');
    expect(declared.headers['x-cause']).toBe('entity.too.large');
    const chunked = await raw({
      method: 'POST',
      headers: { 'content-type': QUERY, 'transfer-encoding': 'chunked' },
      body: Buffer.concat([Buffer.from('65\r\n'), Buffer.from(`${atLimit}x`), Buffer.from('\r\n0\r\n\r\n')]),
      contentLength: false,
    });
    expect(chunked.status).toBe(413);
    expect(chunked.text).toBe('The request body is larger than the limit of 100 bytes\n');
  });
});

describe('other POSTs', () => {
  it('of application/sparql-update are refused as read-only with 400, in any case and whatever charset they declare', async () => {
    for (const contentType of ['application/sparql-update', 'Application/SPARQL-Update; charset=UTF-16']) {
      const answer = await post(contentType, 'CLEAR ALL');
      expect(answer.status, contentType).toBe(400);
      expect(answer.text, contentType).toBe(READ_ONLY);
    }
  });

  it('of another content type are refused with 415 naming the header as sent, without looking at its charset', async () => {
    const json = await post('application/json', '{"query":"ASK {}"}');
    expect(json.status).toBe(415);
    expect(json.text).toBe(`${NEEDS_TYPE}"application/json"\n`);
    const latin1 = await post('text/plain; charset=ISO-8859-1', 'ASK {}');
    expect(latin1.status).toBe(415);
    expect(latin1.text).toBe(`${NEEDS_TYPE}"text/plain; charset=ISO-8859-1"\n`);
  });

  it('without a content type are refused with 415, with or without a body', async () => {
    for (const body of ['query=ASK', undefined]) {
      const answer = await raw({ method: 'POST', ...(body !== undefined && { body }) });
      expect(answer.status, body).toBe(415);
      expect(answer.text, body).toBe(`${NEEDS_TYPE}""\n`);
    }
  });

  it('with a content encoding the parser does not know are refused with 415 naming it', async () => {
    const answer = await raw({ method: 'POST', headers: { 'content-type': QUERY, 'content-encoding': 'compress' }, body: 'ASK {}' });
    expect(answer.status).toBe(415);
    expect(answer.text).toBe('The request body cannot be read: unsupported content encoding "compress"\n');
    expect(answer.headers['x-cause']).toBe('encoding.unsupported');
  });

  it('with a body that cannot be decompressed are answered with 400 saying why', async () => {
    const answer = await raw({ method: 'POST', headers: { 'content-type': QUERY, 'content-encoding': 'gzip' }, body: 'ASK {}' });
    expect(answer.status).toBe(400);
    expect(answer.text).toBe('The request body cannot be read: incorrect header check\n');
    expect(answer.headers['x-cause']).toBe('Z_DATA_ERROR');
  });
});

describe('other methods', () => {
  it.each(['PUT', 'DELETE', 'PATCH', 'OPTIONS'])('%s is answered with 405 naming it and the methods allowed', async (method) => {
    const answer = await answerOf(await fetch(`${endpoint}?query=ASK`, { method }));
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('GET, HEAD, POST');
    expect(answer.text).toBe(`The SPARQL endpoint answers GET and POST, not ${method}\n`);
  });
});

describe('the query string of any request', () => {
  it('is refused with 400 when a value is not UTF-8 once percent-decoded, naming the parameter, the bytes and where they are', async () => {
    const query = await get('?query=ASK%20%7B%7D%20%23%C3%28');
    expect(query.status).toBe(400);
    expect(query.text).toBe('The query parameter is not valid UTF-8: the bytes %C3%28 at byte 8 are not a UTF-8 character\n');
    const format = await get('?query=ASK&format=json%FF');
    expect(format.status).toBe(400);
    expect(format.text).toBe('The format parameter is not valid UTF-8: the bytes %FF at byte 4 are not a UTF-8 character\n');
  });

  it('is refused with 400 when a parameter name is not UTF-8', async () => {
    const answer = await get('?query=ASK&%FF=1');
    expect(answer.status).toBe(400);
    expect(answer.text).toBe('A parameter name is not valid UTF-8: the bytes %FF at byte 0 are not a UTF-8 character\n');
  });

  it('is checked for UTF-8 before the method, the content type or the body', async () => {
    const put = await answerOf(await fetch(`${endpoint}?format=%FF`, { method: 'PUT' }));
    expect(put.status).toBe(400);
    expect(put.text).toBe('The format parameter is not valid UTF-8: the bytes %FF at byte 0 are not a UTF-8 character\n');
    const form = await post(FORM, 'query=ASK', '?x=%E5');
    expect(form.status).toBe(400);
    expect(form.text).toBe('The x parameter is not valid UTF-8: the bytes %E5 at byte 0 are not a UTF-8 character\n');
  });

  it('is all that is checked of the URL: bytes that are not UTF-8 in its path are let be, with a query string or without one', async () => {
    expect(read(await get('/%FF?query=ASK'))).toEqual({ query: 'ASK' });
    const withoutQueryString = await get('/%FF');
    expect(withoutQueryString.status).toBe(400);
    expect(withoutQueryString.text).toBe(MISSING);
  });
});

describe('the query', () => {
  it('may be as long as the limit in UTF-8 bytes (here 100, in 54 characters); a byte more is answered with 413 naming both', async () => {
    const atLimit = `ASK {} #${'å'.repeat(46)}`;
    expect(read(await get(`?query=${encodeURIComponent(atLimit)}`))).toEqual({ query: atLimit });
    const over = await get(`?query=${encodeURIComponent(`${atLimit}x`)}`);
    expect(over.status).toBe(413);
    expect(over.text).toBe('The query is 101 bytes long; the limit is 100 bytes\n');
  });

  it('holding U+0000 is answered with 400 naming where it is, at the start or further on', async () => {
    const first = await get('?query=%00ASK');
    expect(first.status).toBe(400);
    expect(first.text).toBe(
      'The query holds the character U+0000 (NUL) at character 0, which no query needs: was it sent as UTF-16? The SPARQL endpoint reads queries as UTF-8\n',
    );
    const later = await post(FORM, 'query=ASK+%7B%7D%00');
    expect(later.status).toBe(400);
    expect(later.text).toMatch(/^The query holds the character U\+0000 \(NUL\) at character 6, /);
  });

  it('holding U+0000 after a character outside the Basic Multilingual Plane names its place in characters, not UTF-16 units', async () => {
    const answer = await get(`?query=${encodeURIComponent('#\u{1F600}\u0000')}`);
    expect(answer.status).toBe(400);
    expect(answer.text).toMatch(/^The query holds the character U\+0000 \(NUL\) at character 2, /);
  });
});

describe('graph IRIs', () => {
  it('are refused with 400 naming the parameter, the value and the fault, when not absolute', async () => {
    const relative = await get('?query=ASK&default-graph-uri=dataset/katalog');
    expect(relative.status).toBe(400);
    expect(relative.text).toBe('The default-graph-uri parameter must be an absolute IRI, but got: "dataset/katalog"; it does not start with a scheme such as https:\n');
    const empty = await post(FORM, 'query=ASK&named-graph-uri=');
    expect(empty.status).toBe(400);
    expect(empty.text).toBe('The named-graph-uri parameter must be an absolute IRI, but got: ""; it does not start with a scheme such as https:\n');
  });

  it('are each checked, the second as the first', async () => {
    const answer = await get('?query=ASK&named-graph-uri=http://a.example/&named-graph-uri=http://b.example/%zz');
    expect(answer.status).toBe(400);
    expect(answer.text).toBe(
      'The named-graph-uri parameter must be an absolute IRI, but got: "http://b.example/%zz"; "%zz" in its path is not percent-encoding: a % must be followed by two hexadecimal digits\n',
    );
  });

  it('are named in a refusal by their first 200 characters only', async () => {
    const iri = `http://example.org/${'a'.repeat(200)}%zz`;
    const answer = await get(`?query=ASK&default-graph-uri=${iri}`);
    expect(answer.status).toBe(400);
    expect(answer.text).toBe(
      `The default-graph-uri parameter must be an absolute IRI, but got: "http://example.org/${'a'.repeat(181)}"; "%zz" in its path is not percent-encoding: a % must be followed by two hexadecimal digits\n`,
    );
  });
});

describe('under a query parser that builds structures (Express\'s "extended")', () => {
  it('a parameter given as a structure is refused with 400 naming it', async () => {
    const extended = await open('extended');
    for (const [search, name] of [
      ['?query[a]=ASK', 'query'],
      ['?query=ASK&default-graph-uri[0]=http://a.example/&default-graph-uri[1][b]=c', 'default-graph-uri'],
      ['?query=ASK&named-graph-uri[a]=http://a.example/', 'named-graph-uri'],
      ['?query=ASK&format[a]=json', 'format'],
    ] as const) {
      const answer = await get(search, extended);
      expect(answer.status, search).toBe(400);
      expect(answer.text, search).toBe(`The ${name} parameter must be plain text, not a structure\n`);
    }
  });

  it('plain values are read as under the simple parser', async () => {
    const extended = await open('extended');
    expect(read(await get('?query=ASK&default-graph-uri=http://a.example/&format=csv', extended))).toEqual({
      query: 'ASK',
      dataset: { defaultGraphs: ['http://a.example/'], namedGraphs: [] },
      format: 'csv',
    });
  });
});

describe('maxProtocolBodyBytes', () => {
  it('is three times the longest query plus 16 KiB, for a form percent-encoded whole and its other fields', () => {
    expect(maxProtocolBodyBytes(100)).toBe(16_684);
    expect(maxProtocolBodyBytes(65_536)).toBe(212_992);
  });
});
