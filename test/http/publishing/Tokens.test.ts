import * as crypto from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addToken, hashToken, Tokens } from '../../../src/publish/Tokens.js';

// The real timingSafeEqual, watched, so the specification can see that every entry is compared.
vi.mock('node:crypto', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:crypto')>();
  return { ...original, timingSafeEqual: vi.fn(original.timingSafeEqual) };
});

let folder: string;
let file: string;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'tokens-'));
  file = join(folder, 'tokens.json');
});

afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
});

describe('addToken', () => {
  it('returns a ksg_ token of 32 random bytes and stores only its SHA-256, in a file only its owner reads', () => {
    const token = addToken(file, { publisher: 'Region Örebro län', datasets: ['orebro-lan'] });
    expect(token).toMatch(/^ksg_[A-Za-z0-9_-]{43}$/);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(token);
    expect(text).not.toContain(token.slice(4));
    expect(JSON.parse(text)).toEqual({ tokens: [{ publisher: 'Region Örebro län', sha256: crypto.createHash('sha256').update(token).digest('hex'), datasets: ['orebro-lan'] }] });
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('keeps the tokens already there and makes a different token each time', () => {
    const first = addToken(file, { publisher: 'A', datasets: ['*'] });
    const second = addToken(file, { publisher: 'B', datasets: ['vastmanland-*'] });
    expect(second).not.toBe(first);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { tokens: { publisher: string; sha256: string }[] };
    expect(stored.tokens.map(({ publisher, sha256 }) => [publisher, sha256])).toEqual([
      ['A', hashToken(first)],
      ['B', hashToken(second)],
    ]);
  });

  it('refuses a dataset pattern that names no slug, and leaves the file as it was', () => {
    addToken(file, { publisher: 'A', datasets: ['orebro-lan'] });
    const before = readFileSync(file, 'utf8');
    expect(() => addToken(file, { publisher: 'B', datasets: ['Örebro Län'] })).toThrow(/dataset pattern "Örebro Län"/);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });
});

describe('Tokens.load', () => {
  it.each([
    ['not JSON', '{"tokens": [', /tokens\.json is not JSON/],
    ['no tokens array', '{"token": []}', /must hold an object with a "tokens" array/],
    ['a plain token instead of a hash', '{"tokens":[{"publisher":"A","sha256":"ksg_secret","datasets":["*"]}]}', /tokens\[0\] \("A"\) has no "sha256" of 64 hexadecimal digits/],
    ['no datasets', `{"tokens":[{"publisher":"A","sha256":"${'a'.repeat(64)}","datasets":[]}]}`, /tokens\[0\] \("A"\) has no "datasets"/],
    ['a bad pattern', `{"tokens":[{"publisher":"A","sha256":"${'a'.repeat(64)}","datasets":["orebro*lan"]}]}`, /dataset pattern "orebro\*lan"/],
    ['no publisher', `{"tokens":[{"sha256":"${'a'.repeat(64)}","datasets":["*"]}]}`, /tokens\[0\] has no "publisher"/],
    ['a hash twice', `{"tokens":[{"publisher":"A","sha256":"${'a'.repeat(64)}","datasets":["*"]},{"publisher":"B","sha256":"${'a'.repeat(64)}","datasets":["*"]}]}`, /tokens\[1\] \("B"\) repeats the sha256/],
  ])('refuses a file with %s, naming the file and the problem', (_, text, problem) => {
    writeFileSync(file, text);
    expect(() => Tokens.load(file)).toThrow(problem);
    expect(() => Tokens.load(file)).toThrow(file);
  });

  it('refuses a missing file, naming it', () => {
    expect(() => Tokens.load(file)).toThrow(file);
  });
});

describe('Tokens.authorise', () => {
  it('names the publisher of a token whose datasets cover the slug: exactly, by prefix, or "*"', () => {
    const exact = addToken(file, { publisher: 'Region Örebro län', datasets: ['orebro-lan'] });
    const prefix = addToken(file, { publisher: 'Västmanland', datasets: ['vastmanland-*'] });
    const every = addToken(file, { publisher: 'Kulturskolerådet', datasets: ['*'] });
    const tokens = Tokens.load(file);
    expect(tokens.authorise(`Bearer ${exact}`, 'orebro-lan')).toEqual({ publisher: 'Region Örebro län' });
    expect(tokens.authorise(`bearer ${prefix}`, 'vastmanland-vasteras')).toEqual({ publisher: 'Västmanland' });
    expect(tokens.authorise(`Bearer ${every}`, 'anything-at-all')).toEqual({ publisher: 'Kulturskolerådet' });
  });

  it('answers 403 for a known token that may write other datasets', () => {
    const token = addToken(file, { publisher: 'Västmanland', datasets: ['vastmanland-*', 'orebro-lan'] });
    const refusal = Tokens.load(file).authorise(`Bearer ${token}`, 'vastmanlan');
    expect(refusal).toEqual({ status: 403, message: 'The token of Västmanland may write vastmanland-*, orebro-lan, not the dataset "vastmanlan".' });
  });

  it('answers 401 with a plain challenge without a header, or with one that is not "Bearer <token>"', () => {
    addToken(file, { publisher: 'A', datasets: ['*'] });
    const tokens = Tokens.load(file);
    for (const header of [undefined, '', 'Basic dXNlcjpwYXNz', 'Bearer', 'Bearer two words']) {
      expect(tokens.authorise(header, 'orebro-lan')).toMatchObject({ status: 401, challenge: 'Bearer realm="kulturskolegrafen"' });
    }
  });

  it('answers 401 with error="invalid_token" for a well-formed token it does not know', () => {
    addToken(file, { publisher: 'A', datasets: ['*'] });
    expect(Tokens.load(file).authorise('Bearer ksg_unknown', 'orebro-lan')).toEqual({
      status: 401,
      message: 'The bearer token is not known here (revoked, mistyped or for another server).',
      challenge: 'Bearer realm="kulturskolegrafen", error="invalid_token"',
    });
  });

  it('compares the hash with every entry in constant time, even after the first one matched', () => {
    const first = addToken(file, { publisher: 'A', datasets: ['*'] });
    addToken(file, { publisher: 'B', datasets: ['*'] });
    addToken(file, { publisher: 'C', datasets: ['*'] });
    const tokens = Tokens.load(file);
    const timingSafeEqual = vi.mocked(crypto.timingSafeEqual);
    timingSafeEqual.mockClear();
    expect(tokens.authorise(`Bearer ${first}`, 'orebro-lan')).toEqual({ publisher: 'A' });
    expect(timingSafeEqual).toHaveBeenCalledTimes(3);
    const presented = crypto.createHash('sha256').update(first).digest();
    expect(timingSafeEqual.mock.calls.every(([, given]) => Buffer.compare(given as Buffer, presented) === 0)).toBe(true);
  });

  it('reads the file again when it changes, so a token added meanwhile works and a removed one stops working', () => {
    const old = addToken(file, { publisher: 'A', datasets: ['*'] });
    const tokens = Tokens.load(file);
    const added = addToken(file, { publisher: 'B', datasets: ['orebro-lan'] });
    expect(tokens.authorise(`Bearer ${added}`, 'orebro-lan')).toEqual({ publisher: 'B' });
    writeFileSync(file, JSON.stringify({ tokens: [{ publisher: 'B', sha256: hashToken(added), datasets: ['orebro-lan'] }] }));
    expect(tokens.authorise(`Bearer ${old}`, 'orebro-lan')).toMatchObject({ status: 401 });
  });

  it('refuses every write with 503 while the file cannot be read, and takes it back once fixed', () => {
    const token = addToken(file, { publisher: 'A', datasets: ['*'] });
    const good = readFileSync(file, 'utf8');
    const tokens = Tokens.load(file);
    writeFileSync(file, '{"tokens": [');
    const refusal = tokens.authorise(`Bearer ${token}`, 'orebro-lan');
    expect(refusal).toMatchObject({ status: 503, message: 'Publishing is unavailable: the server cannot read its tokens file; its operator has been told.' });
    expect(String((refusal as { cause: Error }).cause.message)).toContain('is not JSON');
    writeFileSync(file, good);
    expect(tokens.authorise(`Bearer ${token}`, 'orebro-lan')).toEqual({ publisher: 'A' });
  });
});
