// Random inputs for the parser property tests: JSON documents that carry the contexts they must
// produce (so the parser is checked against the generator, not against itself), protobuf
// messages in gRPC framing, and mutations that make inputs malformed.

import { Rng } from "../support/rng.ts";

export { Rng };

export interface Expected { kind: "K" | "V"; path: string; value: string; raw: string }

const enc = new TextEncoder();

/** A JSON string literal's inside (raw) and its decoded value, mixing plain text, escapes and UTF-8. */
function jsonString(r: Rng): { raw: string; value: string } {
  let raw = "", value = "";
  const n = r.int(12);
  for (let i = 0; i < n; i++) {
    switch (r.int(10)) {
      case 0: { const [e, v] = r.pick([["\\n", "\n"], ["\\\"", "\""], ["\\\\", "\\"], ["\\/", "/"], ["\\t", "\t"], ["\\b", "\b"], ["\\f", "\f"], ["\\r", "\r"]]); raw += e; value += v; break; }
      case 1: { const cp = 0x20 + r.int(0xd000); raw += "\\u" + cp.toString(16).padStart(4, "0"); value += String.fromCharCode(cp); break; }
      case 2: { const cp = 0x10000 + r.int(0xfffff); const s = String.fromCodePoint(cp); raw += `\\u${s.charCodeAt(0).toString(16)}\\u${s.charCodeAt(1).toString(16).toUpperCase()}`; value += s; break; }
      case 3: { const s = r.pick(["\u00e9", "\u4e2d\u6587", "\u{1F600}", "\u0416"]); raw += s; value += s; break; }
      case 4: { raw += "\\ud800"; value += "\ufffd"; break; } // lone surrogate
      case 5: { const s = r.pick([".", "[", "]", "0", "a.b", "[3]"]); raw += s; value += s; break; }
      default: { const s = "abcdefghijklmnopqrstuvwxyz @-_0123456789".slice(r.int(20), 20 + r.int(20)); raw += s; value += s; }
    }
  }
  return { raw, value };
}

function jsonNumber(r: Rng): string {
  let s = r.chance(0.3) ? "-" : "";
  s += r.chance(0.2) ? "0" : String(1 + r.int(9)) + "0123456789".slice(0, r.int(8));
  if (r.chance(0.3)) s += "." + String(r.int(100000));
  if (r.chance(0.2)) s += r.pick(["e", "E"]) + r.pick(["", "+", "-"]) + String(r.int(300));
  return s;
}

const ws = (r: Rng): string => (r.chance(0.6) ? "" : r.pick([" ", "\n", "\t", "\r\n", "  "]));

function renderPath(segs: Array<string | number>): string {
  let s = "";
  segs.forEach((g, i) => { s += typeof g === "number" ? `[${g}]` : (i > 0 ? "." : "") + g; });
  return s;
}

/** A random JSON value as text, appending the contexts it produces to `out`. */
function jsonValue(r: Rng, depth: number, maxDepth: number, path: Array<string | number>, out: Expected[]): string {
  const k = depth >= maxDepth ? 2 + r.int(3) : r.int(5);
  if (k === 0) {
    const n = r.int(5);
    let s = "{" + ws(r);
    for (let i = 0; i < n; i++) {
      const key = jsonString(r);
      const p = [...path, key.value];
      out.push({ kind: "K", path: renderPath(p), value: key.value, raw: key.raw });
      s += (i ? "," + ws(r) : "") + `"${key.raw}"` + ws(r) + ":" + ws(r) + jsonValue(r, depth + 1, maxDepth, p, out) + ws(r);
    }
    return s + "}";
  }
  if (k === 1) {
    const n = r.int(5);
    let s = "[" + ws(r);
    for (let i = 0; i < n; i++) s += (i ? "," + ws(r) : "") + jsonValue(r, depth + 1, maxDepth, [...path, i], out) + ws(r);
    return s + "]";
  }
  if (k === 2) {
    const str = jsonString(r);
    out.push({ kind: "V", path: renderPath(path), value: str.value, raw: str.raw });
    return `"${str.raw}"`;
  }
  if (k === 3) {
    const num = jsonNumber(r);
    out.push({ kind: "V", path: renderPath(path), value: num, raw: num });
    return num;
  }
  return r.pick(["true", "false", "null"]);
}

export interface JsonCase { text: string; bytes: Uint8Array; expected: Array<Expected & { blob: number }> }

