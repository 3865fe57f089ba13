// The tests' deterministic random numbers: one generator for every property and fuzz suite.

/** Deterministic PRNG (mulberry32): small, fast, and good enough to pick shapes. */
export class Rng {
  constructor(private s: number) {}
  next(): number {
    this.s = (this.s + 0x6d2b79f5) | 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number { return Math.floor(this.next() * n); }
  range(lo: number, hi: number): number { return lo + this.int(hi - lo + 1); }
  pick<T>(xs: readonly T[]): T { return xs[this.int(xs.length)]; }
  chance(p: number): boolean { return this.next() < p; }
  bytes(n: number): Buffer { const b = Buffer.allocUnsafe(n); for (let i = 0; i < n; i++) b[i] = this.int(256); return b; }
  /** Mostly small sizes, sometimes medium, rarely large: a log-uniform draw up to `max`. */
  size(max: number): number { return Math.floor(Math.exp(this.next() * Math.log(max + 1))) - 1; }
}
