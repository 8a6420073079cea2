import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Matches the names of the temporary files writeFileDurably makes, so a recovery can remove them. */
export const TEMPORARY_FILE = /\.[0-9a-f]{12}\.tmp$/;

/**
 * Replaces `path` with `data` so that a crash leaves either the old file or
 * the new one, whole: writes a temporary file beside it, fsyncs it, calls
 * `written` (a test seam; a throw stops here), renames it into place and
 * fsyncs the folder. On failure the temporary file is removed (best effort)
 * and the error thrown; `path` is then as it was unless the rename happened.
 */
export async function writeFileDurably(path: string, data: string, written?: () => void | Promise<void>): Promise<void> {
  const temporary = join(dirname(path), `${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const file = await open(temporary, 'wx');
    try {
      await file.writeFile(data, 'utf8');
      await file.sync();
    } finally {
      await file.close();
    }
    await written?.();
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dirname(path));
}

/** Appends `data` to `path` (creating it, and then fsyncing its folder) and fsyncs it before resolving. */
export async function appendFileDurably(path: string, data: string): Promise<void> {
  const file = await open(path, 'a');
  let created: boolean;
  try {
    created = (await file.stat()).size === 0;
    await file.appendFile(data, 'utf8');
    await file.sync();
  } finally {
    await file.close();
  }
  if (created) await syncDirectory(dirname(path));
}

/** Fsyncs a folder, so the names created, renamed or removed in it survive a crash. */
export async function syncDirectory(path: string): Promise<void> {
  const directory = await open(path, 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}