/** One to three documents, concatenated or newline-separated. */
export function randomJson(r: Rng, maxDepth = 6): JsonCase {
  const docs = 1 + (r.chance(0.7) ? 0 : r.int(3));
  let text = ws(r);
  const expected: Array<Expected & { blob: number }> = [];
  for (let d = 0; d < docs; d++) {
    const out: Expected[] = [];
    // A scalar document needs a separator from the next one; containers and strings do not.
    text += jsonValue(r, 0, maxDepth, [], out) + (r.chance(0.5) ? "\n" : " ") + ws(r);
    for (const e of out) expected.push({ ...e, blob: d });
  }
  return { text, bytes: enc.encode(text), expected };
}

/** Random cut points inside [0, len). */
export function randomCuts(r: Rng, len: number): number[] {
  const n = r.int(6);
  const cuts: number[] = [];
  for (let i = 0; i < n; i++) cuts.push(1 + r.int(Math.max(1, len - 1)));
  return cuts;
}

/** Breaks an input: truncate, drop, insert, or overwrite a byte, or replace it with random bytes. */
export function mutate(r: Rng, b: Uint8Array): Uint8Array {
  const at = r.int(b.length + 1);
  switch (r.int(5)) {
    case 0: return b.slice(0, at);
    case 1: return Uint8Array.from([...b.slice(0, at), ...b.slice(at + 1)]);
    case 2: return Uint8Array.from([...b.slice(0, at), r.pick([0x22, 0x5c, 0x7b, 0x7d, 0x5b, 0x5d, 0x3a, 0x2c, 0x00, 0xff, r.int(256)]), ...b.slice(at)]);
    case 3: { const c = b.slice(); if (c.length) c[r.int(c.length)] = r.int(256); return c; }
    default: { const c = new Uint8Array(r.int(64)); for (let i = 0; i < c.length; i++) c[i] = r.pick([0x22, 0x5c, 0x7b, 0x5b, 0x75, 0x30, 0x2d, r.int(256)]); return c; }
  }
}

// ── protobuf ──

function varint(v: bigint, out: number[]): void { while (v >= 0x80n) { out.push(Number(v & 0x7fn) | 0x80); v >>= 7n; } out.push(Number(v)); }

/** A random protobuf message; strings are printable ASCII so they decode as strings. */
export function randomMessage(r: Rng, depth = 0): number[] {
  const out: number[] = [];
  const n = r.int(6);
  for (let i = 0; i < n; i++) {
    const field = BigInt(1 + (r.chance(0.8) ? r.int(20) : r.int(1 << 29) ));
    switch (r.int(depth < 4 ? 6 : 5)) {
      case 0: varint((field << 3n) | 0n, out); varint(BigInt(r.int(1 << 30)) * BigInt(1 + r.int(1 << 30)), out); break;
      case 1: varint((field << 3n) | 1n, out); for (let k = 0; k < 8; k++) out.push(r.int(256)); break;
      case 2: varint((field << 3n) | 5n, out); for (let k = 0; k < 4; k++) out.push(r.int(256)); break;
      case 3: { const s = enc.encode("user" + r.int(1000) + "@example.com " + "x".repeat(r.int(200))); varint((field << 3n) | 2n, out); varint(BigInt(s.length), out); out.push(...s); break; }
      case 4: { const s: number[] = []; for (let k = r.int(8); k > 0; k--) s.push(r.int(256)); varint((field << 3n) | 2n, out); varint(BigInt(s.length), out); out.push(...s); break; }
      default: { const m = randomMessage(r, depth + 1); varint((field << 3n) | 2n, out); varint(BigInt(m.length), out); out.push(...m); }
    }
  }
  return out;
}

export function grpcFrames(msgs: number[][], flags: number[] = []): Uint8Array {
  const out: number[] = [];
  msgs.forEach((m, i) => { out.push(flags[i] ?? 0, (m.length >>> 24) & 255, (m.length >>> 16) & 255, (m.length >>> 8) & 255, m.length & 255, ...m); });
  return Uint8Array.from(out);
}

// ── MessagePack ──

