import { describe, expect, it } from 'vitest';
import { SparqlHttpError } from '../../../src/http/sparql/SparqlHttpError.js';
import { refuseInvalidUtf8, refuseInvalidUtf8Parameters } from '../../../src/http/sparql/refuseInvalidUtf8.js';

/** Bytes written as hex pairs separated by spaces: `'61 C3 A5'`. */
function bytesOf(hex: string): Uint8Array {
  return Uint8Array.from(hex.split(' ').map((pair) => Number.parseInt(pair, 16)));
}

/** The SparqlHttpError that `run` throws; fails the test when it throws nothing or something else. */
function errorOf(run: () => void): SparqlHttpError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SparqlHttpError);
    return error as SparqlHttpError;
  }
  throw new Error('expected a SparqlHttpError, nothing was thrown');
}

const message = (what: string, bytes: string, at: number): string =>
  `${what} is not valid UTF-8: the bytes ${bytes} at byte ${at} are not a UTF-8 character`;

describe('refuseInvalidUtf8', () => {
  it.each([
    ['empty', ''],
    ['ASCII', '53 45 4C 45 43 54'],
    ['å alone', 'C3 A5'],
    ['å ä ö at start and end', 'C3 A5 61 C3 A4 62 C3 B6'],
    ['€ alone', 'E2 82 AC'],
    ['€ at the end', '61 E2 82 AC'],
    ['emoji alone', 'F0 9F 98 80'],
    ['emoji then €', 'F0 9F 98 80 E2 82 AC'],
    ['U+0080', 'C2 80'],
    ['U+07FF', 'DF BF'],
    ['U+0800', 'E0 A0 80'],
    ['U+D7FF, last before the surrogates', 'ED 9F BF'],
    ['U+E000, first after the surrogates', 'EE 80 80'],
    ['U+FFFF', 'EF BF BF'],
    ['U+10000', 'F0 90 80 80'],
    ['U+10FFFF', 'F4 8F BF BF'],
    ['NUL and control bytes', '00 09 0A 7F'],
  ])('accepts %s', (_name, hex) => {
    expect(() => refuseInvalidUtf8(hex === '' ? new Uint8Array() : bytesOf(hex), 'The query')).not.toThrow();
  });

  // [description, input bytes, reported bytes, reported offset]
  it.each([
    // lone continuation bytes
    ['continuation byte first', '80', '%80', 0],
    ['continuation byte BF first', 'BF 61', '%BF', 0],
    ['continuation byte between ASCII', '41 80 42', '%80', 1],
    ['continuation byte at the end after ASCII', '41 42 80', '%80', 2],
    ['continuation byte after å', '41 C3 A5 80', '%80', 3],
    ['continuation byte right after å at start', 'C3 A5 80 61', '%80', 2],
    ['continuation byte after €', 'E2 82 AC 80', '%80', 3],
    ['continuation byte after emoji', 'F0 9F 98 80 80', '%80', 4],
    ['continuation byte after emoji, more after', 'F0 9F 98 80 BF 61 62', '%BF', 4],
    // truncated 2-byte sequences
    ['lead byte C3 alone', 'C3', '%C3', 0],
    ['2-byte truncated at the end', '41 C3', '%C3', 1],
    ['2-byte truncated at the end after emoji', 'F0 9F 98 80 C3', '%C3', 4],
    ['2-byte truncated at start', 'C3 41', '%C3%41', 0],
    ['2-byte truncated in the middle', '41 C3 42 43', '%C3%42', 1],
    ['2-byte C2 truncated', '61 C2 41', '%C2%41', 1],
    ['2-byte DF truncated', '61 DF 41', '%DF%41', 1],
    ['2-byte then another lead', '61 C3 C3 A5', '%C3%C3', 1],
    ['2-byte then a byte below 0x10', 'C3 05', '%C3%05', 0],
    ['2-byte then a newline', '61 C3 0A 62', '%C3%0A', 1],
    ['2-byte then NUL', 'C3 00', '%C3%00', 0],
    // truncated 3-byte sequences
    ['3-byte lead alone at the end', '61 E2', '%E2', 1],
    ['3-byte truncated after 2 at the end', '61 E2 82', '%E2%82', 1],
    ['3-byte truncated after 2 at start, at end', 'E2 82', '%E2%82', 0],
    ['3-byte truncated after 1 in the middle', '61 E2 41 62', '%E2%41', 1],
    ['3-byte truncated after 2 in the middle', '61 E2 82 41', '%E2%82%41', 1],
    ['3-byte truncated after 2 at start', 'E2 82 41', '%E2%82%41', 0],
    ['3-byte E0 truncated', '61 E0 A0 41', '%E0%A0%41', 1],
    ['3-byte EF truncated', '61 EF BF 41', '%EF%BF%41', 1],
    ['3-byte truncated at the end after emoji', 'F0 9F 98 80 E2 82', '%E2%82', 4],
    // truncated 4-byte sequences
    ['4-byte lead alone at the end', '61 F0', '%F0', 1],
    ['4-byte truncated after 3 at the end', '61 F0 9F 98', '%F0%9F%98', 1],
    ['4-byte truncated after 3 at start, at end', 'F0 9F 98', '%F0%9F%98', 0],
    ['4-byte truncated after 3 in the middle', '61 F0 9F 98 41', '%F0%9F%98%41', 1],
    ['4-byte truncated after 2 in the middle', '61 F0 9F 41 42', '%F0%9F%41', 1],
    ['4-byte F4 truncated in the middle', '61 F4 8F BF 41', '%F4%8F%BF%41', 1],
    ['4-byte F4 truncated at the end', 'F4 8F BF', '%F4%8F%BF', 0],
    ['4-byte F3 truncated at the end', '61 F3 BF', '%F3%BF', 1],
    // overlong encodings
    ['overlong 2-byte C0 AF', '61 C0 AF', '%C0', 1],
    ['overlong 2-byte C1 BF first', 'C1 BF', '%C1', 0],
    ['overlong 3-byte E0 80 AF', '61 E0 80 AF', '%E0%80', 1],
    ['overlong 3-byte E0 9F BF', 'E0 9F BF', '%E0%9F', 0],
    ['overlong 4-byte F0 80 80 AF', '61 F0 80 80 AF', '%F0%80', 1],
    ['overlong 4-byte F0 8F BF BF', '61 F0 8F BF BF', '%F0%8F', 1],
    // surrogates
    ['surrogate U+D800', '61 ED A0 80', '%ED%A0', 1],
    ['surrogate U+DFFF', 'ED BF BF', '%ED%BF', 0],
    ['surrogate pair as CESU-8', '61 ED A0 BD ED B8 80', '%ED%A0', 1],
    // above U+10FFFF
    ['U+110000', '61 F4 90 80 80', '%F4%90', 1],
    ['U+13FFFF', 'F4 BF BF BF', '%F4%BF', 0],
    // bytes F5..FF
    ['F5', '61 F5 80 80 80', '%F5', 1],
    ['F7 first', 'F7 BF BF BF', '%F7', 0],
    ['F8', '61 F8 88 80 80 80', '%F8', 1],
    ['FE', '61 FE', '%FE', 1],
    ['FF after å', 'C3 A5 FF', '%FF', 2],
    ['FF after €', '61 E2 82 AC FF 62', '%FF', 4],
    ['FF after emoji', 'F0 9F 98 80 FF', '%FF', 4],
    // several problems: the first is reported
    ['two lone continuation bytes', '80 FF', '%80', 0],
    ['truncated 2-byte then FF', '61 C3 41 FF', '%C3%41', 1],
    ['FF then truncated 3-byte at the end', '61 FF E2 82', '%FF', 1],
    ['surrogate then overlong', '61 ED A0 80 C0 AF', '%ED%A0', 1],
  ])('refuses %s', (_name, hex, reported, at) => {
    const error = errorOf(() => refuseInvalidUtf8(bytesOf(hex), 'The query'));
    expect(error.status).toBe(400);
    expect(error.message).toBe(message('The query', reported, at));
  });

  it('names what it checks', () => {
    expect(errorOf(() => refuseInvalidUtf8(bytesOf('FF'), 'The body')).message).toBe(
      'The body is not valid UTF-8: the bytes %FF at byte 0 are not a UTF-8 character',
    );
  });
});

