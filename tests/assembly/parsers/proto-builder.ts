// Protobuf wire-format and gRPC framing encoders for the specs (test-only, allocation is fine).
export class Proto {
  b: Array<u8> = [];
  varint(v: u64): Proto { while (v >= 0x80) { this.b.push(<u8>(v & 0x7f) | 0x80); v >>= 7; } this.b.push(<u8>v); return this; }
  tag(field: u32, wt: u32): Proto { return this.varint((<u64>field << 3) | <u64>wt); }
  uint(field: u32, v: u64): Proto { return this.tag(field, 0).varint(v); }
  fixed32(field: u32, v: u32): Proto { this.tag(field, 5); for (let i = 0; i < 4; i++) this.b.push(<u8>(v >> (8 * i))); return this; }
  fixed64(field: u32, v: u64): Proto { this.tag(field, 1); for (let i = 0; i < 8; i++) this.b.push(<u8>(v >> (8 * i))); return this; }
  bytes(field: u32, data: Array<u8>): Proto { this.tag(field, 2).varint(<u64>data.length); for (let i = 0; i < data.length; i++) this.b.push(data[i]); return this; }
  str(field: u32, s: string): Proto { return this.bytes(field, utf8(s)); }
  msg(field: u32, m: Proto): Proto { return this.bytes(field, m.b); }
  raw(data: Array<u8>): Proto { for (let i = 0; i < data.length; i++) this.b.push(data[i]); return this; }
}

export function utf8(s: string): Array<u8> {
  const u = Uint8Array.wrap(String.UTF8.encode(s));
  const out = new Array<u8>(u.length);
  for (let i = 0; i < u.length; i++) out[i] = u[i];
  return out;
}

/** gRPC length-prefixed frames of the given messages (flag 0 unless `flags` says otherwise). */
export function frames(msgs: Array<Array<u8>>, flags: Array<u8> = []): Uint8Array {
  let n = 0;
  for (let i = 0; i < msgs.length; i++) n += 5 + msgs[i].length;
  const out = new Uint8Array(n);
  let at = 0;
  for (let i = 0; i < msgs.length; i++) {
    const m = msgs[i];
    out[at] = i < flags.length ? flags[i] : 0;
    out[at + 1] = <u8>(m.length >>> 24); out[at + 2] = <u8>(m.length >>> 16); out[at + 3] = <u8>(m.length >>> 8); out[at + 4] = <u8>m.length;
    at += 5;
    for (let k = 0; k < m.length; k++) out[at + k] = m[k];
    at += m.length;
  }
  return out;
}
