/**
 * When the client starts the server again after it stopped on its own: a few times, then no more,
 * with a message that says so. Pure (no `vscode`), so that it is unit-tested with a fake clock.
 */

export interface RestartDecision {
  restart: boolean;
  /** For the output channel; when `restart` is false, also what the user is shown. */
  message: string;
}

export interface RestartPolicyOptions {
  /** Restarts allowed within `windowMs`; the stop after them is final. */
  maxRestarts: number;
  windowMs: number;
  /** Milliseconds on a monotonic clock: a wall clock set back would keep old stops in the window. */
  now?: () => number;
}

function describeWindow(ms: number): string {
  if (ms % 60_000 === 0) return ms === 60_000 ? 'a minute' : `${ms / 60_000} minutes`;
  return ms === 1000 ? 'a second' : `${Math.round(ms / 1000)} seconds`;
}

export class RestartPolicy {
  readonly maxRestarts: number;
  readonly windowMs: number;
  private readonly now: () => number;
  /** When the server stopped, oldest first, within the window. */
  private stops: number[] = [];

  constructor(options: RestartPolicyOptions) {
    if (!Number.isInteger(options.maxRestarts) || options.maxRestarts < 0) throw new RangeError(`maxRestarts must be a whole number, not ${options.maxRestarts}`);
    if (!(options.windowMs > 0)) throw new RangeError(`windowMs must be positive, not ${options.windowMs}`);
    this.maxRestarts = options.maxRestarts;
    this.windowMs = options.windowMs;
    this.now = options.now ?? (() => performance.now());
  }

  /** Records that the server stopped without being asked to, and says whether to start it again. */
  serverStopped(): RestartDecision {
    const now = this.now();
    this.stops.push(now);
    this.stops = this.stops.filter((t) => now - t <= this.windowMs);
    const count = this.stops.length;
    if (count > this.maxRestarts) {
      return {
        restart: false,
        message: `The seedlint server stopped ${count === 1 ? 'once' : `${count} times`} in ${describeWindow(this.windowMs)} and will not be restarted. Run "Seedlint: Restart Server" after checking the output.`,
      };
    }
    return { restart: true, message: `The seedlint server stopped; restarting (${count} of ${this.maxRestarts}).` };
  }

  /** The user restarted the server: past stops no longer count against it. */
  reset(): void {
    this.stops = [];
  }
}
