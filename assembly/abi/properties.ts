import { hostImports } from "./runtime";
import { WasmResult } from "./enums";
import { HostBytes, prepareOut, OUT_SIZE_PTR } from "./host-bytes";

/**
 * Reads an Envoy attribute (abi-notes §4). Path segments are joined by NUL bytes, not dots
 * ("source\0address"). Unlike the runtime's helper this never traps: NotFound (the attribute
 * does not exist, or not yet — response.* before response headers) returns false.
 */
export function readProperty(segments: Array<string>, into: HostBytes): bool {
  into.release();
  const path = String.UTF8.encode(segments.join("\0"));
  const result = hostImports.proxy_get_property(changetype<usize>(path), path.byteLength, prepareOut(), OUT_SIZE_PTR);
  if (result != WasmResult.Ok) return false;
  into.takeFromOutParams();
  return true;
}

/** A string attribute, or "" when absent. */
export function stringProperty(segments: Array<string>): string {
  const bytes = new HostBytes();
  if (!readProperty(segments, bytes)) return "";
  const s = bytes.toString();
  bytes.release();
  return s;
}

/** An int attribute (8-byte little-endian), or `fallback` when absent or not 8 bytes. */
export function intProperty(segments: Array<string>, fallback: i64): i64 {
  const bytes = new HostBytes();
  if (!readProperty(segments, bytes)) return fallback;
  const v = bytes.length == 8 ? load<i64>(bytes.ptr) : fallback;
  bytes.release();
  return v;
}
