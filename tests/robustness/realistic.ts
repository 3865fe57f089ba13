// Realistic traffic for the memory tests: JSON API responses with and without personal data, JSON
// request bodies, HTML pages, NDJSON logs, gzip/deflate-encoded JSON and HTML, and gRPC messages
// (plain and gzip), 100 B – 2.4 KB each: the filter scans personal data at about 1 MB/s under
// load, so bigger bodies would not fit 100,000 exchanges in the budget. Built once from a seed
// into a fixed pool that the test cycles through, so every size and shape is seen in the first
// 1,000 exchanges and the high-water mark after them covers the working set of the rest.
import { gzipSync, deflateSync } from "node:zlib";
import { Rng } from "./gen.ts";

export interface RealisticExchange {
  name: string;
  path: string;
  method: string;
  requestHeaders: [string, string][];
  requestBody: Buffer[];
  responseHeaders: [string, string][];
  responseBody: Buffer[];
}

const FIRST = ["Alice", "Bob", "Chen", "Dolores", "Émile", "Fatima", "Gus", "Hiro"];
const LAST = ["Smith", "Nguyen", "García", "Okafor", "Müller", "Kowalski"];
const STREETS = ["Main Street", "Oak Avenue", "Elm Road", "Pine Lane"];

function person(r: Rng, pii: boolean): Record<string, unknown> {
  const first = r.pick(FIRST), last = r.pick(LAST);
  const p: Record<string, unknown> = { id: r.int(1e6), name: `${first} ${last}`, active: r.chance(0.5), score: Math.round(r.next() * 1e4) / 100 };
  if (pii) {
    p.email = `${first.toLowerCase()}.${r.int(999)}@example.com`;
    if (r.chance(0.5)) p.phone = `+1 (415) 555-${String(1000 + r.int(8999))}`;
    if (r.chance(0.3)) p.ssn = `${100 + r.int(500)}-${10 + r.int(89)}-${1000 + r.int(8999)}`;
    if (r.chance(0.3)) p.address = `${1 + r.int(999)} ${r.pick(STREETS)}`;
    if (r.chance(0.2)) p.card_number = "4111 1111 1111 1111";
    if (r.chance(0.2)) p.dob = `19${50 + r.int(49)}-0${1 + r.int(8)}-1${r.int(9)}`;
  } else {
    p.tags = ["alpha", "beta", "gamma"].slice(0, r.int(4));
    p.description = "A product that does what it says on the tin.".slice(0, 10 + r.int(35));
  }
  return p;
}

function targetSize(r: Rng): number { return Math.floor(Math.exp(Math.log(100) + r.next() * Math.log(24))); } // 100 B – 2.4 KB

function jsonList(r: Rng, pii: boolean): Buffer {
  const size = targetSize(r);
  const items: unknown[] = [];
  let s = "";
  while (s.length < size) { items.push(person(r, pii)); s = JSON.stringify({ page: 1, items }); }
  return Buffer.from(s);
}

function html(r: Rng, pii: boolean): Buffer {
  const size = targetSize(r);
  let s = "<!doctype html><html><head><title>Orders</title></head><body><table>";
  while (s.length < size) {
    const p = person(r, pii);
    s += `<tr><td>${p.name}</td><td>${pii ? p.email : p.description}</td><td>${p.score}</td></tr>\n`;
  }
  return Buffer.from(s + "</table></body></html>");
}

function ndjsonLog(r: Rng): Buffer {
  const size = targetSize(r);
  let s = "";
  while (s.length < size) s += JSON.stringify({ ts: 1_700_000_000 + r.int(1e6), level: r.pick(["info", "warn"]), msg: "request served", user: person(r, r.chance(0.3)) }) + "\n";
  return Buffer.from(s);
}

function varint(v: number): number[] { const o: number[] = []; do { let b = v & 0x7f; v = Math.floor(v / 128); if (v) b |= 0x80; o.push(b); } while (v); return o; }
function pbString(field: number, s: string): number[] { const b = Buffer.from(s); return [...varint(field * 8 + 2), ...varint(b.length), ...b]; }

function grpcMessage(r: Rng, gzip: boolean): Buffer {
  const frames: Buffer[] = [];
  for (let n = r.range(1, 3), i = 0; i < n; i++) {
    const p = person(r, true);
    let msg: Buffer = Buffer.from([...varint(8), ...varint(Number(p.id)), ...pbString(2, String(p.name)), ...pbString(3, String(p.email)),
      ...pbString(4, [...pbString(1, "nested"), ...varint(16), ...varint(7)].map((b) => String.fromCharCode(b)).join(""))]);
    if (gzip) msg = gzipSync(msg);
    const head = Buffer.alloc(5); head[0] = gzip ? 1 : 0; head.writeUInt32BE(msg.length, 1);
    frames.push(head, msg);
  }
  return Buffer.concat(frames);
}

function split(r: Rng, b: Buffer): Buffer[] {
  if (r.chance(0.5) || b.length < 2) return [b];
  const out: Buffer[] = [];
  for (let at = 0; at < b.length;) { const n = 1 + r.int(Math.max(1, b.length >> 1)); out.push(b.subarray(at, at + n)); at += n; }
  return out;
}

export function realisticExchange(r: Rng): RealisticExchange {
  const base = { method: "GET", requestHeaders: [] as [string, string][], requestBody: [] as Buffer[] };
  const path = r.pick(["/api/users", "/api/orders/42", "/", "/static/app.js", "/grpc.Users/Get", "/logs/ingest"]);
  let name: string, ct: string, body: Buffer, extra: [string, string][] = [];
  switch (r.int(9)) {
    case 0: name = "json-pii"; ct = "application/json"; body = jsonList(r, true); break;
    case 1: name = "json-clean"; ct = "application/json"; body = jsonList(r, false); break;
    case 2: name = "html-pii"; ct = "text/html; charset=utf-8"; body = html(r, true); break;
    case 3: name = "html-clean"; ct = "text/html"; body = html(r, false); break;
    case 4: name = "ndjson"; ct = "application/json"; body = ndjsonLog(r); break;
    case 5: name = "json-gzip"; ct = "application/json"; body = gzipSync(jsonList(r, r.chance(0.5))); extra = [["content-encoding", "gzip"]]; break;
    case 6: name = "html-deflate"; ct = "text/html"; body = deflateSync(html(r, r.chance(0.5))); extra = [["content-encoding", "deflate"]]; break;
    case 7: { const gz = r.chance(0.3); name = gz ? "grpc-gzip" : "grpc"; ct = "application/grpc"; body = grpcMessage(r, gz); if (gz) extra = [["grpc-encoding", "gzip"]]; break; }
    default: {
      // A JSON POST: the personal data is in the request, the response is a small acknowledgement.
      const req = Buffer.from(JSON.stringify(person(r, true)));
      return {
        name: "json-post", path, method: "POST",
        requestHeaders: [["content-type", "application/json"]], requestBody: split(r, req),
        responseHeaders: [["content-type", "application/json"]], responseBody: [Buffer.from(`{"ok":true,"id":${r.int(1e6)}}`)],
      };
    }
  }
  return { ...base, name, path, responseHeaders: [["content-type", ct], ...extra], responseBody: split(r, body) };
}

export function realisticPool(seed: number, n: number): RealisticExchange[] {
  const r = new Rng(seed);
  return Array.from({ length: n }, () => realisticExchange(r));
}
