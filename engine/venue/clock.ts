/**
 * Time as a port (STYLE.md habit 1): everything time-dependent in the paper venue, the strategy and
 * the alerts takes a `Clock`. `now()` is milliseconds since the Unix epoch (UTC). Only the live wiring
 * reads the wall clock; tests and replays use `ManualClock`.
 */
export interface Clock {
  /** Milliseconds since 1970-01-01T00:00:00Z. */
  now(): number;
}

/** A clock that moves only when told to (tests, replays). */
export class ManualClock implements Clock {
  private t: number;
  constructor(startMs = 0) {
    if (!Number.isFinite(startMs)) throw new RangeError('ManualClock start must be finite');
    this.t = startMs;
  }
  now(): number {
    return this.t;
  }
  /** Move to `ms` (never backwards). */
  set(ms: number): void {
    if (!(ms >= this.t)) throw new RangeError(`ManualClock cannot go back from ${this.t} to ${ms}`);
    this.t = ms;
  }
  advance(ms: number): void {
    this.set(this.t + ms);
  }
}
