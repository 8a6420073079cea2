import { SparqlHttpError } from './SparqlHttpError.js';

/**
 * Throws a 400 SparqlHttpError when `bytes` are not UTF-8, naming `what`
 * ("The query"), the offset of the first bad sequence and its bytes, so that
 * a query is never run with U+FFFD in place of what the client sent.
 */
export function refuseInvalidUtf8(bytes: Uint8Array, what: string): void {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const end = firstInvalidByte(bytes);
    const start = startOfSequence(bytes, end);
    const sequence = [...bytes.subarray(start, Math.min(end + 1, bytes.length))].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
    throw new SparqlHttpError(400, `${what} is not valid UTF-8: the bytes ${sequence} at byte ${start} are not a UTF-8 character`);
  }
}

/**
 * Throws a 400 SparqlHttpError when a name or value of the
 * `application/x-www-form-urlencoded` text `encoded` (a form body or a URL's
 * query string, raw) is not UTF-8 once percent-decoded. Characters above
 * U+00FF cannot occur: HTTP hands over raw bytes as Latin-1.
 */
export function refuseInvalidUtf8Parameters(encoded: string): void {
  for (const field of encoded.split('&')) {
    if (field === '') continue;
    const equals = field.indexOf('=');
    const name = equals === -1 ? field : field.slice(0, equals);
    const nameBytes = percentDecode(name);
    refuseInvalidUtf8(nameBytes, 'A parameter name');
    if (equals !== -1) refuseInvalidUtf8(percentDecode(field.slice(equals + 1)), `The ${new TextDecoder().decode(nameBytes)} parameter`);
  }
}

/** The bytes that a form-encoded `text` spells: `%XX` is a byte, `+` a space, and any other character its own (Latin-1) byte. */
function percentDecode(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  let length = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    const hex = char === '%' ? text.slice(index + 1, index + 3) : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes[length++] = Number.parseInt(hex, 16);
      index += 2;
    } else {
      bytes[length++] = char === '+' ? 0x20 : text.charCodeAt(index) & 0xff;
    }
  }
  return bytes.subarray(0, length);
}

/** The offset of the byte at which a strict decoder first fails, or the length when the text ends inside a character. */
function firstInvalidByte(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let index = 0; index < bytes.length; index++) {
    try {
      decoder.decode(bytes.subarray(index, index + 1), { stream: true });
    } catch {
      return index;
    }
  }
  return bytes.length;
}

/** Where the character that the byte at `end` breaks (or that the text ends inside) begins: its lead byte, or `end` itself. */
function startOfSequence(bytes: Uint8Array, end: number): number {
  let lead = end - 1;
  while (lead >= 0 && end - lead <= 3 && (bytes[lead]! & 0xc0) === 0x80) lead--;
  if (lead < 0) return end;
  const byte = bytes[lead]!;
  const length = byte >= 0xc2 && byte <= 0xdf ? 2 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xf0 && byte <= 0xf4 ? 4 : 1;
  return length > end - lead ? lead : Math.min(end, bytes.length - 1);
}