describe('refuseInvalidUtf8Parameters', () => {
  it.each([
    '',
    '&',
    '&&',
    'query',
    'query=',
    '=',
    'query=SELECT+*+WHERE+%7B%3Fs+%3Fp+%3Fo%7D',
    'query=%C3%A5%C3%A4%C3%B6',
    'query=%c3%a5%c3%a4%c3%b6',
    'query=%E2%82%AC',
    'query=%e2%82%Ac',
    'query=%F0%9F%98%80',
    'query=%f0%9f%98%80&default-graph-uri=urn%3Ax',
    '%C3%A5=%C3%A5',
    'query=100%',
    'query=%',
    'query=%%',
    'query=%4',
    'query=%G1',
    'query=%1G',
    'query=%+1',
    'query=%-1',
    'query=a\u00c3\u00a5b', // raw bytes C3 A5, handed over as Latin-1
    'query=\u00e2\u0082\u00ac',
    'Stryker was here!',
    'query=a=b',
    '&&query=1&&',
  ])('accepts %j', (encoded) => {
    expect(() => refuseInvalidUtf8Parameters(encoded)).not.toThrow();
  });

  it.each([
    ['query=%FF', message('The query parameter', '%FF', 0)],
    ['query=%ff', message('The query parameter', '%FF', 0)],
    ['q=%FF', message('The q parameter', '%FF', 0)],
    ['q=a%FF', message('The q parameter', '%FF', 1)],
    ['query=SELECT+%C3', message('The query parameter', '%C3', 7)],
    ['query=%c3%28', message('The query parameter', '%C3%28', 0)],
    ['query=%C3+', message('The query parameter', '%C3%20', 0)],
    ['query=%C3+%A5', message('The query parameter', '%C3%20', 0)],
    ['query=%C3%', message('The query parameter', '%C3%25', 0)],
    ['query=%C3%4', message('The query parameter', '%C3%25', 0)],
    ['query=%C3%G1', message('The query parameter', '%C3%25', 0)],
    ['query=%C3%A', message('The query parameter', '%C3%25', 0)],
    ['query=%E2%82%4', message('The query parameter', '%E2%82%25', 0)],
    ['query=%E2%82+', message('The query parameter', '%E2%82%20', 0)],
    ['query=%ED%A0%80', message('The query parameter', '%ED%A0', 0)],
    ['query=%F4%90%80%80', message('The query parameter', '%F4%90', 0)],
    ['query=%C0%AF', message('The query parameter', '%C0', 0)],
    ['query=%F0%9F%98', message('The query parameter', '%F0%9F%98', 0)],
    ['query=\u00ff', message('The query parameter', '%FF', 0)], // a raw byte FF
    ['query=a\u00c3', message('The query parameter', '%C3', 1)], // a raw byte C3 at the end
    ['query=\u00e5', message('The query parameter', '%E5', 0)],
    ['a+b=%FF', message('The a b parameter', '%FF', 0)],
    ['%71uery=%FF', message('The query parameter', '%FF', 0)],
    ['%C3%A5=%FF', message('The å parameter', '%FF', 0)],
    ['%C3', message('A parameter name', '%C3', 0)],
    ['a%FF', message('A parameter name', '%FF', 1)],
    ['%FF=x', message('A parameter name', '%FF', 0)],
    ['%C3+=x', message('A parameter name', '%C3%20', 0)],
    ['q%C3=%FF', message('A parameter name', '%C3', 1)],
    ['query=1&&default-graph-uri=%FF&named-graph-uri=%FE', message('The default-graph-uri parameter', '%FF', 0)],
    ['query=1&%FF&q=%FE', message('A parameter name', '%FF', 0)],
    ['query=a=%FF', message('The query parameter', '%FF', 2)],
  ])('refuses %j', (encoded, expected) => {
    const error = errorOf(() => refuseInvalidUtf8Parameters(encoded));
    expect(error.status).toBe(400);
    expect(error.message).toBe(expected);
  });
});
