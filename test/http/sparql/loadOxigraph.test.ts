import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadOxigraph } from '../../../src/http/sparql/loadOxigraph.js';
import { forgetOxigraph } from '../../support/loadFreshOxigraph.js';

/** The WebAssembly API as far as these tests use it (the project's TypeScript libraries leave it out). */
interface WasmApi {
  Module: unknown;
  Instance: unknown;
  Memory: new (descriptor: { initial: number }) => unknown;
}
const WebAssembly = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
const { Module, Instance, Memory } = WebAssembly;

interface GrowableMemory {
  buffer: ArrayBuffer;
  grow(pages: number): number;
}

afterEach(() => {
  WebAssembly.Memory = Memory;
});
afterAll(forgetOxigraph);

describe('loadOxigraph', () => {
  it('loads a working Oxigraph whose memory may grow to the given megabytes and no further', () => {
    forgetOxigraph();
    const engine = loadOxigraph(40);
    expect(engine.maxMemoryBytes).toBe(40 * 1_048_576);
    const store = new engine.oxigraph.Store();
    store.add(engine.oxigraph.quad(engine.oxigraph.namedNode('https://example.org/s'), engine.oxigraph.namedNode('https://example.org/p'), engine.oxigraph.literal('o')));
    expect(store.query('SELECT ?o WHERE { ?s ?p ?o }', { results_format: 'csv' })).toBe('o\r\no\r\n');

    const memory = engine.memory as GrowableMemory;
    expect(memory).toBeInstanceOf(Memory);
    memory.grow((engine.maxMemoryBytes - memory.buffer.byteLength) / 65_536);
    expect(memory.buffer.byteLength).toBe(40 * 1_048_576);
    expect(() => memory.grow(1)).toThrow(RangeError);
  });

  it('hands over the memory that holds the store', () => {
    forgetOxigraph();
    const { oxigraph, memory } = loadOxigraph(64);
    const before = memory.buffer.byteLength;
    const store = new oxigraph.Store();
    const triples = Array.from({ length: 20_000 }, (_, index) => `<https://example.org/s${index}> <https://example.org/p> "a value long enough to fill memory ${index}" .`).join('\n');
    store.load(triples, { format: 'application/n-triples' });
    expect(store.size).toBe(20_000);
    expect(memory.buffer.byteLength).toBeGreaterThan(before);
  });

  it('rounds a limit down to whole 64 KiB pages', () => {
    forgetOxigraph();
    expect(loadOxigraph(40.99).maxMemoryBytes).toBe(655 * 65_536);
  });

  it('puts back the WebAssembly constructors it wraps while Oxigraph loads', () => {
    forgetOxigraph();
    loadOxigraph(40);
    expect(WebAssembly.Module).toBe(Module);
    expect(WebAssembly.Instance).toBe(Instance);
  });

  it('refuses a limit below what Oxigraph starts with, putting back the constructors and loading nothing', () => {
    forgetOxigraph();
    expect(() => loadOxigraph(1)).toThrow(/^withMemoryMaximum: the module's memory starts at \d+ pages, above the maximum of 16$/);
    expect(WebAssembly.Module).toBe(Module);
    expect(WebAssembly.Instance).toBe(Instance);
    expect(loadOxigraph(40).maxMemoryBytes).toBe(40 * 1_048_576);
  });

  it('refuses a limit of less than one page', () => {
    forgetOxigraph();
    expect(() => loadOxigraph(0.05)).toThrow(new Error('withMemoryMaximum: maxPages must be an integer from 1 to 65536 but got: 0'));
  });

  it('refuses to run once Oxigraph is loaded in the thread, since that copy has no memory limit', () => {
    forgetOxigraph();
    loadOxigraph(40);
    expect(() => loadOxigraph(40)).toThrow(new Error('loadOxigraph: Oxigraph is already loaded in this thread, without a memory limit'));
  });

  it('refuses an Oxigraph that hands over no memory on load, since that memory would not be capped', () => {
    forgetOxigraph();
    WebAssembly.Memory = class NotTheEnginesMemory {};
    expect(() => loadOxigraph(40)).toThrow(new Error('loadOxigraph: Oxigraph did not compile its WebAssembly module on load, so its memory is not capped'));
    expect(WebAssembly.Module).toBe(Module);
    expect(WebAssembly.Instance).toBe(Instance);
  });
});
