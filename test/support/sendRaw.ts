import { connect } from 'node:net';

/** A request as bytes on the wire: method, path and headers exactly as given, nothing normalised. */
export interface WireRequest {
  method: string;
  /** Sent verbatim in the request line, so `/%2e%2e/`, `<script>` and very long paths reach the server as written. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /**
   * Whether to compute `Content-Length` from the body (the default, when there
   * is a body). False sends the headers as given, e.g. a Content-Length of a
   * terabyte with no body behind it.
   */
  contentLength?: boolean;
}

/** An answer read off the socket. */
export interface RawAnswer {
  status: number;
  /** Header names in lower case; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Buffer;
  text: string;
}

/**
 * How long to wait for an answer before giving up: a bound on the test, not an assertion about
 * speed. Mutation runs (vitest.mutation.config.ts) raise it with TEST_PATIENCE_MS, since two of
 * them share this machine's two cores and a 48 MB answer can then take longer.
 */
const DEFAULT_PATIENCE_MS = Number(process.env.TEST_PATIENCE_MS ?? 15_000);

/**
 * The bytes of an HTTP/1.1 request to `host` with `Connection: close`, so that
 * the server closes the socket once it has answered.
 */
export function wireBytes(host: string, request: WireRequest): Buffer {
  const body = request.body === undefined ? undefined : Buffer.isBuffer(request.body) ? request.body : Buffer.from(request.body, 'utf8');
  const headers: Record<string, string> = { host, connection: 'close', ...request.headers };
  if (body !== undefined && request.contentLength !== false) headers['content-length'] = String(body.length);
  const head = [`${request.method} ${request.path} HTTP/1.1`, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)].join('\r\n');
  return Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'utf8'), body ?? Buffer.alloc(0)]);
}

/**
 * Writes `bytes` to a new TCP connection to the server at `url` and reads one
 * answer: complete once its Content-Length or final chunk has arrived, or when
 * the server closes the connection. Leaves the writing side open unless
 * `endAfterWrite` (so that a server waiting for a promised body must answer
 * without it). Rejects when the server closes without answering or does not
 * answer within `patienceMs`.
 */
export function sendRaw(url: string, bytes: Buffer | string, options: { patienceMs?: number; endAfterWrite?: boolean } = {}): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) });
    let received = Buffer.alloc(0);
    let settled = false;
    const finish = (outcome: RawAnswer | Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const timer = setTimeout(
      () => finish(new Error(`no answer within ${options.patienceMs ?? DEFAULT_PATIENCE_MS} ms; received ${JSON.stringify(received.toString('latin1').slice(0, 200))}`)),
      options.patienceMs ?? DEFAULT_PATIENCE_MS,
    );
    socket.on('connect', () => {
      socket.write(bytes);
      if (options.endAfterWrite) socket.end();
    });
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const answer = parseAnswer(received, false);
      if (answer) finish(answer);
    });
    socket.on('error', (error) => {
      // A server may reset a connection right after answering an unread body; the answer counts.
      finish(parseAnswer(received, true) ?? error);
    });
    socket.on('close', () => {
      finish(parseAnswer(received, true) ?? new Error(`the server closed the connection without an answer; received ${JSON.stringify(received.toString('latin1').slice(0, 200))}`));
    });
  });
}

/** Sends `request` (see wireBytes) and reads its answer. */
export function sendRequest(url: string, request: WireRequest, options: { patienceMs?: number; endAfterWrite?: boolean } = {}): Promise<RawAnswer> {
  return sendRaw(url, wireBytes(new URL(url).host, request), options);
}

/** The answer in `bytes`, or undefined while it is incomplete; at the end of the stream a body without a length ends there. */
function parseAnswer(bytes: Buffer, atEnd: boolean): RawAnswer | undefined {
  const headEnd = bytes.indexOf('\r\n\r\n');
  if (headEnd === -1) return undefined;
  const [statusLine = '', ...lines] = bytes.subarray(0, headEnd).toString('latin1').split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
  if (!status) throw new Error(`not an HTTP answer: ${JSON.stringify(statusLine)}`);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  const rest = bytes.subarray(headEnd + 4);
  let body: Buffer | undefined;
  if (headers['transfer-encoding']?.toLowerCase().includes('chunked')) body = dechunk(rest);
  else if (headers['content-length'] !== undefined) {
    const length = Number(headers['content-length']);
    if (rest.length >= length) body = rest.subarray(0, length);
  } else if (status[1] === '304' || status[1] === '204') body = Buffer.alloc(0);
  if (body === undefined && atEnd) body = rest;
  if (body === undefined) return undefined;
  const text = new TextDecoder('utf-8').decode(body);
  return { status: Number(status[1]), headers, body, text };
}

/** The body of a chunked transfer, or undefined until its last chunk has arrived. */
function dechunk(bytes: Buffer): Buffer | undefined {
  const chunks: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = bytes.indexOf('\r\n', at);
    if (lineEnd === -1) return undefined;
    const size = parseInt(bytes.subarray(at, lineEnd).toString('latin1'), 16);
    if (Number.isNaN(size)) throw new Error('malformed chunked answer');
    if (size === 0) return Buffer.concat(chunks);
    if (bytes.length < lineEnd + 2 + size + 2) return undefined;
    chunks.push(bytes.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}
