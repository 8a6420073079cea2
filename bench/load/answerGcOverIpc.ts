/**
 * Preloaded (`node --import`) into the server that `npm run load` starts:
 * when the parent sends the IPC message "gc", runs full collections and
 * answers with a HeapReading. The server itself is the unchanged entry point
 * (`src/main.ts`); only the load test's own process gets this hook, over a
 * channel no HTTP client can reach, so production has no way to trigger a
 * collection from outside. Does nothing without an IPC channel or without
 * --expose-gc.
 */

/** The server's memory right after forced full collections. */
export interface HeapReading {
  heapUsedBytes: number;
  rssBytes: number;
  /** Outside the V8 heap: Buffers and the SPARQL workers' WASM memory are here and in RSS. */
  externalBytes: number;
}

const collect = (globalThis as { gc?: () => void }).gc;
if (process.send && typeof collect === 'function') {
  process.on('message', (message) => {
    if (message !== 'gc') return;
    // Two collections a tick apart: the first may only queue finalizers and weak callbacks.
    collect();
    setImmediate(() => {
      collect();
      const { heapUsed, rss, external } = process.memoryUsage();
      const reading: HeapReading = { heapUsedBytes: heapUsed, rssBytes: rss, externalBytes: external };
      process.send?.(reading);
    });
  });
  // The channel must not keep the server alive once it decides to exit.
  process.channel?.unref();
}
