import { vi } from 'vitest';

// Runs before each test file under `vitest.mutation.config.ts` (the config `npm run mutate`
// uses). With `isolate: false` one worker thread runs all of a mutant's test files in turn;
// forgetting every module it has evaluated here makes each file import src/ and test/ afresh, as
// in its own worker: no cache or module-level state made while one file ran (or under one
// mutant) is seen by the next. Packages in node_modules stay loaded (Node keeps them), which is
// the time saved.
vi.resetModules();
