import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDatasetFiles, type DatasetFiles } from './datasetFiles.js';
import { describeRun, runCli, type CliRun } from './runCli.js';

/** Where a spec of the `dataset` command runs it: the environment that points it at a store or a server. */
export interface DatasetCommandTarget {
  /** Variables for every run (STORE_DIR, or KULTURSKOLEGRAFEN_URL and _TOKEN). */
  env: Record<string, string>;
  /** Arguments for every run (`--publisher` on a store). */
  args: string[];
  /** Who the versions are recorded as published by. */
  publisher: string;
  close(): Promise<void>;
}

const collaboration = 'https://w3id.org/kulturskola/samverkan/cli-test';
const englishName = `+<${collaboration}> <http://www.w3.org/2004/02/skos/core#prefLabel> "Test collaboration in Västmanland"@en .`;

/**
 * The specification of `npm run dataset`, the same whether it works on a
 * store folder or talks to a server: one dataset, `cli-test`, validated,
 * published three times, diffed, rolled back and withdrawn, in that order.
 */
export function specifyDatasetCommand(open: () => Promise<DatasetCommandTarget>): void {
  let target: DatasetCommandTarget;
  let folder: string;
  let files: DatasetFiles;
  const dataset = (...args: string[]): Promise<CliRun> => runCli('dataset', [...args, ...target.args], target.env);

  beforeAll(async () => {
    target = await open();
    folder = await mkdtemp(join(tmpdir(), 'dataset-cli-files-'));
    files = await writeDatasetFiles(folder);
  });
  afterAll(async () => {
    await target?.close();
    await rm(folder, { recursive: true, force: true });
  });

  describe('validate', () => {
    it('says a conforming file conforms, taking the slug from its name, and exits 0', async () => {
      const run = await dataset('validate', files.first);
      expect(run.code, describeRun(run)).toBe(0);
      expect(run.stdout).toBe(`${files.first} conforms (8 triples): it can be published as cli-test\n`);
    });

    it('refuses a file the shapes refuse with exit 1 and the report on stderr, one result per line', async () => {
      const run = await dataset('validate', files.bad, '--slug', 'cli-test');
      expect(run.code, describeRun(run)).toBe(1);
      expect(run.stdout).toBe('');
      const lines = run.stderr.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^dataset: refused \(422 NOT_CONFORMING\): \S/);
      // The shapes want an IRI (sh:nodeKind) and an http(s) one (sh:pattern): a string fails both.
      expect(lines.slice(1).sort()).toEqual([
        `Violation (NodeKindConstraintComponent): <${collaboration}> <http://xmlns.com/foaf/0.1/homepage> "example.org/cli-test": foaf:homepage must be an http(s) IRI, not a string`,
        `Violation (PatternConstraintComponent): <${collaboration}> <http://xmlns.com/foaf/0.1/homepage> "example.org/cli-test": foaf:homepage must be an http(s) IRI, not a string`,
      ]);
    });

    it('gives the refusal as the server’s JSON error answer on stdout with --json', async () => {
      const run = await dataset('validate', files.bad, '--slug', 'cli-test', '--json');
      expect(run.code, describeRun(run)).toBe(1);
      const answer = JSON.parse(run.stdout) as { code: string; report: { conforms: boolean; results: unknown[] } };
      expect(answer.code).toBe('NOT_CONFORMING');
      expect(answer.report.conforms).toBe(false);
      const homepageResult = (constraint: string) =>
        expect.objectContaining({
          focusNode: collaboration,
          path: 'http://xmlns.com/foaf/0.1/homepage',
          value: '"example.org/cli-test"',
          message: 'foaf:homepage must be an http(s) IRI, not a string',
          severity: 'Violation',
          constraint: `http://www.w3.org/ns/shacl#${constraint}`,
        });
      expect(answer.report.results).toEqual(
        expect.arrayContaining([homepageResult('NodeKindConstraintComponent'), homepageResult('PatternConstraintComponent')]),
      );
      expect(answer.report.results).toHaveLength(2);
    });

    it('changes nothing: the dataset was never published', async () => {
      const run = await dataset('history', 'cli-test');
      expect(run.code, describeRun(run)).toBe(1);
      expect(run.stderr).toMatch(/^dataset: refused \(404 NOT_FOUND\): /);
    });
  });

  describe('publish', () => {
    it('creates the dataset as version 1', async () => {
      const run = await dataset('publish', 'cli-test', files.first);
      expect(run.code, describeRun(run)).toBe(0);
      expect(run.stdout).toBe('cli-test: published as version 1, a new dataset (8 triples, +8 -0)\n');
    });

    it('makes version 2 of changed content', async () => {
      const run = await dataset('publish', 'cli-test', files.changed);
      expect(run.code, describeRun(run)).toBe(0);
      expect(run.stdout).toBe('cli-test: published as version 2 (9 triples, +1 -0)\n');
    });

    it('makes no version of the same triples again, though in another format', async () => {
      const run = await dataset('publish', 'cli-test', files.changedAgain);
      expect(run.code, describeRun(run)).toBe(0);
      expect(run.stdout).toBe('cli-test: unchanged, still version 2 (9 triples); no version was made\n');
    });

    it('answers the write result in JSON with --json', async () => {
      const run = await dataset('publish', 'cli-test', files.changed, '--json');
      expect(run.code, describeRun(run)).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({
        dataset: 'https://w3id.org/kulturskola/dataset/cli-test',
        version: 2,
        triples: 9,
        unchanged: true,
      });
    });

    it('refuses a file the shapes refuse with exit 1, and keeps version 2', async () => {
      const run = await dataset('publish', 'cli-test', files.bad);
      expect(run.code, describeRun(run)).toBe(1);
      expect(run.stderr).toContain(`Violation (PatternConstraintComponent): <${collaboration}> <http://xmlns.com/foaf/0.1/homepage> "example.org/cli-test": `);
      const history = await historyOf('cli-test');
      expect(history.map((record) => record.version)).toEqual([1, 2]);
    });
  });

  describe('history', () => {
    it('shows a table of the versions, oldest first, with who made them and what changed', async () => {
      const run = await dataset('history', 'cli-test');
      expect(run.code, describeRun(run)).toBe(0);
      const rows = run.stdout.trimEnd().split('\n').map((line) => line.trim().split(/\s{2,}/));
      const hashes = (await historyOf('cli-test')).map((record) => record.sha256!.slice(0, 12));
      expect(rows).toEqual([
        ['version', 'created', 'publisher', 'activity', 'triples', 'added', 'removed', 'sha256'],
        ['1', expect.stringMatching(isoTime), target.publisher, 'publish', '8', '+8', '-0', hashes[0]],
        ['2', expect.stringMatching(isoTime), target.publisher, 'publish', '9', '+1', '-0', hashes[1]],
      ]);
      expect(hashes[0]).toMatch(/^[0-9a-f]{12}$/);
      expect(hashes[1]).not.toBe(hashes[0]);
    });
  });

  describe('diff', () => {
    it('shows the triples the later version added as + lines', async () => {
      const run = await dataset('diff', 'cli-test', '1', '2');
      expect(run.code, describeRun(run)).toBe(0);
      expect(run.stdout).toBe(`${englishName}\n`);
    });

    it('shows the triples it no longer has as - lines', async () => {
      const run = await dataset('diff', 'cli-test', '2', '1');
      expect(run.code, describeRun(run)).toBe(0);
      expect(run.stdout).toBe(`-${englishName.slice(1)}\n`);
    });
  });

  describe('rollback', () => {
    it('makes version 3 equal to version 1', async () => {
      const run = await dataset('rollback', 'cli-test', '1');
      expect(run.code, describeRun(run)).toBe(0);
      expect(run.stdout).toBe('cli-test: rolled back as version 3 (8 triples, +0 -1), equal to version 1\n');
      const same = await dataset('diff', 'cli-test', '1', '3');
      expect(same.stdout).toBe('');
      expect(same.stderr).toBe('dataset: versions 1 and 3 of cli-test have the same triples\n');
      const history = await historyOf('cli-test');
      expect(history.at(-1)).toMatchObject({ version: 3, activity: 'rollback', restores: 1, sha256: history[0]!.sha256 });
    });

    it('refuses a version that does not exist with exit 1', async () => {
      const run = await dataset('rollback', 'cli-test', '9');
      expect(run.code, describeRun(run)).toBe(1);
      expect(run.stderr).toMatch(/^dataset: refused \(404 NOT_FOUND\): /);
    });
  });

  describe('withdraw', () => {
    it('withdraws the dataset as version 4 and keeps its history', async () => {
      const run = await dataset('withdraw', 'cli-test');
      expect(run.code, describeRun(run)).toBe(0);
      expect(run.stdout).toBe('cli-test: withdrawn as version 4; its history stays (history cli-test)\n');
      const history = await dataset('history', 'cli-test');
      const rows = history.stdout.trimEnd().split('\n').map((line) => line.trim().split(/\s{2,}/));
      expect(rows.map((row) => row[0])).toEqual(['version', '1', '2', '3', '4']);
      expect(rows[3]!.slice(3, 7)).toEqual(['rollback to 1', '8', '+0', '-1']);
      expect(rows[4]!.slice(2)).toEqual([target.publisher, 'withdraw', '0', '+0', '-8', '-']);
    });
  });

  describe('usage', () => {
    it('exits 2 for a file whose extension names no RDF format', async () => {
      const run = await dataset('publish', 'cli-test', files.unknownExtension);
      expect(run.code, describeRun(run)).toBe(2);
      expect(run.stderr).toContain(`cannot tell the format of "${files.unknownExtension}" from its extension; use one of .jsonld, .json, .ttl, .trig, .nt, .nq`);
    });

    it('exits 2 for a slug that is not one', async () => {
      const run = await dataset('history', 'Cli_Test');
      expect(run.code, describeRun(run)).toBe(2);
      expect(run.stderr).toContain("error: command-argument value 'Cli_Test' is invalid for argument 'slug'. a slug is lowercase letters, digits and hyphens, 2–64 characters.");
    });

    it('exits 2 for a version that is not a number', async () => {
      const run = await dataset('diff', 'cli-test', '1', 'latest');
      expect(run.code, describeRun(run)).toBe(2);
      expect(run.stderr).toContain("'latest' is invalid for argument 'to'. a version is a whole number from 1.");
    });

    it('exits 2 without a command', async () => {
      const run = await dataset();
      expect(run.code, describeRun(run)).toBe(2);
      expect(run.stderr).toContain('Usage: dataset [options] [command]');
    });
  });

  /** The dataset's versions as the command's --json output gives them. */
  async function historyOf(slug: string): Promise<{ version: number; sha256: string | null; activity: string; restores?: number }[]> {
    const run = await dataset('history', slug, '--json');
    expect(run.code, describeRun(run)).toBe(0);
    return (JSON.parse(run.stdout) as { versions: { version: number; sha256: string | null; activity: string }[] }).versions;
  }
}

const isoTime = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
