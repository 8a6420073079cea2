import { readFile } from 'node:fs/promises';
import { CliFailure } from './CliFailure.js';

/**
 * The bearer token for a server: read from `file` ("-" for standard input)
 * when given, else from KULTURSKOLEGRAFEN_TOKEN, else null (reads need
 * none). Never from an argument, so it stays out of shell history and the
 * process list.
 */
export async function readToken(file: string | undefined): Promise<string | null> {
  if (file === undefined) {
    const fromEnvironment = process.env.KULTURSKOLEGRAFEN_TOKEN?.trim();
    return fromEnvironment === undefined || fromEnvironment === '' ? null : fromEnvironment;
  }
  let text: string;
  try {
    text = file === '-' ? await readStandardInput() : await readFile(file, 'utf8');
  } catch (error) {
    throw new CliFailure(`cannot read the token file ${file}: ${(error as Error).message}`);
  }
  const token = text.trim();
  if (token === '' || /\s/.test(token)) throw new CliFailure(`the token file ${file} must hold one token and nothing else`);
  return token;
}

async function readStandardInput(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
