import { hostImports } from "./runtime";
import { HeaderMapType, WasmResult } from "./enums";

// Stream-changing host calls (abi-notes §7). None of them traps: a refusal from the host is
// returned, and the caller falls back (e.g. from a local reply to a reset).

/**
 * Encodes header pairs in Envoy's pair format:
 *   u32 N; N × (u32 key_len, u32 value_len); N × (key bytes, 0x00, value bytes, 0x00)
 */
export function encodePairs(names: Array<string>, values: Array<string>): ArrayBuffer {
  const keys = new Array<ArrayBuffer>(), vals = new Array<ArrayBuffer>();
  let size = 4;
  for (let i = 0; i < names.length; i++) {
    const k = String.UTF8.encode(names[i]), v = String.UTF8.encode(values[i]);
    keys.push(k); vals.push(v);
    size += 8 + k.byteLength + v.byteLength + 2;
  }
  const out = new ArrayBuffer(size);
  const base = changetype<usize>(out);
  store<u32>(base, <u32>names.length);
  let at = base + 4 + <usize>names.length * 8;
  for (let i = 0; i < names.length; i++) {
    store<u32>(base + 4 + <usize>i * 8, <u32>keys[i].byteLength);
    store<u32>(base + 8 + <usize>i * 8, <u32>vals[i].byteLength);
    memory.copy(at, changetype<usize>(keys[i]), <usize>keys[i].byteLength);
    at += <usize>keys[i].byteLength;
    store<u8>(at++, 0);
    memory.copy(at, changetype<usize>(vals[i]), <usize>vals[i].byteLength);
    at += <usize>vals[i].byteLength;
    store<u8>(at++, 0);
  }
  return out;
}

/**
 * Answers the stream locally. Envoy defers it to the end of the current callback and forces the
 * callback's result to "stop"; from the request path the reply still passes the response
 * filters. `details` becomes the response code details (white space → `_`).
 */
export function sendLocalResponse(status: u32, details: string, body: string, names: Array<string>, values: Array<string>): bool {
  const d = String.UTF8.encode(details), b = String.UTF8.encode(body);
  const pairs = encodePairs(names, values);
  // 0xFFFFFFFF: no grpc-status header
  return hostImports.proxy_send_local_response(status, changetype<usize>(d), d.byteLength, changetype<usize>(b), b.byteLength,
    changetype<usize>(pairs), pairs.byteLength, 0xffffffff) == WasmResult.Ok;
}

/** Resets the HTTP stream (0 request, 1 response side); Envoy's details say wasm_close_stream. */
export function resetStream(response: bool): bool {
  return hostImports.proxy_close_stream(response ? 1 : 0) == WasmResult.Ok;
}

/** Replaces (or adds) one header; false when the map is no longer reachable. */
export function replaceHeader(map: HeaderMapType, name: string, value: string): bool {
  const k = String.UTF8.encode(name), v = String.UTF8.encode(value);
  return hostImports.proxy_replace_header_map_value(map, changetype<usize>(k), k.byteLength, changetype<usize>(v), v.byteLength) == WasmResult.Ok;
}

/** Resumes a stream the filter held (0 request, 1 response). */
export function continueStream(response: bool): bool {
  return hostImports.proxy_continue_stream(response ? 1 : 0) == WasmResult.Ok;
}
