/** The size of a WebAssembly memory page. */
export const WASM_PAGE_BYTES = 65_536;

/** The id of the memory section in the WebAssembly binary format. */
const MEMORY_SECTION = 5;

/**
 * A copy of the WebAssembly module `wasm` whose one defined memory may grow
 * to at most `maxPages` pages (64 KiB each): past that, `memory.grow` fails,
 * so the module's allocator fails instead of taking more of the process.
 * Node's worker `resourceLimits` bound only the JavaScript heap, and a
 * module that defines its own memory without a maximum may grow it to 4 GB.
 * Throws when the module imports its memory or defines none or several, or
 * when its memory already starts above `maxPages`.
 */
export function withMemoryMaximum(wasm: Uint8Array, maxPages: number): Uint8Array {
  if (!Number.isSafeInteger(maxPages) || maxPages < 1 || maxPages > 65_536) {
    throw new Error(`withMemoryMaximum: maxPages must be an integer from 1 to 65536 but got: ${maxPages}`);
  }
  let offset = 8; // the magic number and the version
  while (offset < wasm.length) {
    const id = wasm[offset]!;
    const size = readUnsigned(wasm, offset + 1);
    const contents = offset + 1 + size.length;
    if (id === MEMORY_SECTION) {
      const count = readUnsigned(wasm, contents);
      if (count.value !== 1) throw new Error(`withMemoryMaximum: the module defines ${count.value} memories, not one`);
      const flags = wasm[contents + count.length]!;
      if ((flags & ~1) !== 0) throw new Error(`withMemoryMaximum: unsupported memory flags 0x${flags.toString(16)} (shared or 64-bit memory)`);
      const minimum = readUnsigned(wasm, contents + count.length + 1);
      if (minimum.value > maxPages) {
        throw new Error(`withMemoryMaximum: the module's memory starts at ${minimum.value} pages, above the maximum of ${maxPages}`);
      }
      const section = [1, 1, ...writeUnsigned(minimum.value), ...writeUnsigned(maxPages)];
      const patched = Uint8Array.from([MEMORY_SECTION, ...writeUnsigned(section.length), ...section]);
      const result = new Uint8Array(offset + patched.length + (wasm.length - contents - size.value));
      result.set(wasm.subarray(0, offset));
      result.set(patched, offset);
      result.set(wasm.subarray(contents + size.value), offset + patched.length);
      return result;
    }
    offset = contents + size.value;
  }
  throw new Error('withMemoryMaximum: the module defines no memory of its own (it may import one)');
}

/** An unsigned LEB128 number at `offset`, and how many bytes it took. */
function readUnsigned(bytes: Uint8Array, offset: number): { value: number; length: number } {
  let value = 0;
  let length = 0;
  let byte: number;
  do {
    if (offset + length >= bytes.length || length === 5) throw new Error(`withMemoryMaximum: malformed number at byte ${offset}`);
    byte = bytes[offset + length]!;
    value += (byte & 0x7f) * 2 ** (7 * length);
    length++;
  } while ((byte & 0x80) !== 0);
  return { value, length };
}

function writeUnsigned(value: number): number[] {
  const bytes: number[] = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    bytes.push(byte);
  } while (value > 0);
  return bytes;
}
