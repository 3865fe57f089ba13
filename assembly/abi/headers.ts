import { hostImports } from "./runtime";
import { HeaderMapType, WasmResult } from "./enums";
import { HostBytes, prepareOut, OUT_SIZE_PTR } from "./host-bytes";


/**
 * Reads one header value. Unlike the runtime's helper this never traps: NotFound (ABI 0.2.x)
 * and BadArgument (map no longer reachable, e.g. request headers during the response) just
 * return false — a filter must not fail the VM over a missing header.
 */
export function readHeader(map: HeaderMapType, name: string, into: HostBytes): bool {
  into.release();
  const key = String.UTF8.encode(name);
  const result = hostImports.proxy_get_header_map_value(map, changetype<usize>(key), key.byteLength, prepareOut(), OUT_SIZE_PTR);
  if (result != WasmResult.Ok) return false;
  into.takeFromOutParams();
  return true;
}

/** Reads the whole map in the pair format (u32 N; N×(u32 klen, u32 vlen); N×(key\0 value\0)). */
export function readHeaderPairs(map: HeaderMapType, into: HostBytes): bool {
  into.release();
  const result = hostImports.proxy_get_header_map_pairs(map, prepareOut(), OUT_SIZE_PTR);
  if (result != WasmResult.Ok) return false;
  into.takeFromOutParams();
  return true;
}

/** Removes a header; false when the map is not reachable. */
export function removeHeader(map: HeaderMapType, name: string): bool {
  const key = String.UTF8.encode(name);
  return hostImports.proxy_remove_header_map_value(map, changetype<usize>(key), key.byteLength) == WasmResult.Ok;
}

/**
 * Parses a decimal status such as ":status: 200" from raw bytes; -1 if the bytes are not a
 * 3-digit code. Done on bytes to avoid a String per response.
 */
export function parseStatus(bytes: HostBytes): i32 {
  if (bytes.length != 3) return -1;
  let code = 0;
  for (let i = 0; i < 3; i++) {
    const digit = <i32>load<u8>(bytes.ptr + <usize>i) - 48;
    if (digit < 0 || digit > 9) return -1;
    code = code * 10 + digit;
  }
  return code;
}
