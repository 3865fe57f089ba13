import { hostImports } from "./runtime";
import { BufferType, WasmResult } from "./enums";
import { HostBytes, prepareOut, OUT_SIZE_PTR } from "./host-bytes";
import { proxy_set_buffer_bytes } from "./imports";


/**
 * Reads `[start, start+length)` of a host buffer into `into` (which takes ownership).
 * Returns the WasmResult; on anything but Ok `into` is empty. Envoy clamps the range to what
 * the buffer holds, so asking for `length = body_size` is always safe.
 */
export function readBuffer(type: BufferType, start: u32, length: u32, into: HostBytes): u32 {
  into.release();
  const result = hostImports.proxy_get_buffer_bytes(type, start, length, prepareOut(), OUT_SIZE_PTR);
  if (result == WasmResult.Ok) into.takeFromOutParams();
  return result;
}

/**
 * Replaces `[start, start+length)` of a body buffer with `size` bytes at `ptr`. Envoy accepts
 * only start=0 (replace a prefix; length = body size replaces all) or start >= size (append);
 * anything else is BadArgument. Changing the size requires dropping content-length in the
 * headers callback, which the caller owns.
 */
export function writeBuffer(type: BufferType, start: u32, length: u32, ptr: usize, size: usize): u32 {
  return proxy_set_buffer_bytes(type, start, length, ptr, size);
}
