import { OUT_PTR, OUT_SIZE, outPtr, outSize, clearOut } from "./out-params";

// Large host blocks (body chunks) released since the last full collection. The incremental GC
// paces itself by allocation, so a stream of 64 KiB chunks would otherwise let dead blocks pile
// up (measured: linear memory 20 -> 80 MiB over one 100 MB body) before it catches up.
let releasedSinceCollect: usize = 0;
const COLLECT_AFTER_BYTES: usize = 4 << 20;

// Bytes the host copied into guest memory. The host allocates them through our `malloc`
// export (a pinned ArrayBuffer, see patches/README.md), so the data stays where it is — no
// copy, no String — until `release()` unpins it for the GC. A zero-length result has no
// allocation at all (Envoy writes ptr=0, size=0 and never calls malloc).
export class HostBytes {
  ptr: usize = 0;
  length: i32 = 0;

  /** Takes ownership of what the last host call wrote to the out-params. */
  @inline takeFromOutParams(): this {
    this.release();
    this.ptr = outPtr();
    this.length = <i32>outSize();
    return this;
  }

  /** Gives the block back to the GC. Safe to call twice. */
  release(): void {
    if (this.ptr != 0) {
      __unpin(this.ptr);
      releasedSinceCollect += <usize>this.length;
      if (releasedSinceCollect >= COLLECT_AFTER_BYTES) {
        releasedSinceCollect = 0;
        __collect();
      }
    }
    this.ptr = 0;
    this.length = 0;
  }

  /** Copies into a managed buffer; for small values (config, header values) off the hot path. */
  toArrayBuffer(): ArrayBuffer {
    const copy = new ArrayBuffer(this.length);
    if (this.length > 0) memory.copy(changetype<usize>(copy), this.ptr, <usize>this.length);
    return copy;
  }

  toString(): string {
    return this.length == 0 ? "" : String.UTF8.decodeUnsafe(this.ptr, <usize>this.length);
  }
}

export function prepareOut(): usize {
  clearOut();
  return OUT_PTR;
}

export const OUT_SIZE_PTR: usize = OUT_SIZE;
