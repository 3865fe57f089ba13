// The Proxy-Wasm pair encoding used for header maps, call metadata, local-reply headers and
// map/list property values (cpp-host src/pairs_util.cc):
//
//   u32 N                                  little-endian count
//   N x (u32 key_len, u32 value_len)       little-endian lengths, without terminators
//   N x (key bytes, 0x00, value bytes, 0x00)
//
// Decoding is as lenient-but-destructive as cpp-host: a malformed buffer (over 1 MiB, over 1024
// pairs, an overread, a missing NUL, trailing bytes) is an EMPTY list, not an error.
import { PAIRS_MAX_BYTES, PAIRS_MAX_COUNT } from "./abi/envoy-abi.ts";

export type Pair = [string, string];

export function encodePairs(pairs: readonly (readonly [string | Uint8Array, string | Uint8Array])[]): Buffer {
  const bytes = pairs.map(([k, v]) => [Buffer.from(k as never), Buffer.from(v as never)] as const);
  let size = 4 + 8 * bytes.length;
  for (const [k, v] of bytes) size += k.length + v.length + 2;
  const out = Buffer.alloc(size);
  out.writeUInt32LE(bytes.length, 0);
  let lenPos = 4;
  let dataPos = 4 + 8 * bytes.length;
  for (const [k, v] of bytes) {
    out.writeUInt32LE(k.length, lenPos); out.writeUInt32LE(v.length, lenPos + 4); lenPos += 8;
    k.copy(out, dataPos); dataPos += k.length + 1; // the zero byte is already there
    v.copy(out, dataPos); dataPos += v.length + 1;
  }
  return out;
}

/** Decodes raw key/value bytes; [] for an empty or malformed buffer (cpp-host behaviour). */
export function decodePairBytes(buf: Uint8Array): [Buffer, Buffer][] {
  if (buf.length === 0 || buf.length > PAIRS_MAX_BYTES || buf.length < 4) return [];
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const n = b.readUInt32LE(0);
  if (n > PAIRS_MAX_COUNT || 4 + 8 * n > b.length) return [];
  const out: [Buffer, Buffer][] = [];
  let pos = 4 + 8 * n;
  for (let i = 0; i < n; i++) {
    const kl = b.readUInt32LE(4 + 8 * i);
    const vl = b.readUInt32LE(8 + 8 * i);
    if (pos + kl + 1 > b.length || b[pos + kl] !== 0) return [];
    const k = Buffer.from(b.subarray(pos, pos + kl)); pos += kl + 1;
    if (pos + vl + 1 > b.length || b[pos + vl] !== 0) return [];
    const v = Buffer.from(b.subarray(pos, pos + vl)); pos += vl + 1;
    out.push([k, v]);
  }
  return pos === b.length ? out : [];
}

export function decodePairs(buf: Uint8Array): Pair[] {
  return decodePairBytes(buf).map(([k, v]) => [k.toString("utf8"), v.toString("utf8")]);
}
