// Deterministic corpora for the regex benchmark: PII-dense JSON, PII-dense HTML, clean JSON.
import { Rng } from "../tests/regex/gen.ts";

const FIRST = ["James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "José", "Zoë", "François", "Chloé"];
const LAST = ["Smith", "Johnson", "Williams", "Brown", "Jones", "García", "Miller", "Davis", "Müller", "Lefèvre"];
const STREETS = ["Main Street", "Oak Avenue", "Pine Lane", "Maple Road", "Cedar Drive", "rue de Rivoli", "Elm Blvd", "Sunset Boulevard"];
const WORDS = ["alpha", "service", "request", "latency", "cache", "widget", "premium", "catalog", "shipping", "warehouse", "inventory", "discount", "review", "rating", "color", "size", "material", "cotton", "steel", "wooden"];

const d = (r: Rng, n: number): string => { let s = ""; for (let i = 0; i < n; i++) s += String(r.int(10)); return s; };
const pick = <T>(r: Rng, xs: T[]): T => xs[r.int(xs.length)];

function piiRecord(r: Rng, i: number): Record<string, unknown> {
  const f = pick(r, FIRST), l = pick(r, LAST);
  return {
    id: i,
    first_name: f,
    last_name: l,
    full_name: `${f} ${l}`,
    email: `${f.toLowerCase()}.${l.toLowerCase()}${r.int(100)}@example-mail.com`,
    phone: r.int(2) ? `(${d(r, 3)}) ${d(r, 3)}-${d(r, 4)}` : `+1 ${d(r, 3)}.${d(r, 3)}.${d(r, 4)}`,
    ssn: `${d(r, 3)}-${d(r, 2)}-${d(r, 4)}`,
    credit_card: r.int(2) ? `4${d(r, 15)}` : `${5}${1 + r.int(5)}${d(r, 2)} ${d(r, 4)} ${d(r, 4)} ${d(r, 4)}`,
    address: `${1 + r.int(9999)} ${pick(r, STREETS)}, Springfield`,
    date_of_birth: `${1 + r.int(12)}/${1 + r.int(28)}/${1950 + r.int(50)}`,
    access_token: d(r, 8) + "abcdef" + d(r, 6),
    notes: Array.from({ length: 4 + r.int(8) }, () => pick(r, WORDS)).join(" "),
  };
}

function cleanRecord(r: Rng, i: number): Record<string, unknown> {
  return {
    sku: `SKU${r.int(1e6)}`,
    name: Array.from({ length: 2 + r.int(3) }, () => pick(r, WORDS)).join(" "),
    price: Number((r.int(100000) / 100).toFixed(2)),
    in_stock: r.int(2) == 1,
    tags: Array.from({ length: 1 + r.int(4) }, () => pick(r, WORDS)),
    dimensions: { w: r.int(200), h: r.int(200), unit: "cm" },
    description: Array.from({ length: 8 + r.int(20) }, () => pick(r, WORDS)).join(" "),
    seq: i,
  };
}

function build(size: number, seed: number, open: string, close: string, sep: string, item: (r: Rng, i: number) => string): string {
  const r = new Rng(seed);
  const parts: string[] = [open];
  let len = open.length + close.length, i = 0;
  while (true) {
    const s = (i ? sep : "") + item(r, i);
    if (len + s.length > size && i > 0) break;
    parts.push(s); len += s.length; i++;
  }
  parts.push(close);
  let out = parts.join("");
  while (Buffer.byteLength(out) < size) out += " ";
  return out;
}

export function piiJson(size: number): string { return build(size, 1, "[", "]", ",", (r, i) => JSON.stringify(piiRecord(r, i))); }
export function cleanJson(size: number): string { return build(size, 2, "[", "]", ",", (r, i) => JSON.stringify(cleanRecord(r, i))); }
export function piiHtml(size: number): string {
  return build(size, 3, "<html><body><table>\n", "</table></body></html>\n", "\n", (r, i) => {
    const p = piiRecord(r, i) as Record<string, string>;
    return `<tr class="row"><td>${p.full_name}</td><td><a href="mailto:${p.email}">${p.email}</a></td><td>Call ${p.phone} today</td><td>SSN ${p.ssn}</td><td>Card: ${p.credit_card}</td><td>${p.address}</td><td>born ${p.date_of_birth}</td><td><p>${p.notes}</p></td></tr>`;
  });
}
