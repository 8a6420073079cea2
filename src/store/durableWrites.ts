import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, fsyncSync, openSync, renameSync, writeFileSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Matches the names of the temporary files writeFileDurably makes, so a recovery can remove them. */
export const TEMPORARY_FILE = /\.[0-9a-f]{12}\.tmp$/;

/**
 * Data up to this size is written and fsynced with synchronous calls, which
 * hold the event loop for as long as the disk takes (about 10–20 ms for a
 * megabyte here); larger data with asynchronous ones, which hold it for no
 * time but each wait a turn of the event loop. Under a steady load that turn
 * comes after the requests waiting: measured with `npm run bench:publish`
 * at 1M, a commit's two dozen asynchronous calls took 100–230 ms, done
 * synchronously 19–20 ms, and the event loop was still never held over
 * 100 ms. Past a few megabytes an fsync alone could hold it too long.
 */
const SYNCHRONOUS_BYTES = 4 * 1_048_576;

/**
 * Replaces `path` with `data` so that a crash leaves either the old file or
 * the new one, whole: writes a temporary file beside it, fsyncs it, calls
 * `written` (a test seam; a throw stops here), renames it into place and
 * fsyncs the folder. On failure the temporary file is removed (best effort)
 * and the error thrown; `path` is then as it was unless the rename happened.
 */
export async function writeFileDurably(path: string, data: string, written?: () => void | Promise<void>): Promise<void> {
  const temporary = join(dirname(path), `${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const synchronous = Buffer.byteLength(data, 'utf8') <= SYNCHRONOUS_BYTES;
  try {
    if (synchronous) writeAndSync(temporary, data);
    else await writeAndSyncInTurns(temporary, data);
    await written?.();
    if (synchronous) renameSync(temporary, path);
    else await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dirname(path));
}

/** Appends `data` (a line or so) to `path` (creating it, and then fsyncing its folder) and fsyncs it before resolving. */
export async function appendFileDurably(path: string, data: string): Promise<void> {
  const file = openSync(path, 'a');
  let created: boolean;
  try {
    created = fstatSync(file).size === 0;
    writeFileSync(file, data, 'utf8');
    fsyncSync(file);
  } finally {
    closeSync(file);
  }
  if (created) await syncDirectory(dirname(path));
}

/** Fsyncs a folder, so the names created, renamed or removed in it survive a crash. */
export async function syncDirectory(path: string): Promise<void> {
  const directory = openSync(path, 'r');
  try {
    fsyncSync(directory);
  } finally {
    closeSync(directory);
  }
}

/** Creates `path` (which must not exist) with `data`, fsynced, in synchronous calls. */
function writeAndSync(path: string, data: string): void {
  const file = openSync(path, 'wx');
  try {
    writeFileSync(file, data, 'utf8');
    fsyncSync(file);
  } finally {
    closeSync(file);
  }
}

/** writeAndSync in asynchronous calls. */
async function writeAndSyncInTurns(path: string, data: string): Promise<void> {
  const file = await open(path, 'wx');
  try {
    await file.writeFile(data, 'utf8');
    await file.sync();
  } finally {
    await file.close();
  }
}
