import { readFile } from 'node:fs/promises';
import { Tokens, type TokenEntry } from '../publish/Tokens.js';

/**
 * The entries of a tokens file, in file order, after checking the file as
 * the server does (Tokens.load, whose Error names the file and what is
 * wrong); an empty list when the file does not exist yet.
 */
export async function readTokenEntries(file: string): Promise<TokenEntry[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new Error(`The tokens file ${file} cannot be read: ${(error as Error).message}`);
  }
  Tokens.load(file);
  return (JSON.parse(text) as { tokens: TokenEntry[] }).tokens;
}
