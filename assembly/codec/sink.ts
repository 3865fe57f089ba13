// Where decoders put their output: bytes in linear memory, handed over in pieces. A sink must not
// keep the pointer past the call (the decoder reuses that memory for its window).
export abstract class ByteSink {
  abstract write(ptr: usize, len: i32): void;
}

// Collects everything written into one growable buffer (tests, the harness, `leakscope scan`).
// Layout: `data` holds `length` valid bytes at data.dataStart; capacity doubles when full.
export class CollectingSink extends ByteSink {
  data: Uint8Array = new Uint8Array(0);
  length: i32 = 0;
  writes: i32 = 0;

  write(ptr: usize, len: i32): void {
    this.writes++;
    const need = this.length + len;
    if (need > this.data.length) {
      let cap = max(this.data.length * 2, 4096);
      while (cap < need) cap *= 2;
      const next = new Uint8Array(cap);
      memory.copy(next.dataStart, this.data.dataStart, <usize>this.length);
      this.data = next;
    }
    memory.copy(this.data.dataStart + <usize>this.length, ptr, <usize>len);
    this.length = need;
  }

  clear(): void { this.length = 0; this.writes = 0; }

  toString(): string { return String.UTF8.decodeUnsafe(this.data.dataStart, <usize>this.length); }
}

// Counts bytes and discards them (benchmarks).
export class CountingSink extends ByteSink {
  bytes: i64 = 0;
  write(ptr: usize, len: i32): void { this.bytes += len; }
}
