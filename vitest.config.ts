import { defineConfig } from 'vitest/config';

export default defineConfig({
  // graphql 16 ships CommonJS beside an .mjs build. Node loads the CommonJS one everywhere, so
  // does graphql-jit (it imports files such as graphql/error/index.js); Vite would take the .mjs
  // for a bare `graphql`, and then two copies of graphql would meet. Load it as Node does.
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
