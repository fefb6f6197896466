interface Waiting {
  deadline: number;
  expire: () => void;
}

/**
 * Races promises against their deadlines with one shared coarse timer, instead of a timer per
 * tool call on the decision hot path. The timer keeps the process alive only while something waits.
 */
export class DeadlineRace {
  private readonly waiting = new Set<Waiting>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly resolutionMs = 10) {}

  /** Settles like `promise`, or rejects with `onTimeout()` once `timeoutMs` has passed. */
  race<T>(promise: Promise<T>, timeoutMs: number, onTimeout: () => Error): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const entry: Waiting = { deadline: Date.now() + timeoutMs, expire: () => reject(onTimeout()) };
      this.add(entry);
      promise.then(
        (value) => {
          this.remove(entry);
          resolve(value);
        },
        (error: unknown) => {
          this.remove(entry);
          reject(error);
        },
      );
    });
  }

  private add(entry: Waiting): void {
    this.waiting.add(entry);
    if (!this.timer) this.timer = setInterval(() => this.sweep(), this.resolutionMs);
    else if (this.waiting.size === 1) this.timer.ref();
  }

  private remove(entry: Waiting): void {
    this.waiting.delete(entry);
    if (this.waiting.size === 0) this.timer?.unref();
  }

  private sweep(): void {
    const now = Date.now();
    for (const entry of this.waiting) {
      if (entry.deadline <= now) {
        this.remove(entry);
        entry.expire();
      }
    }
    if (this.waiting.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }
}
