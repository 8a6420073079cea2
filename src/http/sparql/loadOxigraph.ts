import { createRequire } from 'node:module';
import type Oxigraph from 'oxigraph';
import { WASM_PAGE_BYTES, withMemoryMaximum } from './withMemoryMaximum.js';

/** A WebAssembly memory, as far as it is read here (the project's TypeScript libraries leave out the WebAssembly API). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}

/** The parts of the global WebAssembly object that loading touches. */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports?: object) => { exports: Record<string, unknown> };
  Memory: abstract new (...args: never[]) => WasmMemory;
}

/** Oxigraph as one thread loaded it, with the WebAssembly memory that holds its store and every query's work. */
export interface OxigraphEngine {
  oxigraph: typeof Oxigraph;
  memory: WasmMemory;
  /** The most bytes `memory` may grow to. */
  maxMemoryBytes: number;
}

const require = createRequire(import.meta.url);

/**
 * Loads Oxigraph in this thread with its WebAssembly memory capped at
 * `maxMemoryMb`: a query that needs more makes Oxigraph's allocator fail
 * (a `WebAssembly.RuntimeError`) instead of growing the process by gigabytes.
 * Oxigraph compiles its module when first required, with no option for a
 * maximum, so for that one call `WebAssembly.Module` gets the bytes with a
 * maximum written in, and `WebAssembly.Instance` hands over the memory.
 * Must run before anything else in the thread loads Oxigraph; throws
 * otherwise, since an uncapped engine would then be in use.
 */
export function loadOxigraph(maxMemoryMb: number): OxigraphEngine {
  const path = require.resolve('oxigraph');
  if (require.cache[path] !== undefined) throw new Error('loadOxigraph: Oxigraph is already loaded in this thread, without a memory limit');
  const maxPages = Math.floor((maxMemoryMb * 1024 * 1024) / WASM_PAGE_BYTES);
  const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
  const { Module, Instance } = wasm;
  let memory: WasmMemory | undefined;
  wasm.Module = function CappedModule(bytes: Uint8Array) {
    return new Module(withMemoryMaximum(bytes, maxPages));
  } as unknown as WasmApi['Module'];
  wasm.Instance = function CapturingInstance(module: object, imports?: object) {
    const instance = new Instance(module, imports);
    if (instance.exports.memory instanceof wasm.Memory) memory = instance.exports.memory;
    return instance;
  } as unknown as WasmApi['Instance'];
  let oxigraph: typeof Oxigraph;
  try {
    oxigraph = require(path) as typeof Oxigraph;
  } finally {
    wasm.Module = Module;
    wasm.Instance = Instance;
  }
  if (memory === undefined) throw new Error('loadOxigraph: Oxigraph did not compile its WebAssembly module on load, so its memory is not capped');
  return { oxigraph, memory, maxMemoryBytes: maxPages * WASM_PAGE_BYTES };
}
