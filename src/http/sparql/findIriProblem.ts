import { isIPv6 } from 'node:net';

/** RFC 3987 `ucschar`: the characters beyond ASCII that an IRI may hold anywhere but in its scheme. */
const UCSCHAR =
  '\\u{A0}-\\u{D7FF}\\u{F900}-\\u{FDCF}\\u{FDF0}-\\u{FFEF}\\u{10000}-\\u{1FFFD}\\u{20000}-\\u{2FFFD}\\u{30000}-\\u{3FFFD}' +
  '\\u{40000}-\\u{4FFFD}\\u{50000}-\\u{5FFFD}\\u{60000}-\\u{6FFFD}\\u{70000}-\\u{7FFFD}\\u{80000}-\\u{8FFFD}\\u{90000}-\\u{9FFFD}' +
  '\\u{A0000}-\\u{AFFFD}\\u{B0000}-\\u{BFFFD}\\u{C0000}-\\u{CFFFD}\\u{D0000}-\\u{DFFFD}\\u{E1000}-\\u{EFFFD}';
/** RFC 3987 `iprivate`: private-use characters, allowed in the query only. */
const IPRIVATE = '\\u{E000}-\\u{F8FF}\\u{F0000}-\\u{FFFFD}\\u{100000}-\\u{10FFFD}';
const IUNRESERVED = `A-Za-z0-9\\-._~${UCSCHAR}`;
const SUB_DELIMS = "!$&'()*+,;=";

/** The characters each part of an IRI may hold besides percent-encoded bytes (RFC 3987 section 2.2). */
const ALLOWED = {
  userinfo: new RegExp(`^[${IUNRESERVED}${SUB_DELIMS}:]$`, 'u'),
  host: new RegExp(`^[${IUNRESERVED}${SUB_DELIMS}]$`, 'u'),
  path: new RegExp(`^[${IUNRESERVED}${SUB_DELIMS}:@/]$`, 'u'),
  query: new RegExp(`^[${IUNRESERVED}${SUB_DELIMS}:@/?${IPRIVATE}]$`, 'u'),
  fragment: new RegExp(`^[${IUNRESERVED}${SUB_DELIMS}:@/?]$`, 'u'),
} as const;

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;
const IP_FUTURE = /^v[0-9A-Fa-f]+\.[A-Za-z0-9\-._~!$&'()*+,;=:]+$/i;

/**
 * Why `text` is not an absolute IRI as RFC 3987 defines it, or undefined
 * when it is one. These are the rules Oxigraph applies to an IRI it is given
 * (a scheme; no space, `<>"{}|\^\``, control character or `[` outside an IP
 * literal; `%` followed by two hex digits; a numeric port; a valid IPv6
 * address in brackets), so a graph IRI that passes cannot make it throw.
 * The reason names the offending part, e.g. `"%zz" in its path is not
 * percent-encoding: a % must be followed by two hexadecimal digits`.
 */
export function findIriProblem(text: string): string | undefined {
  const scheme = SCHEME.exec(text);
  if (scheme === null) return 'it does not start with a scheme such as https:';
  let rest = text.slice(scheme[0].length);
  const hash = rest.indexOf('#');
  const fragment = hash === -1 ? undefined : rest.slice(hash + 1);
  if (hash !== -1) rest = rest.slice(0, hash);
  const question = rest.indexOf('?');
  const query = question === -1 ? undefined : rest.slice(question + 1);
  if (question !== -1) rest = rest.slice(0, question);
  let path = rest;
  if (rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    path = slash === -1 ? '' : rest.slice(slash);
    const problem = authorityProblem(slash === -1 ? rest.slice(2) : rest.slice(2, slash));
    if (problem !== undefined) return problem;
  }
  return (
    partProblem(path, 'path') ??
    (query === undefined ? undefined : partProblem(query, 'query')) ??
    (fragment === undefined ? undefined : partProblem(fragment, 'fragment'))
  );
}

/** What is wrong with `[userinfo@]host[:port]`, if anything. */
function authorityProblem(authority: string): string | undefined {
  const at = authority.indexOf('@');
  const userinfo = at === -1 ? undefined : authority.slice(0, at);
  const hostAndPort = authority.slice(at + 1);
  let host: string;
  let port: string | undefined;
  if (hostAndPort.startsWith('[')) {
    const close = hostAndPort.indexOf(']');
    if (close === -1) return `its host ${JSON.stringify(hostAndPort)} opens a bracket that it does not close`;
    host = hostAndPort.slice(0, close + 1);
    const after = hostAndPort.slice(close + 1);
    if (after !== '' && !after.startsWith(':')) return `its host ${JSON.stringify(host)} is followed by ${JSON.stringify(after)} rather than a port`;
    if (after !== '') port = after.slice(1);
    const literal = host.slice(1, -1);
    if (!IP_FUTURE.test(literal) && !(/^[0-9A-Fa-f:.]+$/.test(literal) && isIPv6(literal))) {
      return `its host ${JSON.stringify(host)} is not an IPv6 address (nor an IPvFuture literal)`;
    }
  } else {
    const colon = hostAndPort.indexOf(':');
    host = colon === -1 ? hostAndPort : hostAndPort.slice(0, colon);
    if (colon !== -1) port = hostAndPort.slice(colon + 1);
    const problem = partProblem(host, 'host');
    if (problem !== undefined) return problem;
  }
  if (port !== undefined && !/^[0-9]*$/.test(port)) return `its port ${JSON.stringify(port)} is not a number`;
  return userinfo === undefined ? undefined : partProblem(userinfo, 'userinfo');
}

/** What is wrong with the characters of one part of an IRI, if anything: the first one it may not hold, or a bad percent-encoding. */
function partProblem(text: string, part: keyof typeof ALLOWED): string | undefined {
  for (let index = 0; index < text.length; ) {
    if (text[index] === '%') {
      if (!/^%[0-9A-Fa-f]{2}/.test(text.slice(index, index + 3))) {
        return `${JSON.stringify(text.slice(index, index + 3))} in its ${part} is not percent-encoding: a % must be followed by two hexadecimal digits`;
      }
      index += 3;
      continue;
    }
    const character = String.fromCodePoint(text.codePointAt(index)!);
    if (!ALLOWED[part].test(character)) {
      const code = `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
      return `its ${part} holds the character ${JSON.stringify(character)} (${code}), which an IRI does not allow there`;
    }
    index += character.length;
  }
  return undefined;
}
