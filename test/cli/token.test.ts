import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tokens } from '../../src/publish/Tokens.js';
import { describeRun, runCli, type CliRun } from './runCli.js';

describe('npm run token', () => {
  let folder: string;
  let file: string;
  let added: CliRun;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'token-cli-'));
    file = join(folder, 'tokens.json');
    added = await runCli('token', ['add', '--file', file, '--publisher', 'Region Örebro län', '--datasets', 'orebro-lan,vastmanland-*']);
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  describe('add', () => {
    it('prints the new token alone on stdout and says on stderr that it is shown only now', () => {
      expect(added.code, describeRun(added)).toBe(0);
      expect(added.stdout).toMatch(/^ksg_[A-Za-z0-9_-]{43}\n$/);
      expect(added.stderr).toContain('Region Örebro län write orebro-lan, vastmanland-*');
      expect(added.stderr).toContain('It is shown only now');
    });

    it('writes the token’s SHA-256 and never the token itself, in a file only its owner can read', async () => {
      const token = added.stdout.trim();
      const text = await readFile(file, 'utf8');
      expect(text).not.toContain(token);
      expect(JSON.parse(text)).toEqual({
        tokens: [
          {
            publisher: 'Region Örebro län',
            sha256: createHash('sha256').update(token).digest('hex'),
            datasets: ['orebro-lan', 'vastmanland-*'],
          },
        ],
      });
      expect((await stat(file)).mode & 0o777).toBe(0o600);
    });

    it('makes a token the server accepts for the datasets given and refuses for others', () => {
      const tokens = Tokens.load(file);
      const bearer = `Bearer ${added.stdout.trim()}`;
      expect(tokens.authorise(bearer, 'vastmanland-norra')).toEqual({ publisher: 'Region Örebro län' });
      expect(tokens.authorise(bearer, 'skane')).toMatchObject({ status: 403 });
    });

    it('takes the file from TOKENS_FILE and adds to what is there', async () => {
      const second = await runCli('token', ['add', '--publisher', 'Kulturskolerådet', '--datasets', '*'], { TOKENS_FILE: file });
      expect(second.code, describeRun(second)).toBe(0);
      expect(second.stdout.trim()).not.toBe(added.stdout.trim());
      const { tokens } = JSON.parse(await readFile(file, 'utf8')) as { tokens: { publisher: string }[] };
      expect(tokens.map((entry) => entry.publisher)).toEqual(['Region Örebro län', 'Kulturskolerådet']);
    });

    it('refuses a dataset pattern that names no slug, and changes nothing', async () => {
      const before = await readFile(file, 'utf8');
      const run = await runCli('token', ['add', '--file', file, '--publisher', 'X', '--datasets', 'Orebro_Lan']);
      expect(run.code, describeRun(run)).toBe(1);
      expect(run.stderr).toContain('"Orebro_Lan"');
      expect(run.stdout).toBe('');
      expect(await readFile(file, 'utf8')).toBe(before);
    });
  });

  describe('list', () => {
    it('shows each publisher with its datasets and only the start of its hash', async () => {
      const run = await runCli('token', ['list', '--file', file]);
      expect(run.code, describeRun(run)).toBe(0);
      const { tokens } = JSON.parse(await readFile(file, 'utf8')) as { tokens: { sha256: string }[] };
      expect(run.stdout).toBe(
        `Region Örebro län  ${tokens[0]!.sha256.slice(0, 8)}…  orebro-lan, vastmanland-*\n` +
          `Kulturskolerådet   ${tokens[1]!.sha256.slice(0, 8)}…  *\n`,
      );
      for (const { sha256 } of tokens) expect(run.stdout).not.toContain(sha256);
    });

    it('answers in JSON with --json', async () => {
      const run = await runCli('token', ['list', '--json'], { TOKENS_FILE: file });
      expect(run.code, describeRun(run)).toBe(0);
      expect((JSON.parse(run.stdout) as { publisher: string; datasets: string[] }[]).map(({ publisher, datasets }) => ({ publisher, datasets }))).toEqual([
        { publisher: 'Region Örebro län', datasets: ['orebro-lan', 'vastmanland-*'] },
        { publisher: 'Kulturskolerådet', datasets: ['*'] },
      ]);
    });
  });

  describe('remove', () => {
    it('removes the publisher’s tokens, so the server no longer knows them', async () => {
      const run = await runCli('token', ['remove', '--file', file, '--publisher', 'Region Örebro län']);
      expect(run.code, describeRun(run)).toBe(0);
      expect(run.stdout).toBe('removed 1 token of Region Örebro län\n');
      expect(Tokens.load(file).authorise(`Bearer ${added.stdout.trim()}`, 'orebro-lan')).toMatchObject({ status: 401 });
      const listed = await runCli('token', ['list', '--file', file]);
      expect(listed.stdout).not.toContain('Region Örebro län');
      expect(listed.stdout).toContain('Kulturskolerådet');
      expect((await stat(file)).mode & 0o777).toBe(0o600);
    });

    it('exits 1 and says so when the publisher has no token', async () => {
      const run = await runCli('token', ['remove', '--file', file, '--publisher', 'Region Örebro län']);
      expect(run.code, describeRun(run)).toBe(1);
      expect(run.stderr).toContain('holds no token of "Region Örebro län"; nothing was removed');
    });
  });

  describe('usage', () => {
    it('exits 2 naming --file and TOKENS_FILE when neither is given', async () => {
      const run = await runCli('token', ['list']);
      expect(run.code, describeRun(run)).toBe(2);
      expect(run.stderr).toContain('name the tokens file with --file FILE or the environment variable TOKENS_FILE');
    });

    it('exits 2 when add has no --datasets', async () => {
      const run = await runCli('token', ['add', '--file', file, '--publisher', 'X']);
      expect(run.code, describeRun(run)).toBe(2);
      expect(run.stderr).toContain("required option '--datasets <list>' not specified");
    });
  });
});
