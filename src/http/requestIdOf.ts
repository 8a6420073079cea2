import { randomUUID } from 'node:crypto';

/** What an incoming X-Request-Id may look like to be kept: short, and nothing a log or header could misread. */
const SAFE_REQUEST_ID = /^[\w.:-]{1,64}$/;

/**
 * The id a request is logged and answered under: the client's `X-Request-Id`
 * when it is 1–64 characters of letters, digits, `_`, `.`, `:` and `-` (so a
 * proxy's id follows the request through), else a fresh random UUID.
 */
export function requestIdOf(incoming: string | string[] | undefined): string {
  return typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}
