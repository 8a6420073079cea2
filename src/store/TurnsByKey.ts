/**
 * Runs tasks with the same key one after another, in the order they were
 * given, and tasks with other keys meanwhile: each dataset's writes take
 * turns. A task that fails does not stop the ones after it.
 */
export class TurnsByKey {
  private readonly last = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.last.get(key) ?? Promise.resolve();
    const next = previous.then(task);
    const settled = next.catch(() => undefined);
    this.last.set(key, settled);
    void settled.then(() => {
      if (this.last.get(key) === settled) this.last.delete(key);
    });
    return next;
  }
}
