import { relative } from 'node:path';
import { defineConfig, mergeConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import base from './vitest.config.js';

/**
 * The order of a mutant's test files. Stryker stops a mutant's run at its first failing test, so
 * a killed mutant costs the files run before the one that fails. vitest's own order (the files
 * that failed last time first, then the longest first) suits a full run on many threads; here,
 * on one thread, the files that failed last time come first (they killed the mutant before,
 * which is usually the same code's neighbour), then the quickest. A file with no time on record
 * yet is new, and a new spec file is most often one written to kill a survivor: it goes first.
 */
class QuickestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const { cache, config } = this.ctx;
    const last = (file: TestSpecification) => cache.getFileTestResults(`${file.project.name}:${relative(config.root, file.moduleId)}`);
    const failed = (file: TestSpecification) => (last(file)?.failed ? 0 : 1);
    const duration = (file: TestSpecification) => last(file)?.duration ?? 0;
    return [...files].sort((a, b) => failed(a) - failed(b) || duration(a) - duration(b));
  }
}

// The vitest config StrykerJS uses (`npm run mutate`, see stryker.config.mjs); `npm test` keeps
// vitest.config.ts. Stryker runs each mutant's covering tests in one `vitest` run: a new worker
// thread per run, and with vitest's default `isolate: true` a new worker per test file too, each
// importing Apollo, graphql, jsonld, n3 and oxigraph again (about a second of the ~3.6 s a file
// cost per mutant here; a surviving mutant in src/rdf/pickLanguage.ts runs 25 files).
const config = mergeConfig(
  base,
  defineConfig({
    test: {
      // One worker for all the files of a run; vitest.mutation.setup.ts still gives each file
      // fresh src/ and test/ modules, so files do not share state through our own code.
      isolate: false,
      sequence: { sequencer: QuickestFirst },
      setupFiles: ['./vitest.mutation.setup.ts'],
      // A test failing in Stryker's first run stops the whole run. On this shared machine (load 9 on
      // two cores) test/publish/servedLive.test.ts's publish-and-restart took over npm test's 30 s.
      testTimeout: 120_000,
      // test/support/sendRaw.ts's bound on waiting for an answer (15 s in npm test), for the same reason.
      env: { TEST_PATIENCE_MS: '90000' },
      exclude: [
        // What these test runs in a child process (`src/main.ts`, `src/cli/*.ts` under tsx), where
        // Stryker's active mutant is never set: a mutant in the child cannot fail them. What they
        // do in-process is start those processes and compare their output with data loaded here
        // (test/main.test.ts loads the shipped files to compare with the child's /health), so a
        // mutant could only "fail" them by making the two sides disagree, not by breaking what
        // they test. Each costs seconds per run in spawned processes (test/export.test.ts, which runs
        // `npm run export` four times before its first test, about 40 s).
        'test/main.test.ts',
        'test/export.test.ts',
        // The checks run in the Preparer's worker thread, where no mutant is active either; in-process
        // the file only computes the same checks as the oracle. In Stryker's dry runs its comparison
        // of a refusal from the thread with one made in-process failed twice (not in npm test),
        // which stops the whole run.
        'test/publish/Preparer.test.ts',
        'test/cli/**',
        '**/node_modules/**',
        '**/.git/**',
      ],
    },
  }),
);

// scripts/mutation/run.sh may give a chunk of files the spec files to run against their mutants
// (MUTATION_TESTS, comma-separated globs), in place of every test file that reaches them: a file
// that every request passes through is reached by some 60 files that each start a server, and
// then each surviving mutant cost minutes. A mutant that survives those specs alone might still
// be killed by the others, so a score measured this way is a lower bound of the whole suite's.
const chosen = process.env.MUTATION_TESTS?.split(',').filter((glob) => glob !== '');
if (chosen !== undefined && chosen.length > 0) config.test = { ...config.test, include: chosen };

export default config;
