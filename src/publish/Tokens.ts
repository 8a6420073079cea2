import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { isDatasetSlug } from '../store/isDatasetSlug.js';

/** One publisher's token as the tokens file keeps it: never the token, only its hash. */
export interface TokenEntry {
  /** Who publishes with it (a name or an IRI); recorded with every version it makes. */
  publisher: string;
  /** Hex SHA-256 of the token (see hashToken). */
  sha256: string;
  /** The datasets it may write: a slug, a prefix ending in `*` (`vastmanland-*`), or `*` for every dataset. */
  datasets: string[];
}

/** What a request's credentials come to: who writes, or why not (the status, a message for the client, the `WWW-Authenticate` challenge for a 401). */
export type Authorisation =
  | { publisher: string }
  | { status: 401; message: string; challenge: string }
  | { status: 403; message: string }
  | { status: 503; message: string; cause: Error };

/** The realm named in every bearer challenge. */
export const REALM = 'kulturskolegrafen';

/** What every token made by addToken starts with, so a leaked one is recognisable (by secret scanners too). */
export const TOKEN_PREFIX = 'ksg_';

const TOKEN_BYTES = 32;
const SHA256_HEX = /^[0-9a-f]{64}$/;
/** RFC 6750 §2.1: `Bearer` then one token68. */
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/** The hex SHA-256 of a token: what the tokens file keeps instead of it. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * The bearer tokens that may write, read from the file that `TOKENS_FILE`
 * names (`{"tokens":[{"publisher","sha256","datasets"}]}`). Only hashes are
 * held. The file is read again when it changes on disk (`npm run token --
 * add` takes effect without a restart); while it cannot be read, every write
 * is refused (503), so a broken edit never lets a revoked token back in.
 */
export class Tokens {
  private constructor(
    readonly file: string,
    private entries: readonly { entry: TokenEntry; hash: Buffer }[],
    private stamp: string,
  ) {}

  /** Reads the tokens file; throws an Error naming the file and what is wrong with it. */
  static load(file: string): Tokens {
    const { entries, stamp } = readTokensFile(file);
    return new Tokens(file, entries.map(withHash), stamp);
  }

  /**
   * Who may write `slug` with this `Authorization` header: the publisher, or a
   * 401 (no header, not `Bearer <token>`, or an unknown token), a 403 (a token
   * for other datasets) or a 503 (the file is unreadable now). The token's
   * hash is compared with every entry's in constant time, all of them every
   * time, so the time taken says nothing about which hash came close.
   */
  authorise(authorization: string | undefined, slug: string): Authorisation {
    const reloaded = this.reloadIfChanged();
    if (reloaded !== undefined) return reloaded;
    const bearer = authorization === undefined ? null : BEARER.exec(authorization.trim());
    if (bearer === null) {
      const message =
        authorization === undefined || authorization.trim() === ''
          ? 'Writing needs a bearer token: send the header Authorization: Bearer <token>.'
          : 'The Authorization header is not of the form "Bearer <token>".';
      return { status: 401, message, challenge: `Bearer realm="${REALM}"` };
    }
    const presented = createHash('sha256').update(bearer[1]!, 'utf8').digest();
    let found: TokenEntry | undefined;
    for (const { entry, hash } of this.entries) {
      // No early exit: every entry is compared, whatever matched before.
      const equal = timingSafeEqual(hash, presented);
      if (equal && found === undefined) found = entry;
    }
    if (found === undefined) {
      return { status: 401, message: 'The bearer token is not known here (revoked, mistyped or for another server).', challenge: `Bearer realm="${REALM}", error="invalid_token"` };
    }
    if (!found.datasets.some((pattern) => patternCovers(pattern, slug))) {
      return { status: 403, message: `The token of ${found.publisher} may write ${found.datasets.join(', ')}, not the dataset "${slug}".` };
    }
    return { publisher: found.publisher };
  }

  /** Reads the file again when its inode, size or modification time changed; the refusal to give while it cannot be read. */
  private reloadIfChanged(): Authorisation | undefined {
    try {
      const stamp = stampOf(this.file);
      if (stamp === this.stamp) return undefined;
      const read = readTokensFile(this.file);
      this.entries = read.entries.map(withHash);
      this.stamp = read.stamp;
      return undefined;
    } catch (error) {
      // Forget the stamp, so the file is read again once it is fixed even if it gets the same stamp back.
      this.stamp = '';
      this.entries = [];
      return { status: 503, message: 'Publishing is unavailable: the server cannot read its tokens file; its operator has been told.', cause: error as Error };
    }
  }
}

/**
 * Makes a token for a publisher and the datasets it may write, adds its hash
 * to the tokens file (created if missing) and returns the token: the only
 * time it exists in plain. The file is replaced atomically (temporary file,
 * fsync, rename, fsync of the folder) with mode 0600.
 */
