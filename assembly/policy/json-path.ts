// JSON paths, parsed once at load into segments. Two grammars share the segment type:
// - match-path patterns (spec §7.3) used by MatchRuleFilter `path` and body extractors:
//   optional `$`/`$.`, then `name`, `*`, `[n]`, `[*]`; empty segments ignored;
// - token json_path steps (spec §4.4): `$`, `.k`, `['k']`, `[n]`, `[*]`, `.*`, `..k`.

export const enum SegmentKind { Key, AnyKey, Index, AnyIndex, Descend }

export class JsonPathSegment {
  constructor(public kind: SegmentKind, public key: string = "", public index: i32 = 0) {}

  toString(): string {
    switch (this.kind) {
      case SegmentKind.Key: return "." + this.key;
      case SegmentKind.AnyKey: return ".*";
      case SegmentKind.Index: return "[" + this.index.toString() + "]";
      case SegmentKind.AnyIndex: return "[*]";
      case SegmentKind.Descend: return ".." + this.key;
    }
    return "";
  }
}

export class JsonPath {
  source: string;
  segments: Array<JsonPathSegment> = [];
  /** Why parsing failed; "" when it succeeded. */
  error: string = "";

  constructor(source: string) {
    this.source = source;
  }

  get ok(): bool {
    return this.error.length == 0;
  }
}

/** §7.3 pattern. Keys are verbatim: any character but `.` and `[`. */
export function parseMatchPathPattern(source: string): JsonPath {
  const p = new JsonPath(source);
  let s = source.trim();
  if (s.startsWith("$")) s = s.substring(1);
  let i = 0;
  const n = s.length;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c == 0x2e) { i++; continue; } // '.' separates; empty segments are ignored
    if (c == 0x5b) {
      const close = s.indexOf("]", i);
      if (close < 0) { p.error = "unclosed '[' at character " + i.toString(); return p; }
      const inner = s.substring(i + 1, close).trim();
      const seg = indexSegment(inner);
      if (seg === null) { p.error = "'[" + inner + "]' is not [n] or [*]"; return p; }
      p.segments.push(seg);
      i = close + 1;
      continue;
    }
    let j = i;
    while (j < n && s.charCodeAt(j) != 0x2e && s.charCodeAt(j) != 0x5b) j++;
    const name = s.substring(i, j);
    p.segments.push(name == "*" ? new JsonPathSegment(SegmentKind.AnyKey) : new JsonPathSegment(SegmentKind.Key, name));
    i = j;
  }
  return p;
}

/** §4.4 token json_path: must start with `$`. */
export function parseTokenJsonPath(source: string): JsonPath {
  const p = new JsonPath(source);
  const s = source.trim();
  if (!s.startsWith("$")) { p.error = "must start with '$'"; return p; }
  let i = 1;
  const n = s.length;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c == 0x2e) {
      let descend = false;
      i++;
      if (i < n && s.charCodeAt(i) == 0x2e) { descend = true; i++; }
      let j = i;
      while (j < n && s.charCodeAt(j) != 0x2e && s.charCodeAt(j) != 0x5b) j++;
      const name = s.substring(i, j);
      if (name.length == 0) { p.error = "empty key at character " + i.toString(); return p; }
      if (descend) p.segments.push(new JsonPathSegment(SegmentKind.Descend, name));
      else if (name == "*") p.segments.push(new JsonPathSegment(SegmentKind.AnyKey));
      else p.segments.push(new JsonPathSegment(SegmentKind.Key, name));
      i = j;
    } else if (c == 0x5b) {
      i++;
      if (i < n && (s.charCodeAt(i) == 0x27 || s.charCodeAt(i) == 0x22)) {
        const q = s.charCodeAt(i);
        const end = s.indexOf(String.fromCharCode(q), i + 1);
        if (end < 0 || end + 1 >= n || s.charCodeAt(end + 1) != 0x5d) { p.error = "unclosed quoted key at character " + i.toString(); return p; }
        p.segments.push(new JsonPathSegment(SegmentKind.Key, s.substring(i + 1, end)));
        i = end + 2;
      } else {
        const close = s.indexOf("]", i);
        if (close < 0) { p.error = "unclosed '[' at character " + (i - 1).toString(); return p; }
        const seg = indexSegment(s.substring(i, close).trim());
        if (seg === null) { p.error = "'[" + s.substring(i, close) + "]' is not ['k'], [n] or [*]"; return p; }
        p.segments.push(seg);
        i = close + 1;
      }
    } else {
      p.error = "unexpected '" + String.fromCharCode(c) + "' at character " + i.toString();
      return p;
    }
  }
  return p;
}

function indexSegment(inner: string): JsonPathSegment | null {
  if (inner == "*") return new JsonPathSegment(SegmentKind.AnyIndex);
  if (inner.length == 0 || inner.length > 9) return null;
  for (let k = 0; k < inner.length; k++) {
    const d = inner.charCodeAt(k);
    if (d < 0x30 || d > 0x39) return null;
  }
  return new JsonPathSegment(SegmentKind.Index, "", I32.parseInt(inner));
}
