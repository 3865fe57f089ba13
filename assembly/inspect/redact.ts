// Redaction of a body (spec §7.8 `redact`): each span is replaced by its entry's mask ("" deletes
// it); overlapping spans merge into their union, which takes the earliest span's mask. In JSON,
// a mask inside a string is JSON-escaped, and a number with a redacted span becomes a string
// of the masked text, so the document stays valid JSON.

export class RedactSpan {
  constructor(
    public start: i64,
    public end: i64,
    public mask: string,
    /** Raw offset where the span's context (JSON string contents or number token) starts; -1 outside JSON. */
    public contextStart: i64,
  ) {}
}

/** Merges overlapping spans: union, earliest span's mask (spans sorted by start first). */
export function mergeSpans(spans: Array<RedactSpan>): Array<RedactSpan> {
  const sorted = spans.slice(0);
  sorted.sort((a: RedactSpan, b: RedactSpan): i32 => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const out = new Array<RedactSpan>();
  for (let i = 0; i < sorted.length; i++) {
    const s = sorted[i];
    if (out.length > 0 && s.start < out[out.length - 1].end) {
      const last = out[out.length - 1];
      if (s.end > last.end) last.end = s.end;
      continue;
    }
    out.push(new RedactSpan(s.start, s.end, s.mask, s.contextStart));
  }
  return out;
}

/** A growable byte buffer for the rewritten body. */
class Out {
  bytes: Uint8Array = new Uint8Array(256);
  length: i32 = 0;
  ensure(n: i32): void {
    if (this.length + n <= this.bytes.length) return;
    let cap = this.bytes.length * 2;
    while (cap < this.length + n) cap *= 2;
    const next = new Uint8Array(cap);
    memory.copy(next.dataStart, this.bytes.dataStart, <usize>this.length);
    this.bytes = next;
  }
  copy(ptr: usize, n: i32): void {
    if (n <= 0) return;
    this.ensure(n);
    memory.copy(this.bytes.dataStart + <usize>this.length, ptr, <usize>n);
    this.length += n;
  }
  byte(b: u8): void { this.ensure(1); unchecked(this.bytes[this.length++] = b); }
  text(s: string, jsonEscape: bool): void {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i); // masks are ASCII (a non-ASCII mask is fatal at load)
      if (jsonEscape && (c == 0x22 || c == 0x5c)) this.byte(0x5c);
      if (jsonEscape && c < 0x20) { this.text("\\u00" + (c < 16 ? "0" : "1") + "0123456789abcdef".charAt(c & 15), false); continue; }
      this.byte(<u8>c);
    }
  }
  result(): Uint8Array { return this.bytes.subarray(0, this.length); }
}

@inline function isNumberByte(c: i32): bool { return (c >= 48 && c <= 57) || c == 0x2d || c == 0x2b || c == 0x2e || c == 0x65 || c == 0x45; }

/** The body [ptr, ptr+len) with the spans replaced. `json`: the body was parsed as JSON. */
export function redact(ptr: usize, len: i32, spans: Array<RedactSpan>, json: bool): Uint8Array {
  const merged = mergeSpans(spans);
  const out = new Out();
  let at: i64 = 0;
  let i = 0;
  while (i < merged.length) {
    const s = merged[i];
    if (s.start < at || s.end > <i64>len) { i++; continue; } // outside what is held
    const ctx = s.contextStart;
    const inNumber = json && ctx >= 0 && (ctx == 0 || load<u8>(ptr + <usize>(ctx - 1)) != 0x22) && ctx <= s.start;
    if (!inNumber) {
      out.copy(ptr + <usize>at, <i32>(s.start - at));
      out.text(s.mask, json && ctx >= 0);
      at = s.end;
      i++;
      continue;
    }
    // A number token: rewrite it whole as a string, with every span inside it masked.
    let tokenEnd = ctx;
    while (tokenEnd < <i64>len && isNumberByte(<i32>load<u8>(ptr + <usize>tokenEnd))) tokenEnd++;
    out.copy(ptr + <usize>at, <i32>(ctx - at));
    out.byte(0x22);
    let pos = ctx;
    while (i < merged.length && merged[i].start < tokenEnd) {
      const t = merged[i];
      out.copy(ptr + <usize>pos, <i32>(t.start - pos));
      out.text(t.mask, true);
      pos = min(t.end, tokenEnd);
      i++;
    }
    out.copy(ptr + <usize>pos, <i32>(tokenEnd - pos));
    out.byte(0x22);
    at = tokenEnd;
  }
  out.copy(ptr + <usize>at, <i32>(<i64>len - at));
  return out.result();
}
