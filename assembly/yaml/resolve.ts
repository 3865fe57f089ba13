// Resolution of plain scalars per the YAML 1.2 core schema, restricted by the policy spec
// (§2.1): only `true`/`false` in any letter case are booleans — `yes`/`no`/`on`/`off`
// (YAML 1.1 booleans) stay strings, as do things like `0042`'s text, which is kept in
// `text` whatever the kind. Quoted and block scalars are always strings.

import { YamlNode, YamlKind } from "./node";

export function resolvePlain(node: YamlNode): void {
  let s = node.text;
  let n = s.length;
  if (n == 0 || s == "~" || s == "null" || s == "Null" || s == "NULL") {
    node.kind = YamlKind.Null;
    return;
  }
  if (n == 4 || n == 5) {
    let lower = s.toLowerCase();
    if (lower == "true" || lower == "false") {
      node.kind = YamlKind.Bool;
      node.boolValue = lower == "true";
      return;
    }
  }
  let c = s.charCodeAt(0);
  // Fast exit: every number starts with a digit, a sign or a dot.
  if (!(c >= 0x30 && c <= 0x39) && c != 0x2D && c != 0x2B && c != 0x2E) {
    node.kind = YamlKind.String;
    return;
  }
  if (resolveInt(node, s)) return;
  if (resolveFloat(node, s)) return;
  node.kind = YamlKind.String;
}

/** `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+`. A decimal beyond i64 becomes a Float
 *  (its text is still exact); a hex or octal beyond u63 stays a String. */
function resolveInt(node: YamlNode, s: string): bool {
  let n = s.length;
  if (n > 2 && s.charCodeAt(0) == 0x30 && (s.charCodeAt(1) == 0x78 || s.charCodeAt(1) == 0x6F)) {
    let shift = s.charCodeAt(1) == 0x78 ? 4 : 3;
    let v: u64 = 0;
    for (let i = 2; i < n; i++) {
      let d = digitValue(s.charCodeAt(i));
      if (d < 0 || d >= (1 << shift)) return false;
      if (v >> (63 - shift) != 0) return false; // would overflow i64
      v = (v << shift) | <u64>d;
    }
    node.kind = YamlKind.Int;
    node.intValue = <i64>v;
    node.floatValue = <f64>v;
    return true;
  }
  let i = 0;
  let neg = false;
  let c = s.charCodeAt(0);
  if (c == 0x2D || c == 0x2B) {
    neg = c == 0x2D;
    i = 1;
  }
  if (i >= n) return false;
  // Accumulate negatively so that i64.MIN_VALUE parses.
  let v: i64 = 0;
  let overflow = false;
  for (; i < n; i++) {
    let d = s.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return false;
    if (v < (i64.MIN_VALUE + <i64>d) / 10) overflow = true;
    else v = v * 10 - <i64>d;
  }
  if (!overflow && !neg && v == i64.MIN_VALUE) overflow = true;
  if (overflow) {
    node.kind = YamlKind.Float;
    node.floatValue = parseFloat(s);
    return true;
  }
  node.kind = YamlKind.Int;
  node.intValue = neg ? v : -v;
  node.floatValue = <f64>node.intValue;
  return true;
}

/** `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, `[-+]?.inf` and `.nan`
 *  (each in the three spellings the core schema allows). */
function resolveFloat(node: YamlNode, s: string): bool {
  let n = s.length;
  let i = 0;
  let c = s.charCodeAt(0);
  let neg = false;
  if (c == 0x2D || c == 0x2B) {
    neg = c == 0x2D;
    i = 1;
  }
  let rest = s.substring(i);
  if (rest == ".inf" || rest == ".Inf" || rest == ".INF") {
    node.kind = YamlKind.Float;
    node.floatValue = neg ? -Infinity : Infinity;
    return true;
  }
  if (i == 0 && (s == ".nan" || s == ".NaN" || s == ".NAN")) {
    node.kind = YamlKind.Float;
    node.floatValue = NaN;
    return true;
  }
  let intDigits = 0;
  while (i < n && isDec(s.charCodeAt(i))) { i++; intDigits++; }
  let fracDigits = 0;
  if (i < n && s.charCodeAt(i) == 0x2E) {
    i++;
    while (i < n && isDec(s.charCodeAt(i))) { i++; fracDigits++; }
    if (intDigits == 0 && fracDigits == 0) return false;
  } else if (intDigits == 0) {
    return false;
  }
  if (i < n && (s.charCodeAt(i) == 0x65 || s.charCodeAt(i) == 0x45)) {
    i++;
    if (i < n && (s.charCodeAt(i) == 0x2B || s.charCodeAt(i) == 0x2D)) i++;
    let expDigits = 0;
    while (i < n && isDec(s.charCodeAt(i))) { i++; expDigits++; }
    if (expDigits == 0) return false;
  }
  if (i != n) return false;
  node.kind = YamlKind.Float;
  node.floatValue = parseFloat(s);
  return true;
}

@inline function isDec(c: i32): bool {
  return c >= 0x30 && c <= 0x39;
}

function digitValue(c: i32): i32 {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}
