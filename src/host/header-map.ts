// An ordered multimap of HTTP headers as Envoy's HeaderMap behaves for Proxy-Wasm: keys are
// lower-cased by the host on every access (Envoy context.cc lower-cases keys), repeated keys keep
// their order, get returns the first value, byteSize is the sum of key and value lengths.
export type HeaderList = [string, string][];

export class HeaderMap {
  private entries: HeaderList;
  constructor(entries: readonly (readonly [string, string])[] = []) {
    this.entries = entries.map(([k, v]) => [k.toLowerCase(), v]);
  }
  get size(): number { return this.entries.length; }
  list(): HeaderList { return this.entries.map(([k, v]) => [k, v]); }
  get(key: string): string | undefined {
    const k = key.toLowerCase();
    return this.entries.find((e) => e[0] === k)?.[1];
  }
  /** All values of a key, comma-joined (how Envoy exposes request.headers.<name> as a property). */
  joined(key: string): string | undefined {
    const k = key.toLowerCase();
    const vals = this.entries.filter((e) => e[0] === k).map((e) => e[1]);
    return vals.length ? vals.join(",") : undefined;
  }
  add(key: string, value: string): void { this.entries.push([key.toLowerCase(), value]); }
  /** Replaces the first entry's value and drops the other entries with that key; appends if absent. */
  replace(key: string, value: string): void {
    const k = key.toLowerCase();
    const i = this.entries.findIndex((e) => e[0] === k);
    if (i < 0) { this.entries.push([k, value]); return; }
    this.entries[i] = [k, value];
    this.entries = this.entries.filter((e, j) => j <= i || e[0] !== k);
  }
  remove(key: string): void {
    const k = key.toLowerCase();
    this.entries = this.entries.filter((e) => e[0] !== k);
  }
  setAll(entries: readonly (readonly [string, string])[]): void {
    this.entries = entries.map(([k, v]) => [k.toLowerCase(), v]);
  }
  byteSize(): number {
    let n = 0;
    for (const [k, v] of this.entries) n += Buffer.byteLength(k) + Buffer.byteLength(v);
    return n;
  }
}
