import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request, Router } from 'express';
import type { Logger } from 'pino';
import { DumpCache, type StoredDump } from './DumpCache.js';
import { etagOfCoding } from './etagOfCoding.js';
import { isNotModified } from './isNotModified.js';
import { negotiateEncoding, notAcceptableEncoding } from './negotiateEncoding.js';

/** One file made from the whole served graph: a dump, or a network download. */
export interface CachedDownload {
  path: string;
  /** The Content-Type it is served with, parameters included. */
  contentType: string;
  /** Names it in the ETag, after the data version: `"<digest>-<tag>"`. */
  tag: string;
  /** The file name a browser saves it under. */
  filename: string;
  /** Writes it to `output`, without ending it. */
  write(output: Writable): Promise<void>;
}

/** Which version of the data the downloads are made from, and where trouble is logged. */
export interface CachedDownloadOptions {
  /** Changes whenever the data changes; the ETags are made from it. */
  digest: string;
  lastModified: Date;
  logger: Logger;
  /** Downloads up to this many bytes are kept in memory, larger ones in files; see DumpCache. */
  memoryLimitBytes?: number;
}

/** How long a client should wait before asking again after a download could not be produced. */
const RETRY_AFTER_SECONDS = '60';

/**
 * Serves each download on `router` from one DumpCache, and returns a function
 * that closes the cache (its files) once the graph is no longer served.
 *
 * - Each download is produced on the first request for it and compressed once
 *   per coding; every later request is served from those bytes. Requests that
 *   arrive while it is being produced wait for that one production.
 * - The coding follows `Accept-Encoding` (see negotiateEncoding): brotli,
 *   gzip, or identity when the header is missing; 406 when it accepts none
 *   of them. `Vary: Accept-Encoding` on every answer.
 * - `ETag` is made from the data version, the tag and the coding
 *   (`"<digest>-nq"`, `"<digest>-nq-gz"`, `"<digest>-nq-br"`), with
 *   `Last-Modified`; `If-None-Match` or `If-Modified-Since` gets a 304, before
 *   any production.
 * - `Content-Length` is sent, and one byte range (`Range: bytes=…`, of the
 *   coded bytes, with `If-Range`) gets a 206; an unsatisfiable one a 416 and
 *   several ranges the whole download. HEAD gets the headers only; other
 *   methods a 405 with `Allow: GET, HEAD`.
 * - A download that cannot be produced gets a 503 with `Retry-After`, and is
 *   tried again on the next request.
 */
export function serveCachedDownloads(router: Router, downloads: readonly CachedDownload[], options: CachedDownloadOptions): () => Promise<void> {
  const { digest, lastModified, logger } = options;
  const cache = new DumpCache(new Map(downloads.map((download) => [download.path, download.write])), { ...(options.memoryLimitBytes !== undefined && { memoryLimitBytes: options.memoryLimitBytes }) });
  const lastModifiedText = lastModified.toUTCString();
  for (const download of downloads) {
    const identityEtag = `"${digest.slice(0, 32)}-${download.tag}"`;
    router.get(download.path, async (request, response) => {
      response.vary('Accept-Encoding');
      const acceptEncoding = request.get('accept-encoding');
      const coding = negotiateEncoding(acceptEncoding);
      if (coding === null) {
        response.status(406).type('text/plain; charset=utf-8').send(`${notAcceptableEncoding(acceptEncoding)}\n`);
        return;
      }
      const etag = etagOfCoding(identityEtag, coding);
      response.set({
        'Content-Type': download.contentType,
        ETag: etag,
        'Last-Modified': lastModifiedText,
        'Cache-Control': 'public, no-cache',
        'Content-Disposition': `inline; filename="${download.filename}"`,
        'Accept-Ranges': 'bytes',
      });
      if (isNotModified(request, etag, lastModified)) {
        response.status(304).end();
        return;
      }
      let stored: StoredDump;
      try {
        stored = await cache.get(download.path, coding);
      } catch (error) {
        logger.error({ err: error, path: download.path, coding }, 'download could not be produced');
        // Nothing of the download's own headers: a cache must neither keep this answer nor revalidate it as the download.
        for (const header of ['Content-Disposition', 'ETag', 'Last-Modified', 'Accept-Ranges']) response.removeHeader(header);
        response.status(503).set('Cache-Control', 'no-store').set('Retry-After', RETRY_AFTER_SECONDS).type('text/plain; charset=utf-8');
        // end, not send: express's send would add an ETag of its own.
        response.end(`${download.path} could not be produced; try again in ${RETRY_AFTER_SECONDS} s.\n`);
        return;
      }
      if (coding !== 'identity') response.setHeader('Content-Encoding', coding);
      const range = byteRange(request, stored.size, etag, lastModifiedText);
      if (range === 'unsatisfiable') {
        response.status(416).set('Content-Range', `bytes */${stored.size}`).end();
        return;
      }
      if (range !== undefined) {
        response.status(206).set('Content-Range', `bytes ${range.start}-${range.end}/${stored.size}`);
      }
      const start = range?.start ?? 0;
      const end = range?.end ?? stored.size - 1;
      response.setHeader('Content-Length', String(end - start + 1));
      if (request.method === 'HEAD') {
        response.end();
        return;
      }
      if (stored.bytes !== undefined) {
        response.end(stored.bytes.subarray(start, end + 1));
        return;
      }
      try {
        await pipeline(stored.read(start, end), response);
      } catch (error) {
        // A client that hangs up halfway is no fault of ours; pipeline has closed both ends.
        logger.debug({ err: error, path: download.path }, 'download interrupted');
      }
    });
    // The download exists, so another method on it is a 405 (RFC 9110 §15.5.6), as on every resource.
    router.all(download.path, (request, response) => {
      response.status(405).set('Allow', 'GET, HEAD').type('text/plain; charset=utf-8').send(`The method ${request.method} is not allowed on ${download.path}; it answers GET and HEAD.\n`);
    });
  }
  return () => cache.close();
}

/**
 * The one byte range a GET asks for, if it asks for exactly one and its
 * `If-Range` (when present) still names this representation: by strong ETag
 * comparison, or the exact Last-Modified date (RFC 9110 §13.1.5, §14.2).
 * A malformed Range, several ranges or a stale If-Range mean the whole
 * representation (undefined); a range wholly past the end is unsatisfiable.
 */
function byteRange(request: Request, size: number, etag: string, lastModified: string): { start: number; end: number } | 'unsatisfiable' | undefined {
  if (request.get('range') === undefined) return undefined;
  const ifRange = request.get('if-range');
  if (ifRange !== undefined && ifRange.trim() !== etag && ifRange.trim() !== lastModified) return undefined;
  const ranges = request.range(size, { combine: true });
  if (ranges === -1) return 'unsatisfiable';
  if (ranges === undefined || ranges === -2 || ranges.type !== 'bytes' || ranges.length !== 1) return undefined;
  return { start: ranges[0]!.start, end: ranges[0]!.end };
}
