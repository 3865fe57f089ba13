// Bounds-checked access to the guest's linear memory. Views are rebuilt on every access because
// any call into the guest (malloc included) may grow memory, and Node detaches the old ArrayBuffer
// when it does (abi-notes §3). Every guest pointer/size is checked (`ptr + size <= memory size`,
// cpp-host getMemory); a failed check makes the host call return InvalidMemoryAccess(6).
import { WasmResult } from "./abi/envoy-abi.ts";

export class GuestMemory {
  private memory: WebAssembly.Memory | null = null;
  /** `alloc` calls the guest allocator (malloc / proxy_on_memory_allocate) under restriction. The
   * memory is attached once the instance exists (host functions are created before that). */
  constructor(private readonly alloc: (size: number) => number) {}

  attach(memory: WebAssembly.Memory): void { this.memory = memory; }

  private get mem(): WebAssembly.Memory {
    // Only the start section can run before attach(), and host calls there trap before reaching memory.
    if (!this.memory) throw new Error("guest memory accessed before the instance exists");
    return this.memory;
  }

  get size(): number { return this.mem.buffer.byteLength; }

  private bytes(): Uint8Array { return new Uint8Array(this.mem.buffer); }

  inBounds(ptr: number, len: number): boolean {
    ptr >>>= 0; len >>>= 0;
    return ptr + len <= this.size;
  }

  /** Copy of guest bytes, or null when out of bounds. (0, 0) is a valid empty range. */
  read(ptr: number, len: number): Buffer | null {
    ptr >>>= 0; len >>>= 0;
    if (ptr + len > this.size) return null;
    return Buffer.from(this.bytes().subarray(ptr, ptr + len));
  }

  readString(ptr: number, len: number): string | null {
    const b = this.read(ptr, len);
    return b === null ? null : b.toString("utf8");
  }

  write(ptr: number, data: Uint8Array): boolean {
    ptr >>>= 0;
    if (ptr + data.length > this.size) return false;
    this.bytes().set(data, ptr);
    return true;
  }

  readU32(ptr: number): number | null {
    ptr >>>= 0;
    if (ptr + 4 > this.size) return null;
    return new DataView(this.mem.buffer).getUint32(ptr, true);
  }

  writeU32(ptr: number, value: number): boolean {
    ptr >>>= 0;
    if (ptr + 4 > this.size) return false;
    new DataView(this.mem.buffer).setUint32(ptr, value >>> 0, true);
    return true;
  }

  writeU64(ptr: number, value: bigint): boolean {
    ptr >>>= 0;
    if (ptr + 8 > this.size) return false;
    new DataView(this.mem.buffer).setBigUint64(ptr, BigInt.asUintN(64, value), true);
    return true;
  }

  /**
   * Returns host data to the guest the way cpp-host copyToPointerSize does: malloc(size) in the
   * guest, copy, then write pointer and size (u32 LE) to the out-params. Empty data does not call
   * malloc and writes ptr=0, size=0. A malloc result of 0 or out-of-bounds region => 6.
   */
  copyOut(data: Uint8Array, ptrPtr: number, sizePtr: number): number {
    if (data.length === 0) {
      return this.writeU32(ptrPtr, 0) && this.writeU32(sizePtr, 0) ? WasmResult.Ok : WasmResult.InvalidMemoryAccess;
    }
    if (!this.inBounds(ptrPtr, 4) || !this.inBounds(sizePtr, 4)) return WasmResult.InvalidMemoryAccess;
    const ptr = this.alloc(data.length) >>> 0;
    if (ptr === 0 || !this.write(ptr, data)) return WasmResult.InvalidMemoryAccess;
    return this.writeU32(ptrPtr, ptr) && this.writeU32(sizePtr, data.length) ? WasmResult.Ok : WasmResult.InvalidMemoryAccess;
  }
}
