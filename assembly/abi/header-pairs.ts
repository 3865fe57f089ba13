import { HostBytes } from "./host-bytes";

/**
 * Reads Envoy's header-map pair format in place (abi-notes §3):
 *   u32 N; N × (u32 key_len, u32 value_len); N × (key bytes, 0x00, value bytes, 0x00)
 * Nothing is copied; `keyPtr/valuePtr` point into the host's block, valid until it is released.
 * A malformed block reads as fewer pairs, never out of bounds.
 */
export class HeaderPairs {
  private bytes: HostBytes = new HostBytes();
  count: i32 = 0;
  private sizesAt: usize = 0;
  private dataAt: usize = 0;
  // cursor
  keyPtr: usize = 0;
  keyLen: i32 = 0;
  valuePtr: usize = 0;
  valueLen: i32 = 0;
  private index: i32 = -1;
  private cursor: usize = 0;

  /** Takes ownership of a pair block read with readHeaderPairs. */
  load(from: HostBytes): void {
    this.release();
    this.bytes.ptr = from.ptr;
    this.bytes.length = from.length;
    from.ptr = 0;
    from.length = 0;
    const base = this.bytes.ptr, size = this.bytes.length;
    if (size < 4) { this.count = 0; return; }
    const n = <i32>load<u32>(base);
    if (n < 0 || 4 + <i64>n * 8 > <i64>size) { this.count = 0; return; }
    this.count = n;
    this.sizesAt = base + 4;
    this.dataAt = base + 4 + <usize>n * 8;
    this.rewind();
  }

  rewind(): void { this.index = -1; this.cursor = this.dataAt; }

  /** Moves to the next pair; false at the end or at the first malformed pair. */
  next(): bool {
    if (this.index + 1 >= this.count) return false;
    const i = ++this.index;
    const kl = <i32>load<u32>(this.sizesAt + <usize>i * 8);
    const vl = <i32>load<u32>(this.sizesAt + <usize>i * 8 + 4);
    const end = this.bytes.ptr + <usize>this.bytes.length;
    if (kl < 0 || vl < 0 || this.cursor + <usize>kl + <usize>vl + 2 > end) { this.count = i; return false; }
    this.keyPtr = this.cursor;
    this.keyLen = kl;
    this.valuePtr = this.cursor + <usize>kl + 1;
    this.valueLen = vl;
    this.cursor += <usize>kl + <usize>vl + 2;
    return true;
  }

  keyIs(name: string): bool {
    if (this.keyLen != name.length) return false;
    for (let i = 0; i < this.keyLen; i++) if (<i32>load<u8>(this.keyPtr + <usize>i) != name.charCodeAt(i)) return false;
    return true;
  }

  key(): string { return String.UTF8.decodeUnsafe(this.keyPtr, <usize>this.keyLen); }
  value(): string { return String.UTF8.decodeUnsafe(this.valuePtr, <usize>this.valueLen); }

  /** The first value of `name` (lower-case), or "". */
  find(name: string): string {
    this.rewind();
    while (this.next()) if (this.keyIs(name)) { const v = this.value(); this.rewind(); return v; }
    this.rewind();
    return "";
  }

  release(): void {
    this.bytes.release();
    this.count = 0;
  }
}
