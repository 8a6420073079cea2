import { writeFileDurably } from '../store/durableWrites.js';
import { readTokenEntries } from './readTokenEntries.js';

/**
 * Removes every token of `publisher` from the tokens file, replacing the
 * file atomically; resolves with how many were removed (0 leaves the file
 * untouched). The file keeps mode 0600 only if the process umask keeps
 * others out, as the token command sets it.
 */
export async function removeTokens(file: string, publisher: string): Promise<number> {
  const entries = await readTokenEntries(file);
  const kept = entries.filter((entry) => entry.publisher !== publisher);
  if (kept.length === entries.length) return 0;
  await writeFileDurably(file, `${JSON.stringify({ tokens: kept }, null, 2)}\n`);
  return entries.length - kept.length;
}
