/**
 * Thrown by FolderStore.open when another process (a running server, most
 * likely) holds the store folder's lock. A CLI recognises it with
 * `instanceof` and can tell the user to publish through the server instead.
 */
export class StoreLockedError extends Error {
  override readonly name = 'StoreLockedError';

  constructor(
    readonly directory: string,
    /** The process holding the lock, when it wrote its id down. */
    readonly holder?: { pid: number; hostname: string },
  ) {
    const who = holder === undefined ? 'another process' : `another process (pid ${holder.pid} on ${holder.hostname})`;
    super(
      `The dataset store ${directory} is in use by ${who}, for example a running server. ` +
        `Publish through that server's URL instead (give the CLI its URL and a token), or stop it first.`,
    );
  }
}
