// Set algebra on classes stored as flat Array<u32> of inclusive [lo, hi] pairs.
// All functions return new normalized arrays (sorted, non-overlapping, non-adjacent).
// Cost: O(n log n) for normalize, O(n + m) for the binary operators. Parse time only.
import { PROP_NAMES, PROP_OFFSETS, PROP_RANGES, FOLD_FROM, FOLD_TO } from "./unicode_data";

export const MAX_CP: u32 = 0x10ffff;

export function normalize(r: Array<u32>): Array<u32> {
  const n = r.length >> 1;
  if (n == 0) return [];
  const keys = new Array<u64>(n);
  for (let i = 0; i < n; i++) keys[i] = (<u64>r[i << 1] << 32) | <u64>r[(i << 1) + 1];
  keys.sort();
  const out = new Array<u32>();
  for (let k = 0; k < n; k++) {
    const lo = <u32>(keys[k] >> 32), hi = <u32>keys[k];
    const m = out.length;
    if (m > 0 && lo <= out[m - 1] + 1) {
      if (hi > out[m - 1]) out[m - 1] = hi;
    } else {
      out.push(lo);
      out.push(hi);
    }
  }
  return out;
}

export function union(a: Array<u32>, b: Array<u32>): Array<u32> { return normalize(a.concat(b)); }

// Complement within [0, max] (max = 0x10FFFF for code points, 0xFF for bytes).
export function negate(a: Array<u32>, max: u32): Array<u32> {
  const out = new Array<u32>();
  let next: u32 = 0;
  for (let i = 0; i < a.length; i += 2) {
    if (a[i] > next) { out.push(next); out.push(a[i] - 1); }
    next = a[i + 1] + 1;
  }
  if (next <= max && (a.length == 0 || a[a.length - 1] < max)) { out.push(next); out.push(max); }
  return out;
}

export function intersect(a: Array<u32>, b: Array<u32>): Array<u32> {
  const out = new Array<u32>();
  let i = 0, j = 0;
  while (i < a.length && j < b.length) {
    const lo = max<u32>(a[i], b[j]), hi = min<u32>(a[i + 1], b[j + 1]);
    if (lo <= hi) { out.push(lo); out.push(hi); }
    if (a[i + 1] < b[j + 1]) i += 2; else j += 2;
  }
  return out;
}

export function difference(a: Array<u32>, b: Array<u32>, max: u32): Array<u32> { return intersect(a, negate(b, max)); }

export function symmetricDifference(a: Array<u32>, b: Array<u32>, max: u32): Array<u32> {
  return union(difference(a, b, max), difference(b, a, max));
}

export function contains(a: Array<u32>, c: u32): bool {
  let lo = 0, hi = (a.length >> 1) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (c < a[mid << 1]) hi = mid - 1;
    else if (c > a[(mid << 1) + 1]) lo = mid + 1;
    else return true;
  }
  return false;
}

// Adds every simple-case-folding equivalent of every member.
export function caseFold(a: Array<u32>): Array<u32> {
  const out = a.slice(0);
  const n = FOLD_FROM.length;
  for (let i = 0; i < a.length; i += 2) {
    const lo = a[i], hi = a[i + 1];
    // first fold entry >= lo
    let l = 0, h = n;
    while (l < h) { const m = (l + h) >> 1; if (unchecked(FOLD_FROM[m]) < lo) l = m + 1; else h = m; }
    for (let k = l; k < n && unchecked(FOLD_FROM[k]) <= hi; k++) { const t = unchecked(FOLD_TO[k]); out.push(t); out.push(t); }
  }
  return normalize(out);
}

// ASCII-only case folding (used under (?-u)).
export function asciiFold(a: Array<u32>): Array<u32> {
  const out = a.slice(0);
  for (let i = 0; i < a.length; i += 2) {
    const lo = a[i], hi = a[i + 1];
    const ul = max<u32>(lo, 0x41), uh = min<u32>(hi, 0x5a);
    if (ul <= uh) { out.push(ul + 32); out.push(uh + 32); }
    const ll = max<u32>(lo, 0x61), lh = min<u32>(hi, 0x7a);
    if (ll <= lh) { out.push(ll - 32); out.push(lh - 32); }
  }
  return normalize(out);
}

// Looks up a Unicode property by its loosely matched name (case, ' ', '_' and '-' ignored, an
// optional "is" prefix). Returns null when unknown.
export function unicodeProperty(name: string): Array<u32> | null {
  let key = "";
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c == 0x20 || c == 0x5f || c == 0x2d) continue;
    key += String.fromCharCode(c >= 0x41 && c <= 0x5a ? c + 32 : c);
  }
  const r = findProp(key);
  if (r != null) return r;
  if (key.startsWith("is")) return findProp(key.substring(2));
  return null;
}

function findProp(key: string): Array<u32> | null {
  const prefix = key + "=";
  for (let i = 0; i < PROP_NAMES.length; i++) {
    const n = PROP_NAMES[i];
    if (n.startsWith(prefix)) {
      const idx = I32.parseInt(n.substring(prefix.length));
      const out = new Array<u32>();
      for (let k = PROP_OFFSETS[idx]; k < PROP_OFFSETS[idx + 1]; k++) out.push(PROP_RANGES[k]);
      return out;
    }
  }
  return null;
}

export function propertyOrAbort(name: string): Array<u32> {
  const r = unicodeProperty(name);
  assert(r != null, name);
  return r!;
}
