// Time source for the host: wall clock for proxy_get_current_time_nanoseconds / clock_time_get(0),
// a monotonic clock for clock_time_get(1), and one-shot timers for proxy_on_tick. Tests use
// ManualClock and move time explicitly; the dev proxy uses SystemClock (real timers).
export interface TimerHandle { cancel(): void }

export interface Clock {
  /** Wall-clock milliseconds since the Unix epoch. */
  nowMs(): number;
  /** Wall-clock nanoseconds since the Unix epoch. */
  nowNs(): bigint;
  /** Monotonic nanoseconds (arbitrary origin). */
  monotonicNs(): bigint;
  /** Runs `fn` once after `ms` milliseconds. */
  schedule(ms: number, fn: () => void): TimerHandle;
}

export class SystemClock implements Clock {
  nowMs(): number { return Date.now(); }
  nowNs(): bigint { return BigInt(Date.now()) * 1_000_000n; }
  monotonicNs(): bigint { return process.hrtime.bigint(); }
  schedule(ms: number, fn: () => void): TimerHandle {
    const t = setTimeout(fn, ms);
    t.unref(); // a plugin's timers must not keep the process alive
    return { cancel: () => clearTimeout(t) };
  }
}

interface ManualTimer { due: number; seq: number; fn: () => void; live: boolean }

/** A clock that only moves when told to; due timers fire in order during advance(). */
export class ManualClock implements Clock {
  private ms: number;
  private readonly startMs: number;
  private timers: ManualTimer[] = [];
  private seq = 0;
  constructor(startMs = Date.UTC(2026, 0, 1)) { this.ms = startMs; this.startMs = startMs; }
  nowMs(): number { return this.ms; }
  nowNs(): bigint { return BigInt(this.ms) * 1_000_000n; }
  monotonicNs(): bigint { return BigInt(this.ms - this.startMs) * 1_000_000n; }
  schedule(ms: number, fn: () => void): TimerHandle {
    const t: ManualTimer = { due: this.ms + Math.max(0, ms), seq: this.seq++, fn, live: true };
    this.timers.push(t);
    return { cancel: () => { t.live = false; } };
  }
  /** Moves time forward by `ms`, firing every timer that falls due, at its due time, in order. */
  advance(ms: number): void {
    const target = this.ms + ms;
    for (;;) {
      this.timers = this.timers.filter((t) => t.live);
      const next = this.timers.filter((t) => t.due <= target).sort((a, b) => a.due - b.due || a.seq - b.seq)[0];
      if (!next) break;
      this.ms = next.due;
      next.live = false;
      next.fn();
    }
    this.ms = target;
  }
}
