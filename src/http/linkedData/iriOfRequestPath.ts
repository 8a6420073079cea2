import { BASE_IRI } from '../../rdf/vocabulary.js';

/** Longest request path (as sent, percent-encoded) that names a resource; no IRI of ours comes close. */
export const MAX_PATH_LENGTH = 2048;

/** The IRI a request path names, or why the path names none. */
export type PathLookup = { ok: true; iri: string } | { ok: false; status: 400 | 414; message: string };

const percentEscape = /%[0-9A-Fa-f]{2}/y;
const unreservedOrNonAscii = /^[A-Za-z0-9\-._~\u00A0-\u{10FFFF}]$/u;
const controlCharacter = /[\u0000-\u001F\u007F-\u009F]/;

/**
 * Maps a request path (as sent: percent-encoded, without the query) to the IRI
 * it names: `BASE_IRI` followed by the path without its leading slash, in IRI
 * form (RFC 3987 §3.2: escapes of unreserved and non-ASCII characters decoded,
 * so `/kommun/1883` names `https://w3id.org/kulturskola/kommun/1883` and
 * `/tema/%C3%B6` names `…/tema/ö`; other escapes kept, hex in upper case).
 *
 * Refuses, naming the path: one longer than MAX_PATH_LENGTH (414); a
 * character outside the URI path grammar (RFC 3986: space, `<`, `"`, raw
 * non-ASCII…), a `%` not followed by two hex digits, escapes that are not UTF-8 (`%ff`), control
 * characters once decoded (`%00`, `%0d%0a`), and `.` or `..` segments once
 * decoded (`/%2e%2e/`, `/..%2f..%2fetc`) (400). Nothing here touches a file.
 */
export function iriOfRequestPath(path: string): PathLookup {
  if (path.length > MAX_PATH_LENGTH) {
    return { ok: false, status: 414, message: `The path is ${path.length} characters long; the limit is ${MAX_PATH_LENGTH}.` };
  }
  const shown = quotePath(path);
  if (!path.startsWith('/')) return { ok: false, status: 400, message: `The path ${shown} does not start with "/".` };
  const outsideUriGrammar = /[^A-Za-z0-9\-._~!$&'()*+,;=:@/%]/.exec(path);
  if (outsideUriGrammar) {
    return { ok: false, status: 400, message: `The path ${shown} has a character that a URI path cannot hold at character ${outsideUriGrammar.index + 1}; percent-encode it.` };
  }
  const malformed = /%(?![0-9A-Fa-f]{2})/.exec(path);
  if (malformed) {
    return { ok: false, status: 400, message: `The path ${shown} has a "%" at character ${malformed.index + 1} that is not followed by two hex digits.` };
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return { ok: false, status: 400, message: `The path ${shown} has percent-escapes that are not UTF-8.` };
  }
  if (controlCharacter.test(decoded)) {
    return { ok: false, status: 400, message: `The path ${shown} holds control characters once decoded; no IRI here has any.` };
  }
  if (decoded.split(/[/\\]/).some((segment) => segment === '.' || segment === '..')) {
    return { ok: false, status: 400, message: `The path ${shown} has "." or ".." segments once decoded; resource paths have none.` };
  }
  return { ok: true, iri: BASE_IRI + toIriForm(path.slice(1)) };
}

/** Decodes the escapes of unreserved and non-ASCII characters; keeps the others, in upper case. */
function toIriForm(encoded: string): string {
  let result = '';
  let index = 0;
  while (index < encoded.length) {
    if (encoded[index] !== '%') {
      result += encoded[index];
      index++;
      continue;
    }
    // A run of escapes decodes as a whole, since one character may take several bytes.
    let end = index;
    percentEscape.lastIndex = end;
    while (percentEscape.test(encoded)) end = percentEscape.lastIndex;
    for (const character of decodeURIComponent(encoded.slice(index, end))) {
      // Only ASCII is left to keep escaped (non-ASCII controls were refused); one byte each.
      result += unreservedOrNonAscii.test(character) ? character : `%${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
    }
    index = end;
  }
  return result;
}

/** The path in quotes for a message: still percent-encoded (so no control character), cut to 200 characters. */
function quotePath(path: string): string {
  return JSON.stringify(path.length > 200 ? `${path.slice(0, 200)}…` : path);
}
