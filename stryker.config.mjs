// Mutation testing (`npm run mutate`): StrykerJS makes small changes ("mutants") to the code in
// src/rdf, src/graphql and src/http and runs the tests that cover each one; a mutant no test
// notices is behaviour the suite does not pin down. Not part of `npm test`: a full run takes a
// long while on a small machine, and incremental mode (below) makes reruns cheap.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // `related`: each run (and the dry run) only loads test files that import the mutated files.
  // vitest.mutation.config.ts runs a mutant's test files in one worker (each with fresh modules)
  // and leaves out tests whose subject runs in a child process; see there.
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  mutate: [
    'src/rdf/**/*.ts',
    'src/graphql/**/*.ts',
    'src/http/**/*.ts',
    // Written by `npm run codegen` (types only), not by hand.
    '!src/graphql/generated/**',
    // Runs only as a worker thread's entry, where Stryker never sets the active mutant: its
    // mutants could not fail a test. What it calls (runQuery, loadOxigraph) is mutated and tested.
    '!src/http/sparql/sparqlWorker.ts',
  ],
  // Only the tests that ran a mutant's code run against it.
  coverageAnalysis: 'perTest',
  // A static mutant (one in code that runs once, as a module loads: the schema text, the JSON-LD
  // context, lookup tables) can only be tested by reloading everything and running every test,
  // over a minute each here. About 200 of src/graphql's 929 mutants are static, and Stryker
  // estimated they would take 95% of the time. They are left out (reported as "ignored").
  ignoreStatic: true,
  // Results are kept in a committed file and reused for mutants whose code and covering tests
  // did not change, so a rerun tests only what changed. Runs over one folder at a time
  // (`npm run mutate -- --mutate 'src/http/**/*.ts'`) add up in the same file.
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  // The machine this runs on has two cores shared with others: keep one free.
  concurrency: 1,
  // A mutant's run may take timeoutFactor × its tests' dry-run time + timeoutMS before it counts
  // as a timeout (which Stryker scores as killed). Some tests start real servers and SPARQL worker
  // threads, and this machine is shared: with 1.5 and 20 s, surviving mutants of
  // src/rdf/pickLanguage.ts (25 test files) were reported as timeouts at a load average of 13.
  // In src/http many mutants leave a response unfinished, so they end as timeouts: with 60 s of
  // slack each cost a minute and a restart of the test runner, and two chunks spent most of their
  // time waiting (one mutant in two minutes, at 4% CPU). 20 s is still well above the spread of a
  // covering test's time between a quiet and a busy machine once the factor of 3 is applied.
  timeoutFactor: 3,
  timeoutMS: 20_000,
  // The first run of a chunk's related tests took over Stryker's default 5 minutes with two runs
  // and other work sharing the two cores; a dry run that times out ends the whole chunk.
  dryRunTimeoutMinutes: 30,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // Survivors in full, then the score per file; the list of all tests is left out.
  clearTextReporter: { allowColor: false, logTests: false, reportTests: false, reportMutants: true, reportScoreTable: true },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