/** A random MessagePack value appended to `out`, with the contexts it produces (JSON-style paths). */
function mpValue(r: Rng, depth: number, path: Array<string | number>, out: number[], exp: Expected[], isKey = false): void {
  const be = (v: bigint, n: number): void => { for (let i = n - 1; i >= 0; i--) out.push(Number((v >> BigInt(8 * i)) & 0xffn)); };
  const kind = isKey ? r.int(2) + 2 : depth >= 4 ? 2 + r.int(4) : r.int(6);
  const p = renderPath(path);
  if (kind === 0 || kind === 1) {
    const n = r.int(4);
    const isMap = kind === 0;
    if (n < 16 && r.chance(0.7)) out.push((isMap ? 0x80 : 0x90) | n); else { out.push(isMap ? 0xde : 0xdc); be(BigInt(n), 2); }
    for (let i = 0; i < n; i++) {
      if (isMap) {
        const keyOut: Expected[] = [];
        const before = out.length;
        mpValue(r, depth + 1, path, out, keyOut, true);
        const key = keyOut[0];
        const keyText = key ? key.value : "";
        const kp = [...path, keyText];
        if (key) exp.push({ ...key, path: renderPath(kp) });
        void before;
        mpValue(r, depth + 1, kp, out, exp);
      } else {
        mpValue(r, depth + 1, [...path, i], out, exp);
      }
    }
    return;
  }
  if (kind === 2) {
    const s = r.pick(["", "a", "user@example.com", "caf\u00e9", "x".repeat(40), "k.[0]", "\u{1F600}"]) + (r.chance(0.5) ? String(r.int(1000)) : "");
    const u = enc.encode(s);
    if (u.length < 32 && r.chance(0.6)) out.push(0xa0 | u.length); else if (u.length < 256 && r.chance(0.5)) { out.push(0xd9); be(BigInt(u.length), 1); } else { out.push(0xda); be(BigInt(u.length), 2); }
    out.push(...u);
    exp.push({ kind: isKey ? "K" : "V", path: p, value: s, raw: "" });
    return;
  }
  if (kind === 3) {
    const forms: Array<() => bigint> = [
      () => { const v = BigInt(r.int(128)); out.push(Number(v)); return v; },
      () => { const v = -BigInt(1 + r.int(32)); out.push(Number(v & 0xffn)); return v; },
      () => { const v = BigInt(r.int(256)); out.push(0xcc); be(v, 1); return v; },
      () => { const v = BigInt(r.int(65536)); out.push(0xcd); be(v, 2); return v; },
      () => { const v = BigInt(r.int(2 ** 32)); out.push(0xce); be(v, 4); return v; },
      () => { const v = BigInt(r.int(2 ** 32)) * BigInt(r.int(2 ** 32)); out.push(0xcf); be(v, 8); return v; },
      () => { const v = -BigInt(1 + r.int(2 ** 31)); out.push(0xd2); be(BigInt.asUintN(32, v), 4); return v; },
      () => { const v = -BigInt(r.int(2 ** 32)) * BigInt(r.int(2 ** 30)); out.push(0xd3); be(BigInt.asUintN(64, v), 8); return v; },
    ];
    const v = r.pick(forms)();
    exp.push({ kind: isKey ? "K" : "V", path: p, value: v.toString(), raw: "" });
    return;
  }
  if (kind === 4) {
    const f = r.pick([0.5, 1.25, -2.75, 1e21, 3.141592653589793, 0, 123456.789]);
    out.push(0xcb);
    const dv = new DataView(new ArrayBuffer(8)); dv.setFloat64(0, f);
    for (let i = 0; i < 8; i++) out.push(dv.getUint8(i));
    exp.push({ kind: "V", path: p, value: floatText(f), raw: "" });
    return;
  }
  out.push(r.pick([0xc0, 0xc2, 0xc3]));
}

// AssemblyScript's dtoa: shortest round-trip digits like JS, but always with a fraction part
// ("0.0", "1e+21").
function floatText(f: number): string { const s = String(f); return /[.e]/.test(s) ? s : s + ".0"; }

export interface MsgpackCase { bytes: Uint8Array; expected: Array<Expected & { blob: number }> }

export function randomMsgpack(r: Rng): MsgpackCase {
  const out: number[] = [];
  const expected: Array<Expected & { blob: number }> = [];
  const docs = 1 + r.int(3);
  for (let d = 0; d < docs; d++) {
    const exp: Expected[] = [];
    mpValue(r, 0, [], out, exp);
    for (const e of exp) expected.push({ ...e, blob: d });
  }
  return { bytes: Uint8Array.from(out), expected };
}
