/**
 * Runs tasks one at a time per key, in arrival order; different keys never wait on each other.
 * A settled key leaves nothing behind, so idle sessions cost no memory here.
 */
export class KeyedSerialQueue {
  private readonly tails = new Map<string, Promise<void>>();

  /**
   * Runs `task` once the key's earlier tasks are done. When the key is idle the task starts at once;
   * a task that finishes synchronously (a memory store) returns its value directly, with no promise
   * and no bookkeeping. A synchronous throw reaches the caller as a throw.
   */
  run<T>(key: string, task: () => T | Promise<T>): T | Promise<T> {
    const previous = this.tails.get(key);
    if (!previous) {
      const value = task();
      if (!(value instanceof Promise)) return value;
      this.track(key, value);
      return value;
    }
    const result = previous.then(task);
    this.track(key, result);
    return result;
  }

  private track(key: string, result: Promise<unknown>): void {
    const tail = result.then(settled, settled);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
  }
}

function settled(): void {}