export function addToken(file: string, grant: { publisher: string; datasets: string[] }): string {
  const existing = readIfPresent(file);
  const token = `${TOKEN_PREFIX}${randomBytes(TOKEN_BYTES).toString('base64url')}`;
  const tokens: TokenEntry[] = [...existing, { publisher: grant.publisher, sha256: hashToken(token), datasets: grant.datasets }];
  checkEntries(tokens, file);
  writeAtomically(file, `${JSON.stringify({ tokens }, null, 2)}\n`);
  return token;
}

/** Whether a dataset pattern of a token names `slug`: `*` every one, `prefix*` those starting with the prefix, else exactly it. */
function patternCovers(pattern: string, slug: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('*')) return slug.startsWith(pattern.slice(0, -1));
  return pattern === slug;
}

function withHash(entry: TokenEntry): { entry: TokenEntry; hash: Buffer } {
  return { entry, hash: Buffer.from(entry.sha256, 'hex') };
}

/** What identifies one state of the file on disk: a rename gives a new inode, an edit in place a new size or time. */
function stampOf(file: string): string {
  const { ino, size, mtimeMs } = statSync(file);
  return `${ino}:${size}:${mtimeMs}`;
}

function readIfPresent(file: string): TokenEntry[] {
  try {
    statSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return readTokensFile(file).entries;
}

function readTokensFile(file: string): { entries: TokenEntry[]; stamp: string } {
  const stamp = stampOf(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`The tokens file ${file} cannot be read: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`The tokens file ${file} is not JSON: ${(error as Error).message}`);
  }
  const tokens = (parsed as { tokens?: unknown } | null)?.tokens;
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray(tokens)) {
    throw new Error(`The tokens file ${file} must hold an object with a "tokens" array, as {"tokens":[{"publisher":"…","sha256":"…","datasets":["…"]}]}`);
  }
  const entries = tokens.map((value: unknown, index) => entryOf(value, index, file));
  checkEntries(entries, file);
  return { entries, stamp };
}

function entryOf(value: unknown, index: number, file: string): TokenEntry {
  const where = `The tokens file ${file}: tokens[${index}]`;
  if (typeof value !== 'object' || value === null) throw new Error(`${where} is not an object`);
  const { publisher, sha256, datasets } = value as Record<string, unknown>;
  if (typeof publisher !== 'string' || publisher.trim() === '') throw new Error(`${where} has no "publisher" (a name or an IRI)`);
  if (typeof sha256 !== 'string' || !SHA256_HEX.test(sha256.toLowerCase())) {
    throw new Error(`${where} ("${publisher}") has no "sha256" of 64 hexadecimal digits (the token's SHA-256, never the token itself)`);
  }
  if (!Array.isArray(datasets) || datasets.length === 0 || !datasets.every((pattern) => typeof pattern === 'string')) {
    throw new Error(`${where} ("${publisher}") has no "datasets": a non-empty array of slugs, prefixes ending in "*", or "*"`);
  }
  return { publisher, sha256: sha256.toLowerCase(), datasets: datasets as string[] };
}

/** Throws, naming the file, on a publisher without name, a dataset pattern that names no slug, or a hash given twice. */
function checkEntries(entries: readonly TokenEntry[], file: string): void {
  const seen = new Set<string>();
  for (const [index, entry] of entries.entries()) {
    const where = `The tokens file ${file}: tokens[${index}] ("${entry.publisher}")`;
    if (entry.publisher.trim() === '') throw new Error(`${where} has an empty "publisher"`);
    if (entry.datasets.length === 0) throw new Error(`${where} may write no dataset; give at least one slug, prefix ending in "*", or "*"`);
    for (const pattern of entry.datasets) {
      if (!isDatasetPattern(pattern)) {
        throw new Error(`${where} has the dataset pattern "${pattern}", which is neither a slug (2–64 lowercase letters, digits and hyphens, starting and ending with a letter or digit), a prefix of one ending in "*", nor "*"`);
      }
    }
    if (seen.has(entry.sha256)) throw new Error(`${where} repeats the sha256 of an earlier token`);
    seen.add(entry.sha256);
  }
}

function isDatasetPattern(pattern: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('*')) return /^[a-z0-9][a-z0-9-]{0,62}$/.test(pattern.slice(0, -1));
  return isDatasetSlug(pattern);
}

/** Replaces `file` with `text`: a temporary file beside it (mode 0600), fsynced, renamed into place, the folder fsynced. */
function writeAtomically(file: string, text: string): void {
  const folder = dirname(file);
  const temporary = join(folder, `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const descriptor = openSync(temporary, 'wx', 0o600);
  try {
    writeSync(descriptor, text);
    fsyncSync(descriptor);
  } catch (error) {
    closeSync(descriptor);
    rmSync(temporary, { force: true });
    throw error;
  }
  closeSync(descriptor);
  try {
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  const folderDescriptor = openSync(folder, 'r');
  try {
    fsyncSync(folderDescriptor);
  } finally {
    closeSync(folderDescriptor);
  }
}
