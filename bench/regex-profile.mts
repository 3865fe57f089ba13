import { RegexHarness } from "../tests/regex/harness.ts";
import { piiJson } from "./regex-corpora.ts";
import { readFileSync } from "node:fs";
const pats = readFileSync("../shared/data/leaksignal-example-patterns.tsv", "utf8").split("\n").filter((l) => l.trim() && !l.startsWith("#")).map((l) => l.split("\t"));
const h = await RegexHarness.load({ debug: process.env.DBG === "1" });
const only = process.argv[2];
const sel = only ? pats.filter((p) => p[0] === only) : pats.filter((p) => p[0] !== process.env.EXCLUDE);
h.compile(sel.map((p) => ({ source: p[2], kind: p[1] === "literal" ? 1 : 0 })), { cacheBytes: Number(process.env.CACHE ?? 0) });
const b = new TextEncoder().encode(piiJson(Number(process.env.SIZE ?? 65536)));
h.setInput(b);
for (let k = 0; k < 8; k++) {
  const t = performance.now();
  const n = h.scanCount(b.length, 16384);
  const ms = performance.now() - t;
  console.log(only ?? "all", n, (b.length / 1048576 / (ms / 1000)).toFixed(1), "MB/s", JSON.stringify(h.stats()));
}
if (process.env.SCALE) {
  for (const n of [1, 2, 4, 8, 12, 17]) {
    const sub = pats.slice(0, n);
    h.compile(sub.map((p) => ({ source: p[2], kind: p[1] === "literal" ? 1 : 0 })), { cacheBytes: 64 << 20 });
    let rate = 0;
    for (let k = 0; k < 5; k++) { const t = performance.now(); h.scanCount(b.length, 16384); rate = b.length / 1048576 / ((performance.now() - t) / 1000); }
    console.log(n, sub.at(-1)![0], rate.toFixed(1), JSON.stringify(h.stats()));
  }
}
if (process.env.INWASM) {
  const ex = (h as any).ex;
  for (const reps of [1, 10, 10]) { const t = performance.now(); const n = ex.benchScan(b.length, 16384, reps); const ms = performance.now() - t; console.log("inwasm", reps, n, (b.length * reps / 1048576 / (ms / 1000)).toFixed(1)); }
}
if (process.env.COMP) { const ex = (h as any).ex; for (let i = 0; i < sel.length; i++) console.log(sel[i][0], (h as any).readStr(ex.componentInfo(i))); }
