import { describe, expect, it } from 'vitest';
import { WASM_PAGE_BYTES, withMemoryMaximum } from '../../../src/http/sparql/withMemoryMaximum.js';

/** The WebAssembly API as far as these tests use it (the project's TypeScript libraries leave it out). */
const WebAssembly = (
  globalThis as unknown as {
    WebAssembly: {
      Module: new (bytes: Uint8Array) => object;
      Instance: new (module: object) => { exports: { memory: { grow(pages: number): number; buffer: ArrayBuffer } } };
    };
  }
).WebAssembly;

/** The magic number and version 1. */
const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
/** A type section with one function type, () → (). */
const TYPES = [1, 4, 1, 0x60, 0, 0];
/** An export section exporting memory 0 as "memory". */
const EXPORT_MEMORY = [7, 10, 1, 6, ...Buffer.from('memory'), 2, 0];
/** A custom section named "note" of 200 bytes, so that its size takes two bytes. */
const NOTE = [0, 0xc8, 0x01, 4, ...Buffer.from('note'), ...Array<number>(195).fill(0x2a)];

describe('withMemoryMaximum', () => {
  it('pages are 64 KiB', () => {
    expect(WASM_PAGE_BYTES).toBe(65_536);
  });

  it('writes the maximum into a memory without one, keeping every other section', () => {
    const module = [...HEADER, ...NOTE, ...TYPES, 5, 3, 1, 0, 1, ...EXPORT_MEMORY];
    expect([...withMemoryMaximum(Uint8Array.from(module), 4)]).toEqual([...HEADER, ...NOTE, ...TYPES, 5, 4, 1, 1, 1, 4, ...EXPORT_MEMORY]);
  });

  it('replaces a maximum the memory already has', () => {
    expect([...withMemoryMaximum(Uint8Array.from([...HEADER, 5, 4, 1, 1, 1, 10]), 4)]).toEqual([...HEADER, 5, 4, 1, 1, 1, 4]);
  });

  it('writes minimum and maximum of several bytes', () => {
    expect([...withMemoryMaximum(Uint8Array.from([...HEADER, 5, 4, 1, 0, 0xc8, 0x01, ...EXPORT_MEMORY]), 65_536)]).toEqual([
      ...HEADER,
      5,
      7,
      1,
      1,
      0xc8,
      0x01,
      0x80,
      0x80,
      0x04,
      ...EXPORT_MEMORY,
    ]);
    expect([...withMemoryMaximum(Uint8Array.from([...HEADER, 5, 3, 1, 0, 1]), 300)]).toEqual([...HEADER, 5, 5, 1, 1, 1, 0xac, 0x02]);
  });

  it('reads a section size written in five bytes', () => {
    expect([...withMemoryMaximum(Uint8Array.from([...HEADER, 5, 0x83, 0x80, 0x80, 0x80, 0x00, 1, 0, 1]), 2)]).toEqual([...HEADER, 5, 4, 1, 1, 1, 2]);
  });

  it('gives a module whose memory grows to the maximum and no further', () => {
    const capped = withMemoryMaximum(Uint8Array.from([...HEADER, ...TYPES, 5, 3, 1, 0, 1, ...EXPORT_MEMORY]), 3);
    const { memory } = new WebAssembly.Instance(new WebAssembly.Module(capped)).exports;
    expect(memory.buffer.byteLength).toBe(WASM_PAGE_BYTES);
    expect(memory.grow(2)).toBe(1);
    expect(memory.buffer.byteLength).toBe(3 * WASM_PAGE_BYTES);
    expect(() => memory.grow(1)).toThrow(RangeError);
  });

  it('accepts a memory that starts at the maximum', () => {
    expect([...withMemoryMaximum(Uint8Array.from([...HEADER, 5, 3, 1, 0, 7]), 7)]).toEqual([...HEADER, 5, 4, 1, 1, 7, 7]);
  });

  it.each([0, -1, 1.5, Number.NaN, 65_537, Number.POSITIVE_INFINITY])('refuses a maximum of %d pages', (maxPages) => {
    expect(() => withMemoryMaximum(Uint8Array.from([...HEADER, 5, 3, 1, 0, 1]), maxPages)).toThrow(
      new Error(`withMemoryMaximum: maxPages must be an integer from 1 to 65536 but got: ${maxPages}`),
    );
  });

  it('accepts a maximum of 1 and of 65536 pages', () => {
    expect([...withMemoryMaximum(Uint8Array.from([...HEADER, 5, 3, 1, 0, 1]), 1)]).toEqual([...HEADER, 5, 4, 1, 1, 1, 1]);
    expect([...withMemoryMaximum(Uint8Array.from([...HEADER, 5, 3, 1, 0, 1]), 65_536)]).toEqual([...HEADER, 5, 6, 1, 1, 1, 0x80, 0x80, 0x04]);
  });

  describe('refuses a module', () => {
    it('that defines no memory of its own', () => {
      const noMemory = new Error('withMemoryMaximum: the module defines no memory of its own (it may import one)');
      expect(() => withMemoryMaximum(Uint8Array.from(HEADER), 4)).toThrow(noMemory);
      expect(() => withMemoryMaximum(Uint8Array.from([...HEADER, ...NOTE, ...TYPES]), 4)).toThrow(noMemory);
    });

    it('that defines no memory or several', () => {
      expect(() => withMemoryMaximum(Uint8Array.from([...HEADER, 5, 1, 0]), 4)).toThrow(new Error('withMemoryMaximum: the module defines 0 memories, not one'));
      expect(() => withMemoryMaximum(Uint8Array.from([...HEADER, 5, 5, 2, 0, 1, 0, 1]), 4)).toThrow(new Error('withMemoryMaximum: the module defines 2 memories, not one'));
    });

    it('whose memory is shared or 64-bit', () => {
      expect(() => withMemoryMaximum(Uint8Array.from([...HEADER, 5, 4, 1, 3, 1, 2]), 4)).toThrow(
        new Error('withMemoryMaximum: unsupported memory flags 0x3 (shared or 64-bit memory)'),
      );
      expect(() => withMemoryMaximum(Uint8Array.from([...HEADER, 5, 3, 1, 4, 1]), 4)).toThrow(
        new Error('withMemoryMaximum: unsupported memory flags 0x4 (shared or 64-bit memory)'),
      );
    });

    it('whose memory starts above the maximum', () => {
      expect(() => withMemoryMaximum(Uint8Array.from([...HEADER, 5, 3, 1, 0, 5]), 4)).toThrow(
        new Error("withMemoryMaximum: the module's memory starts at 5 pages, above the maximum of 4"),
      );
    });

    it('that ends inside a number, naming where the number starts', () => {
      expect(() => withMemoryMaximum(Uint8Array.from([...HEADER, 5]), 4)).toThrow(new Error('withMemoryMaximum: malformed number at byte 9'));
      expect(() => withMemoryMaximum(Uint8Array.from([...HEADER, 5, 3, 1, 0]), 4)).toThrow(new Error('withMemoryMaximum: malformed number at byte 12'));
      expect(() => withMemoryMaximum(Uint8Array.from([...HEADER, 5, 3, 1, 0, 0x81]), 4)).toThrow(new Error('withMemoryMaximum: malformed number at byte 12'));
    });

    it('with a number longer than five bytes', () => {
      expect(() => withMemoryMaximum(Uint8Array.from([...HEADER, 5, 0x83, 0x80, 0x80, 0x80, 0x80, 0x00, 1, 0, 1]), 4)).toThrow(
        new Error('withMemoryMaximum: malformed number at byte 9'),
      );
    });
  });
});
