// A small JSON reader for token extraction (spec §4.4 json_path over a JWT payload or other JSON
// text): the document becomes a tree of JsonNode, then writeCompact renders a container back as
// compact JSON. Strict RFC 8259 grammar on UTF-8 bytes; whitespace around the single top-level value
// only. Bounded and never trapping: nesting deeper than MAX_DEPTH, a syntax error, an invalid
// escape, a raw control character or invalid UTF-8 all return null. Memory is O(input); recursion
// depth is at most MAX_DEPTH.
// Tree layout: scalars keep their text (strings unescaped, numbers as written, true/false/null as
// the word); objects keep keys[i] → items[i] in document order (duplicates kept: the first wins for
// lookups since paths take the first match); arrays keep items.

export const MAX_DEPTH: i32 = 128;

export const enum JsonKind { Null, Bool, Number, String, Array, Object }

export class JsonNode {
  keys: Array<string> = [];
  items: Array<JsonNode> = [];
  constructor(public kind: JsonKind, public text: string = "") {}
  get isContainer(): bool { return this.kind == JsonKind.Array || this.kind == JsonKind.Object; }
}

/** Parses a whole JSON document from UTF-8 bytes; null if it is not one. */
export function parseJsonBytes(bytes: Uint8Array): JsonNode | null {
  const r = new Reader(bytes);
  r.ws();
  const v = r.value(0);
  if (v === null) return null;
  r.ws();
  return r.pos == bytes.length ? v : null;
}

export function parseJsonText(text: string): JsonNode | null {
  return parseJsonBytes(Uint8Array.wrap(String.UTF8.encode(text)));
}

/** True when `bytes` is well-formed UTF-8 (no surrogates, no overlongs). */
export function isValidUtf8(bytes: Uint8Array): bool {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = <u32>bytes[i];
    if (b < 0x80) { i++; continue; }
    let len = 0, lo: u32 = 0x80, hi: u32 = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) len = 2;
    else if (b == 0xe0) { len = 3; lo = 0xa0; }
    else if ((b >= 0xe1 && b <= 0xec) || b == 0xee || b == 0xef) len = 3;
    else if (b == 0xed) { len = 3; hi = 0x9f; }
    else if (b == 0xf0) { len = 4; lo = 0x90; }
    else if (b >= 0xf1 && b <= 0xf3) len = 4;
    else if (b == 0xf4) { len = 4; hi = 0x8f; }
    else return false;
    if (i + len > n) return false;
    const b1 = <u32>bytes[i + 1];
    if (b1 < lo || b1 > hi) return false;
    for (let k = 2; k < len; k++) {
      const c = <u32>bytes[i + k];
      if (c < 0x80 || c > 0xbf) return false;
    }
    i += len;
  }
  return true;
}

class Reader {
  pos: i32 = 0;
  constructor(public src: Uint8Array) {}

  peek(): i32 { return this.pos < this.src.length ? <i32>this.src[this.pos] : -1; }

