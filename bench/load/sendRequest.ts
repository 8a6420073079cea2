import { request } from 'node:http';

/** One HTTP request to the server under load. */
export interface RequestSpec {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** What came back; `status` is null when no answer came (see `failure`). */
export interface Answer {
  status: number | null;
  headers: Record<string, string | string[] | undefined>;
  /** Bytes of the body as sent (compressed when the server compressed it). */
  bytes: number;
  /** The body's first `keepBytes` bytes, as text. */
  bodyStart: string;
  ms: number;
  /** Why no whole answer came: a connection error, the timeout, or the body cut short. */
  failure?: string;
}

/**
 * Sends one request to `baseUrl` over a fresh connection with node:http,
 * which neither adds `Accept-Encoding` nor decodes, so the caller sees the
 * exact bytes. Reads the whole body but keeps only its first `keepBytes`
 * (a hostile answer may be hundreds of megabytes). Never rejects: past
 * `timeoutMs`, or on a connection error, it resolves with `failure` set.
 */
export function sendRequest(baseUrl: string, spec: RequestSpec, { timeoutMs, keepBytes = 2_000 }: { timeoutMs: number; keepBytes?: number }): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const finish = (answer: Omit<Answer, 'ms'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...answer, ms: performance.now() - started });
    };
    const body = spec.body === undefined ? undefined : Buffer.from(spec.body);
    const outgoing = request(new URL(spec.path, baseUrl), {
      method: spec.method,
      agent: false,
      headers: { ...spec.headers, ...(body && { 'content-length': String(body.length) }) },
    });
    const timer = setTimeout(() => {
      outgoing.destroy();
      finish({ status: null, headers: {}, bytes: 0, bodyStart: '', failure: `no whole answer within ${timeoutMs} ms` });
    }, timeoutMs);
    outgoing.on('error', (error) => finish({ status: null, headers: {}, bytes: 0, bodyStart: '', failure: error.message }));
    outgoing.on('response', (response) => {
      let bytes = 0;
      const kept: Buffer[] = [];
      let keptBytes = 0;
      response.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (keptBytes < keepBytes) {
          kept.push(chunk.subarray(0, keepBytes - keptBytes));
          keptBytes += Math.min(chunk.length, keepBytes - keptBytes);
        }
      });
      const answer = () => ({ status: response.statusCode ?? null, headers: response.headers, bytes, bodyStart: Buffer.concat(kept).toString('utf8') });
      response.on('end', () => finish(answer()));
      response.on('aborted', () => finish({ ...answer(), failure: `body cut short after ${bytes} bytes` }));
      response.on('error', (error) => finish({ ...answer(), failure: `body cut short after ${bytes} bytes: ${error.message}` }));
    });
    outgoing.end(body);
  });
}
