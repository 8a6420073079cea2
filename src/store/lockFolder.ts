import { readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import lockfile from 'proper-lockfile';
import { StoreLockedError } from './StoreLockedError.js';

/** The lock proper-lockfile keeps inside the folder (a directory whose mtime the holder refreshes). */
export const LOCK_NAME = 'lock';
/** Who holds the lock: `{"pid":…,"hostname":"…"}`, so a waiting process can tell a live holder from a killed one. */
export const LOCK_OWNER_NAME = 'lock-owner.json';

/** How a held folder lock is given back, and how its loss is reported. */
export interface FolderLock {
  release(): Promise<void>;
}

/**
 * Takes the exclusive lock on `directory` (which must exist), or throws
 * StoreLockedError. A lock whose holder stopped refreshing it for `staleMs`
 * (a process killed with `kill -9`) is taken over. When the recorded holder
 * is a live process on this host the answer is immediate; when it is dead,
 * this waits (up to about `staleMs`) for its lock to go stale rather than
 * failing. `compromised` is called if the lock is later lost (its refresh
 * failed, or another process took it over).
 */
export async function lockFolder(directory: string, staleMs: number, compromised: (error: Error) => void): Promise<FolderLock> {
  const ownerPath = join(directory, LOCK_OWNER_NAME);
  const options = { lockfilePath: join(directory, LOCK_NAME), stale: staleMs, realpath: false, onCompromised: compromised };
  const deadline = Date.now() + staleMs * 1.5 + 1_000;
  for (;;) {
    try {
      const release = await lockfile.lock(directory, options);
      await writeFile(ownerPath, `${JSON.stringify({ pid: process.pid, hostname: hostname() })}\n`);
      return {
        async release() {
          await rm(ownerPath, { force: true });
          await release();
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
      const holder = await readOwner(ownerPath);
      if (holder === undefined || isAlive(holder) || Date.now() > deadline) throw new StoreLockedError(directory, holder);
      await sleep(250);
    }
  }
}

async function readOwner(path: string): Promise<{ pid: number; hostname: string } | undefined> {
  try {
    const owner = JSON.parse(await readFile(path, 'utf8')) as { pid?: unknown; hostname?: unknown };
    return typeof owner.pid === 'number' && typeof owner.hostname === 'string' ? { pid: owner.pid, hostname: owner.hostname } : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the holder may still be running: a process on another host is taken to be. */
function isAlive(holder: { pid: number; hostname: string }): boolean {
  if (holder.hostname !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}