  ws(): void {
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c != 0x20 && c != 0x09 && c != 0x0a && c != 0x0d) break;
      this.pos++;
    }
  }

  value(depth: i32): JsonNode | null {
    const c = this.peek();
    if (c == 0x7b || c == 0x5b) {
      if (depth >= MAX_DEPTH) return null;
      return c == 0x7b ? this.object(depth + 1) : this.array(depth + 1);
    }
    if (c == 0x22) {
      const s = this.string();
      return s === null ? null : new JsonNode(JsonKind.String, s);
    }
    if (c == 0x74) return this.word("true", JsonKind.Bool);
    if (c == 0x66) return this.word("false", JsonKind.Bool);
    if (c == 0x6e) return this.word("null", JsonKind.Null);
    if (c == 0x2d || (c >= 0x30 && c <= 0x39)) return this.number();
    return null;
  }

  word(w: string, kind: JsonKind): JsonNode | null {
    if (this.pos + w.length > this.src.length) return null;
    for (let i = 0; i < w.length; i++) if (<i32>this.src[this.pos + i] != w.charCodeAt(i)) return null;
    this.pos += w.length;
    return new JsonNode(kind, w);
  }

  digits(): i32 {
    const start = this.pos;
    while (this.pos < this.src.length && this.src[this.pos] >= 0x30 && this.src[this.pos] <= 0x39) this.pos++;
    return this.pos - start;
  }

  number(): JsonNode | null {
    const start = this.pos;
    if (this.peek() == 0x2d) this.pos++;
    if (this.peek() == 0x30) this.pos++;
    else if (this.digits() == 0) return null;
    if (this.peek() == 0x2e) { this.pos++; if (this.digits() == 0) return null; }
    const e = this.peek();
    if (e == 0x65 || e == 0x45) {
      this.pos++;
      const s = this.peek();
      if (s == 0x2b || s == 0x2d) this.pos++;
      if (this.digits() == 0) return null;
    }
    return new JsonNode(JsonKind.Number, String.UTF8.decodeUnsafe(this.src.dataStart + <usize>start, <usize>(this.pos - start)));
  }

  hex4(): i32 {
    if (this.pos + 4 > this.src.length) return -1;
    let v = 0;
    for (let i = 0; i < 4; i++) {
      const c = <i32>this.src[this.pos + i];
      let d = -1;
      if (c >= 0x30 && c <= 0x39) d = c - 0x30;
      else if (c >= 0x61 && c <= 0x66) d = c - 0x61 + 10;
      else if (c >= 0x41 && c <= 0x46) d = c - 0x41 + 10;
      if (d < 0) return -1;
      v = (v << 4) | d;
    }
    this.pos += 4;
    return v;
  }

  // Unescaped string content; the opening quote is at pos. Raw bytes must be valid UTF-8.
  string(): string | null {
    this.pos++;
    let out = "";
    let run = this.pos; // start of the pending unescaped run
    const n = this.src.length;
    while (true) {
      if (this.pos >= n) return null;
      const c = <i32>this.src[this.pos];
      if (c == 0x22 || c == 0x5c) {
        const raw = this.rawRun(run, this.pos);
        if (raw === null) return null;
        out += raw;
        if (c == 0x22) { this.pos++; return out; }
        this.pos++;
        if (this.pos >= n) return null;
        const e = <i32>this.src[this.pos++];
        if (e == 0x22) out += "\"";
        else if (e == 0x5c) out += "\\";
        else if (e == 0x2f) out += "/";
        else if (e == 0x62) out += "\b";
        else if (e == 0x66) out += "\f";
        else if (e == 0x6e) out += "\n";
        else if (e == 0x72) out += "\r";
        else if (e == 0x74) out += "\t";
        else if (e == 0x75) {
          let u = this.hex4();
          if (u < 0) return null;
          if (u >= 0xd800 && u <= 0xdbff && this.pos + 1 < n && this.src[this.pos] == 0x5c && this.src[this.pos + 1] == 0x75) {
            const save = this.pos;
            this.pos += 2;
            const lo = this.hex4();
            if (lo >= 0xdc00 && lo <= 0xdfff) u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
            else this.pos = save;
          }
          if (u >= 0xd800 && u <= 0xdfff) u = 0xfffd; // a lone surrogate has no UTF-8 form
          out += String.fromCodePoint(u);
        } else return null;
        run = this.pos;
        continue;
      }
      if (c < 0x20) return null;
      this.pos++;
    }
  }

  rawRun(from: i32, to: i32): string | null {
    if (to == from) return "";
    const piece = this.src.subarray(from, to);
    if (!isValidUtf8(piece)) return null;
    return String.UTF8.decodeUnsafe(this.src.dataStart + <usize>from, <usize>(to - from));
  }

  array(depth: i32): JsonNode | null {
    this.pos++;
    const node = new JsonNode(JsonKind.Array);
    this.ws();
    if (this.peek() == 0x5d) { this.pos++; return node; }
    while (true) {
      this.ws();
      const v = this.value(depth);
      if (v === null) return null;
      node.items.push(v);
      this.ws();
      const c = this.peek();
      this.pos++;
      if (c == 0x5d) return node;
      if (c != 0x2c) return null;
    }
  }

  object(depth: i32): JsonNode | null {
    this.pos++;
    const node = new JsonNode(JsonKind.Object);
    this.ws();
    if (this.peek() == 0x7d) { this.pos++; return node; }
    while (true) {
      this.ws();
      if (this.peek() != 0x22) return null;
      const k = this.string();
      if (k === null) return null;
      this.ws();
      if (this.peek() != 0x3a) return null;
      this.pos++;
      this.ws();
      const v = this.value(depth);
      if (v === null) return null;
      node.keys.push(k);
      node.items.push(v);
      this.ws();
      const c = this.peek();
      this.pos++;
      if (c == 0x7d) return node;
      if (c != 0x2c) return null;
    }
  }
}

/** Compact JSON for `node`: no whitespace, strings re-escaped minimally. */
export function writeCompact(node: JsonNode): string {
  const parts = new Array<string>();
  write(node, parts);
  return parts.join("");
}

function write(node: JsonNode, out: Array<string>): void {
  switch (node.kind) {
    case JsonKind.String: out.push(quote(node.text)); return;
    case JsonKind.Array: {
      out.push("[");
      for (let i = 0; i < node.items.length; i++) { if (i) out.push(","); write(node.items[i], out); }
      out.push("]");
      return;
    }
    case JsonKind.Object: {
      out.push("{");
      for (let i = 0; i < node.items.length; i++) {
        if (i) out.push(",");
        out.push(quote(node.keys[i]));
        out.push(":");
        write(node.items[i], out);
      }
      out.push("}");
      return;
    }
    default: out.push(node.text);
  }
}

const HEX = "0123456789abcdef";

export function quote(s: string): string {
  let out = "\"";
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let esc: string | null = null;
    if (c == 0x22) esc = "\\\"";
    else if (c == 0x5c) esc = "\\\\";
    else if (c == 0x0a) esc = "\\n";
    else if (c == 0x0d) esc = "\\r";
    else if (c == 0x09) esc = "\\t";
    else if (c == 0x08) esc = "\\b";
    else if (c == 0x0c) esc = "\\f";
    else if (c < 0x20) esc = "\\u00" + HEX.charAt(c >> 4) + HEX.charAt(c & 15);
    if (esc !== null) {
      out += s.substring(run, i) + esc;
      run = i + 1;
    }
  }
  return out + s.substring(run) + "\"";
}
